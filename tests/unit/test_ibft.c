/** @file Unit tests for the iBFT builder and decoder (src/ibft/build.c, decode.c, print.c, warn.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include <lwpxe/nic.h>
#include "fake_nic.h"
#include "platform_stub.h"

/*
 * The iBFT 1.03 layout, written out from the specification (not from
 * the builder's own header) so that a wrong offset there shows up here.
 */
enum {
	HDR_SIG = 0, HDR_LEN = 4, HDR_REV = 8, HDR_SUM = 9, HDR_OEM = 10,
	HDR_OEM_TABLE = 16, HDR_SIZE = 48,
	S_ID = 0, S_VER = 1, S_LEN = 2, S_INDEX = 4, S_FLAGS = 5,
	CTL = 48, CTL_EXT = 6, CTL_INI = 8, CTL_NIC0 = 10, CTL_TGT0 = 12,
	CTL_NIC1 = 14, CTL_TGT1 = 16, CTL_SIZE = 18,
	INI_ISNS = 6, INI_SLP = 22, INI_RAD1 = 38, INI_RAD2 = 54,
	INI_NAME_LEN = 70, INI_NAME_OFF = 72, INI_SIZE = 74,
	NIC_IP = 6, NIC_PREFIX = 22, NIC_ORIGIN = 23, NIC_GW = 24,
	NIC_DNS1 = 40, NIC_DNS2 = 56, NIC_DHCP = 72, NIC_VLAN = 88,
	NIC_MAC = 90, NIC_BDF = 96, NIC_HOST_LEN = 98, NIC_HOST_OFF = 100,
	NIC_SIZE = 102,
	TGT_IP = 6, TGT_PORT = 22, TGT_LUN = 24, TGT_CHAP = 32, TGT_NIC = 33,
	TGT_NAME_LEN = 34, TGT_NAME_OFF = 36, TGT_CN_LEN = 38, TGT_CN_OFF = 40,
	TGT_CS_LEN = 42, TGT_CS_OFF = 44, TGT_RN_LEN = 46, TGT_RN_OFF = 48,
	TGT_RS_LEN = 50, TGT_RS_OFF = 52, TGT_SIZE = 54,
};

/** Where this layout puts the structures: 8-byte aligned after the control */
enum { AT_INI = 72, AT_NIC0 = 152, AT_TGT0 = 256, AT_HEAP = 312 };

static uint8_t table[4096];
static struct san_description desc;
static struct ibft_params params;

/** Little-endian 16-bit value at @p off */
static unsigned int get16(size_t off)
{
	return table[off] | table[off + 1] << 8;
}

/** Little-endian 32-bit value at @p off */
static unsigned int get32(size_t off)
{
	return get16(off) | get16(off + 2) << 16;
}

/** Sum of the first @p len bytes */
static uint8_t sum(size_t len)
{
	uint8_t s = 0;

	for (size_t i = 0; i < len; i++)
		s = (uint8_t)(s + table[i]);
	return s;
}

/** Make the checksum right again after a deliberate change */
static void fix_checksum(size_t len)
{
	table[HDR_SUM] = 0;
	table[HDR_SUM] = (uint8_t)(0x100 - sum(len));
}

/** Mapped ::ffff:a.b.c.d */
static void mapped(uint8_t out[16], uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	const uint8_t v4[4] = { a, b, c, d };

	ibft_map_ipv4(out, v4);
}

/** Assert the string recorded at @p lenoff/@p offoff is @p want, NUL-terminated in the heap */
static void assert_string_at(size_t base, size_t lenoff, size_t offoff,
			     const char *want, size_t total)
{
	size_t len = get16(base + lenoff);
	size_t off = get16(base + offoff);

	assert_int_equal(len, strlen(want));
	assert_true(off >= AT_HEAP);
	assert_true(off + len < total);
	assert_memory_equal(table + off, want, len);
	assert_int_equal(table[off + len], 0);
}

/** One NIC and one target, as after a DHCP boot */
static int setup(void **state)
{
	struct ibft_nic_params *n = &params.nic[0];
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
	static const uint8_t lun[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };

	(void)state;
	memset(table, 0xaa, sizeof(table));
	memset(&params, 0, sizeof(params));
	memset(&desc, 0, sizeof(desc));
	params.initiator_name = "iqn.2010-04.org.lwpxe:client";
	params.nics = 1;
	mapped(n->ip, 10, 0, 2, 15);
	n->prefix = 24;
	n->origin = IBFT_ORIGIN_DHCP;
	mapped(n->gateway, 10, 0, 2, 2);
	mapped(n->dns[0], 10, 0, 2, 3);
	mapped(n->dns[1], 10, 0, 2, 4);
	mapped(n->dhcp_server, 10, 0, 2, 1);
	n->vlan = 0;
	memcpy(n->mac, mac, 6);
	n->busdevfn = 0x0018;   /* 00:03.0 */
	n->hostname = "client1";
	n->boot = 1;
	mapped(desc.target_ip, 10, 0, 2, 2);
	desc.port = 3260;
	memcpy(desc.lun, lun, 8);
	strcpy(desc.target_name, "iqn.2003-01.org.example:disk1");
	params.targets = 1;
	params.target[0].desc = &desc;
	params.target[0].nic = 0;
	params.target[0].boot = 1;
	return 0;
}

/** Build into the test table; returns the length */
static int build(void)
{
	int len = ibft_build(&params, table, sizeof(table));

	assert_true(len > 0);
	return len;
}

/** Header, control structure and structure headers sit where the spec says */
static void test_layout_header(void **state)
{
	int len = build();

	(void)state;
	assert_memory_equal(table + HDR_SIG, "iBFT", 4);
	assert_int_equal(get32(HDR_LEN), len);
	assert_int_equal(table[HDR_REV], 1);
	assert_memory_equal(table + HDR_OEM, "LWPXE ", 6);
	assert_memory_equal(table + HDR_OEM_TABLE, "LWPXE   ", 8);
	for (size_t i = 24; i < HDR_SIZE; i++)
		assert_int_equal(table[i], 0);

	assert_int_equal(table[CTL + S_ID], 1);
	assert_int_equal(table[CTL + S_VER], 1);
	assert_int_equal(get16(CTL + S_LEN), CTL_SIZE);
	assert_int_equal(table[CTL + S_INDEX], 0);
	assert_int_equal(get16(CTL + CTL_EXT), 0);
	assert_int_equal(get16(CTL + CTL_INI), AT_INI);
	assert_int_equal(get16(CTL + CTL_NIC0), AT_NIC0);
	assert_int_equal(get16(CTL + CTL_TGT0), AT_TGT0);
	assert_int_equal(get16(CTL + CTL_NIC1), 0);
	assert_int_equal(get16(CTL + CTL_TGT1), 0);

	assert_int_equal(table[AT_INI + S_ID], 2);
	assert_int_equal(get16(AT_INI + S_LEN), INI_SIZE);
	assert_int_equal(table[AT_INI + S_FLAGS], 3);
	assert_int_equal(table[AT_NIC0 + S_ID], 3);
	assert_int_equal(table[AT_NIC0 + S_VER], 1);
	assert_int_equal(get16(AT_NIC0 + S_LEN), NIC_SIZE);
	assert_int_equal(table[AT_NIC0 + S_INDEX], 0);
	assert_int_equal(table[AT_NIC0 + S_FLAGS], 3);
	assert_int_equal(table[AT_TGT0 + S_ID], 4);
	assert_int_equal(get16(AT_TGT0 + S_LEN), TGT_SIZE);
	assert_int_equal(table[AT_TGT0 + S_INDEX], 0);
	assert_int_equal(table[AT_TGT0 + S_FLAGS], 3);
	/* padding between structures is zero */
	assert_int_equal(table[AT_INI + INI_SIZE], 0);
	assert_int_equal(table[AT_NIC0 + NIC_SIZE], 0);
}

/** Every NIC field at its offset, IPv4 addresses mapped */
static void test_layout_nic(void **state)
{
	static const uint8_t ip[16] = { [10] = 0xff, [11] = 0xff,
					10, 0, 2, 15 };
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
	int len = build();

	(void)state;
	assert_memory_equal(table + AT_NIC0 + NIC_IP, ip, 16);
	assert_int_equal(table[AT_NIC0 + NIC_PREFIX], 24);
	assert_int_equal(table[AT_NIC0 + NIC_ORIGIN], 3);
	assert_int_equal(table[AT_NIC0 + NIC_GW + 15], 2);
	assert_int_equal(table[AT_NIC0 + NIC_GW + 10], 0xff);
	assert_int_equal(table[AT_NIC0 + NIC_DNS1 + 15], 3);
	assert_int_equal(table[AT_NIC0 + NIC_DNS2 + 15], 4);
	assert_int_equal(table[AT_NIC0 + NIC_DHCP + 15], 1);
	assert_int_equal(table[AT_NIC0 + NIC_DHCP + 9], 0);
	assert_int_equal(get16(AT_NIC0 + NIC_VLAN), 0);
	assert_memory_equal(table + AT_NIC0 + NIC_MAC, mac, 6);
	assert_int_equal(get16(AT_NIC0 + NIC_BDF), 0x0018);
	assert_string_at(AT_NIC0, NIC_HOST_LEN, NIC_HOST_OFF, "client1", len);
	/* initiator: server addresses unused, name in the heap */
	for (size_t i = INI_ISNS; i < INI_RAD2 + 16; i++)
		assert_int_equal(table[AT_INI + i], 0);
	assert_int_equal(INI_SLP, INI_ISNS + 16);
	assert_int_equal(INI_RAD1, INI_SLP + 16);
	assert_string_at(AT_INI, INI_NAME_LEN, INI_NAME_OFF,
			 "iqn.2010-04.org.lwpxe:client", len);
}

/** Target fields; CHAP types and their strings */
static void test_layout_target(void **state)
{
	int len = build();

	(void)state;
	assert_int_equal(table[AT_TGT0 + TGT_IP + 10], 0xff);
	assert_int_equal(table[AT_TGT0 + TGT_IP + 12], 10);
	assert_int_equal(table[AT_TGT0 + TGT_IP + 15], 2);
	assert_int_equal(get16(AT_TGT0 + TGT_PORT), 3260);
	assert_int_equal(table[AT_TGT0 + TGT_LUN + 1], 1);
	assert_int_equal(table[AT_TGT0 + TGT_CHAP], 0);
	assert_int_equal(table[AT_TGT0 + TGT_NIC], 0);
	assert_string_at(AT_TGT0, TGT_NAME_LEN, TGT_NAME_OFF,
			 "iqn.2003-01.org.example:disk1", len);
	assert_int_equal(get16(AT_TGT0 + TGT_CN_LEN), 0);
	assert_int_equal(get16(AT_TGT0 + TGT_CS_OFF), 0);

	/* one-way CHAP: name and secret, no reverse ones */
	strcpy(desc.chap_name, "alice");
	strcpy(desc.chap_secret, "secret-0123456");
	len = build();
	assert_int_equal(table[AT_TGT0 + TGT_CHAP], 1);
	assert_string_at(AT_TGT0, TGT_CN_LEN, TGT_CN_OFF, "alice", len);
	assert_string_at(AT_TGT0, TGT_CS_LEN, TGT_CS_OFF, "secret-0123456",
			 len);
	assert_int_equal(get16(AT_TGT0 + TGT_RN_LEN), 0);

	/* mutual CHAP */
	strcpy(desc.rchap_name, "target");
	strcpy(desc.rchap_secret, "other-secret-42");
	len = build();
	assert_int_equal(table[AT_TGT0 + TGT_CHAP], 2);
	assert_string_at(AT_TGT0, TGT_RN_LEN, TGT_RN_OFF, "target", len);
	assert_string_at(AT_TGT0, TGT_RS_LEN, TGT_RS_OFF, "other-secret-42",
			 len);
	assert_int_equal(get32(HDR_LEN), len);
}

/** Checksum makes the bytes sum to 0; the heap is exactly the strings */
static void test_checksum_and_heap(void **state)
{
	size_t heap = strlen("iqn.2010-04.org.lwpxe:client") + 1 +
		      strlen("client1") + 1 +
		      strlen("iqn.2003-01.org.example:disk1") + 1;
	int len = build();

	(void)state;
	assert_int_equal(len, AT_HEAP + heap);
	assert_int_equal(sum((size_t)len), 0);
	assert_int_equal(table[len], 0xaa);     /* nothing written past it */

	/* equal strings are stored once */
	strcpy(desc.chap_name, "iqn.2010-04.org.lwpxe:client");
	strcpy(desc.chap_secret, "s3cret-s3cret");
	len = build();
	assert_int_equal(get16(AT_TGT0 + TGT_CN_OFF),
			 get16(AT_INI + INI_NAME_OFF));
	assert_int_equal(len, AT_HEAP + heap + strlen("s3cret-s3cret") + 1);
	assert_int_equal(sum((size_t)len), 0);
}

/** Measuring, short buffers and bad parameters */
static void test_sizes(void **state)
{
	int len = build();

	(void)state;
	assert_int_equal(ibft_build(&params, NULL, 0), len);
	assert_int_equal(ibft_build(&params, table, (size_t)len - 1), -ENOSPC);
	assert_int_equal(ibft_build(&params, table, (size_t)len), len);
	params.target[0].nic = 1;
	assert_int_equal(ibft_build(&params, table, sizeof(table)), -EINVAL);
	params.target[0].nic = 0;
	params.targets = 3;
	assert_int_equal(ibft_build(&params, table, sizeof(table)), -EINVAL);
}

/** Fill @p s with @p n characters */
static char *fill(char *s, char c, size_t n)
{
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/** One NIC and one target with names at their limits still fit in 1 KiB */
static void test_long_names_fit(void **state)
{
	static char initiator[224];
	static char hostname[64];
	int len;

	(void)state;
	memcpy(fill(initiator, 'i', 223), "iqn.", 4);
	params.initiator_name = initiator;
	params.nic[0].hostname = fill(hostname, 'h', 63);
	memcpy(fill(desc.target_name, 't', 223), "iqn.", 4);
	fill(desc.chap_name, 'c', 32);
	fill(desc.chap_secret, 's', 16);
	fill(desc.rchap_name, 'r', 32);
	fill(desc.rchap_secret, 'x', 16);
	len = build();
	assert_true(len <= IBFT_ILLUMOS_MAX);
	assert_int_equal(ibft_check_linux(table, (size_t)len, NULL, 0), 0);
	assert_int_equal(ibft_check_illumos(table, (size_t)len, NULL, 0), 0);
	assert_string_at(AT_TGT0, TGT_NAME_LEN, TGT_NAME_OFF, desc.target_name,
			 len);
}

/** The decoder gives back what was built, and both OSes accept it */
static void test_decode_roundtrip(void **state)
{
	static struct ibft_info info;
	char why[96] = "";
	int len;

	(void)state;
	strcpy(desc.chap_name, "alice");
	strcpy(desc.chap_secret, "secret-0123456");
	len = build();
	assert_int_equal(ibft_decode(table, (size_t)len, &info), 0);
	assert_int_equal(info.length, len);
	assert_int_equal(info.revision, 1);
	assert_true(info.checksum_ok);
	assert_string_equal(info.oem_id, "LWPXE ");
	assert_true(info.initiator_present);
	assert_string_equal(info.initiator_name, "iqn.2010-04.org.lwpxe:client");
	assert_true(info.nic[0].present);
	assert_false(info.nic[1].present);
	assert_int_equal(info.nic[0].flags, 3);
	assert_memory_equal(info.nic[0].ip, params.nic[0].ip, 16);
	assert_int_equal(info.nic[0].prefix, 24);
	assert_int_equal(info.nic[0].busdevfn, 0x18);
	assert_string_equal(info.nic[0].hostname, "client1");
	assert_true(info.target[0].present);
	assert_int_equal(info.target[0].port, 3260);
	assert_int_equal(info.target[0].chap_type, 1);
	assert_string_equal(info.target[0].name, "iqn.2003-01.org.example:disk1");
	assert_string_equal(info.target[0].chap_secret, "secret-0123456");
	assert_int_equal(ibft_check_linux(table, (size_t)len, why, sizeof(why)),
			 0);
	assert_int_equal(ibft_check_illumos(table, (size_t)len, why,
					    sizeof(why)), 0);
}

/** A broken checksum is rejected by both */
static void test_reject_checksum(void **state)
{
	char why[96];
	int len = build();

	(void)state;
	table[AT_NIC0 + NIC_IP + 15] ^= 1;
	assert_int_equal(ibft_check_linux(table, (size_t)len, why, sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "checksum"));
	assert_int_equal(ibft_check_illumos(table, (size_t)len, why,
					    sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "checksum"));
	table[HDR_SIG] = 'I';
	fix_checksum((size_t)len);
	assert_int_equal(ibft_check_linux(table, (size_t)len, why, sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "signature"));
}

/** Linux skips a structure of the wrong length; illumos does not look */
static void test_reject_length(void **state)
{
	char why[96];
	int len = build();

	(void)state;
	table[AT_NIC0 + S_LEN] = NIC_SIZE - 2;
	fix_checksum((size_t)len);
	assert_int_equal(ibft_check_linux(table, (size_t)len, why, sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "NIC at 152: length 100"));
	assert_int_equal(ibft_check_illumos(table, (size_t)len, NULL, 0), 0);

	/* control length must be exactly 18 for Linux */
	len = build();
	table[CTL + S_LEN] = 20;
	fix_checksum((size_t)len);
	assert_int_equal(ibft_check_linux(table, (size_t)len, NULL, 0), -EINVAL);

	/* revision 2 */
	len = build();
	table[HDR_REV] = 2;
	fix_checksum((size_t)len);
	assert_int_equal(ibft_check_linux(table, (size_t)len, why, sizeof(why)),
			 -EINVAL);
	assert_non_null(strstr(why, "revision"));

	/* an offset past the end */
	len = build();
	table[CTL + CTL_TGT0] = (uint8_t)len;
	table[CTL + CTL_TGT0 + 1] = (uint8_t)(len >> 8);
	fix_checksum((size_t)len);
	assert_int_equal(ibft_check_linux(table, (size_t)len, NULL, 0), -EINVAL);
	assert_int_equal(ibft_check_illumos(table, (size_t)len, NULL, 0),
			 -EINVAL);
}

/** illumos' own rules: 1 KiB, known ids in all five offsets, boot selection, secrets */
static void test_reject_illumos(void **state)
{
	static char hostname[800];
	char why[96];
	int len;

	(void)state;
	params.nic[0].hostname = fill(hostname, 'h', 799);
	len = build();
	assert_true(len > IBFT_ILLUMOS_MAX);
	assert_int_equal(ibft_check_linux(table, (size_t)len, NULL, 0), 0);
	assert_int_equal(ibft_check_illumos(table, (size_t)len, why,
					    sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "1024"));

	/* NIC1 offset naming a structure that is no NIC/target/initiator */
	params.nic[0].hostname = "client1";
	len = build();
	table[CTL + CTL_NIC1] = HDR_SIZE;   /* points at the control itself */
	fix_checksum((size_t)len);
	assert_int_equal(ibft_check_illumos(table, (size_t)len, why,
					    sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "structure id 1"));

	/* nothing boot-selected: illumos finds no boot NIC */
	params.nic[0].boot = 0;
	len = build();
	assert_int_equal(ibft_check_linux(table, (size_t)len, NULL, 0), 0);
	assert_int_equal(ibft_check_illumos(table, (size_t)len, why,
					    sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "NIC"));
	params.nic[0].boot = 1;

	/* CHAP type without a secret */
	len = build();
	table[AT_TGT0 + TGT_CHAP] = 1;
	fix_checksum((size_t)len);
	assert_int_equal(ibft_check_illumos(table, (size_t)len, why,
					    sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "secret"));
}

/** Linux only follows offsets below length - 48, and reads 2 NICs and 2 targets */
static void test_two_pairs(void **state)
{
	static struct ibft_info info;
	struct san_description desc2 = desc;
	int len;

	(void)state;
	params.nics = 2;
	params.nic[1] = params.nic[0];
	params.nic[1].boot = 0;
	params.nic[1].hostname = "client1";
	strcpy(desc2.target_name, "iqn.2003-01.org.example:disk2");
	params.targets = 2;
	params.target[1].desc = &desc2;
	params.target[1].nic = 1;
	params.target[1].boot = 0;
	len = build();
	assert_int_equal(get16(CTL + CTL_NIC1), AT_NIC0 + 104);
	assert_int_equal(get16(CTL + CTL_TGT0), AT_NIC0 + 2 * 104);
	assert_int_equal(get16(CTL + CTL_TGT1), AT_NIC0 + 2 * 104 + 56);
	assert_int_equal(ibft_check_linux(table, (size_t)len, NULL, 0), 0);
	assert_int_equal(ibft_check_illumos(table, (size_t)len, NULL, 0), 0);
	assert_int_equal(ibft_decode(table, (size_t)len, &info), 0);
	assert_int_equal(info.nic[1].index, 1);
	assert_int_equal(info.nic[1].flags, 1);
	assert_int_equal(info.target[1].nic, 1);
	assert_int_equal(info.target[1].index, 1);
	assert_string_equal(info.target[1].name, "iqn.2003-01.org.example:disk2");
	assert_true(get16(CTL + CTL_TGT1) < (unsigned int)len - HDR_SIZE);
}

/** `ibft`'s printout names every field an OS uses, and no secret */
static void test_print(void **state)
{
	const char *out;
	int len;

	(void)state;
	strcpy(desc.chap_name, "alice");
	strcpy(desc.chap_secret, "secret-0123456");
	len = build();
	stub_console_reset();
	ibft_print(table, (size_t)len);
	out = stub_console_output();
	assert_non_null(strstr(out, "checksum ok"));
	assert_non_null(strstr(out, "Initiator (valid, boot selected): "
				    "iqn.2010-04.org.lwpxe:client\n"));
	assert_non_null(strstr(out, "  Local IP:    10.0.2.15/24 (origin 3, DHCP)\n"));
	assert_non_null(strstr(out, "  Gateway:     10.0.2.2\n"));
	assert_non_null(strstr(out, "  DNS:         10.0.2.3, 10.0.2.4\n"));
	assert_non_null(strstr(out, "  DHCP server: 10.0.2.1\n"));
	assert_non_null(strstr(out, "  MAC:         52:54:00:12:34:56\n"));
	assert_non_null(strstr(out, "  PCI:         00:03.0\n"));
	assert_non_null(strstr(out, "  Hostname:    client1\n"));
	assert_non_null(strstr(out, "  Name:        iqn.2003-01.org.example:disk1\n"));
	assert_non_null(strstr(out, "  Port:        3260\n"));
	assert_non_null(strstr(out, "  LUN:         0001-0000-0000-0000\n"));
	assert_non_null(strstr(out, "  CHAP:        one-way, name \"alice\", secret 14 bytes\n"));
	assert_null(strstr(out, "secret-0123456"));
	assert_non_null(strstr(out, "Linux:   accepts\n"));
	assert_non_null(strstr(out, "illumos: accepts\n"));

	table[HDR_SUM] ^= 0xff;
	stub_console_reset();
	ibft_print(table, (size_t)len);
	assert_non_null(strstr(stub_console_output(), "checksum BAD"));
	assert_non_null(strstr(stub_console_output(), "Linux:   rejects: bad checksum"));
}

/** Warnings (what `sanboot` prints) for the table built from params */
static const char *warnings(void)
{
	int len = build();

	stub_console_reset();
	ibft_warn(table, (size_t)len);
	return stub_console_output();
}

/** illumos misreads any LUN but 0: a line naming what it reads; LUN 0 is quiet */
static void test_warn_lun(void **state)
{
	(void)state;
	assert_non_null(strstr(warnings(),
			       "ibft: illumos: reads target 0's LUN 0001-0000-... as 256 "
			       "(the first two bytes as a host-order 16-bit number): "
			       "only LUN 0 boots there\n"));
	memset(desc.lun, 0, 8);
	assert_string_equal(warnings(), "");
	desc.lun[1] = 0x07;
	desc.lun[0] = 0x40;     /* flat addressing, LUN 7 */
	assert_non_null(strstr(warnings(), "LUN 4007-0000-... as 1856"));
}

/** A target the table's own address, prefix and gateway cannot reach */
static void test_warn_route(void **state)
{
	(void)state;
	memset(desc.lun, 0, 8);
	mapped(desc.target_ip, 10, 1, 0, 5);
	assert_string_equal(warnings(), "");   /* through gateway 10.0.2.2 */
	memset(params.nic[0].gateway, 0, 16);
	assert_string_equal(warnings(),
			    "ibft: Linux, illumos: target 0 (10.1.0.5) is outside "
			    "NIC 0's 10.0.2.15/24 and the table has no gateway: "
			    "the OS cannot reach it\n");
	mapped(params.nic[0].gateway, 10, 9, 0, 1);
	assert_string_equal(warnings(),
			    "ibft: Linux, illumos: target 0 (10.1.0.5) is behind "
			    "gateway 10.9.0.1, outside NIC 0's 10.0.2.15/24: "
			    "the OS cannot reach it\n");
	params.nic[0].prefix = 8;       /* now the target is on the link */
	assert_string_equal(warnings(), "");
}

/** A NIC whose OS drivers read another MAC than the table's, or have no driver */
static void test_warn_nic(void **state)
{
	static struct nic nic;
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
	static const uint8_t rev[6] = { 0x56, 0x34, 0x12, 0, 0x54, 0x52 };

	(void)state;
	memset(desc.lun, 0, 8);
	assert_int_equal(fake_nic_register(&nic, mac, "nge", NULL), 0);
	device_set_pci(&nic.desc, 0, 0, 3, 0, 0x10de, 0x0373); /* the table's 00:03.0 */
	nic.chip = "MCP55";
	nic.os[NIC_OS_LINUX].driver = "forcedeth";
	memcpy(nic.os[NIC_OS_LINUX].mac, mac, 6);
	nic.os[NIC_OS_ILLUMOS].driver = "nge";
	memcpy(nic.os[NIC_OS_ILLUMOS].mac, rev, 6);
	assert_string_equal(warnings(),
			    "ibft: illumos: its nge driver reads 56:34:12:00:54:52 "
			    "on NIC 0 (MCP55, PCI 00:03.0), the table says "
			    "52:54:00:12:34:56: it will not find the boot NIC "
			    "(ibft-mac sets the table's)\n");
	nic.os[NIC_OS_ILLUMOS].driver = "";
	assert_string_equal(warnings(),
			    "ibft: illumos: no driver for NIC 0 (nge MCP55, "
			    "PCI 00:03.0): it will not find the boot NIC\n");
	memcpy(nic.os[NIC_OS_ILLUMOS].mac, mac, 6);
	nic.os[NIC_OS_ILLUMOS].driver = "nge";
	assert_string_equal(warnings(), "");
	/* `ibft` shows the same lines after the verdicts */
	nic.os[NIC_OS_LINUX].mac[5] ^= 1;
	stub_console_reset();
	ibft_print(table, (size_t)build());
	assert_non_null(strstr(stub_console_output(),
			       "illumos: accepts\nibft: Linux: its forcedeth driver "
			       "reads 52:54:00:12:34:57"));
	nic.os[NIC_OS_LINUX].driver = NULL;     /* not known: no line */
	nic.os[NIC_OS_ILLUMOS].driver = NULL;
}

/** sanboot's warnings include each OS's rejection (the 1 KiB illumos copies) */
static void test_warn_reject(void **state)
{
	static char hostname[800];

	(void)state;
	memset(desc.lun, 0, 8);
	params.nic[0].hostname = fill(hostname, 'h', 799);
	assert_non_null(strstr(warnings(),
			       "ibft: illumos will reject the table: "));
	assert_non_null(strstr(stub_console_output(), "illumos copies only 1024"));
	assert_null(strstr(stub_console_output(), "Linux will reject"));
}

/** Run the iBFT tests */
int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_layout_header, setup),
		cmocka_unit_test_setup(test_layout_nic, setup),
		cmocka_unit_test_setup(test_layout_target, setup),
		cmocka_unit_test_setup(test_checksum_and_heap, setup),
		cmocka_unit_test_setup(test_sizes, setup),
		cmocka_unit_test_setup(test_long_names_fit, setup),
		cmocka_unit_test_setup(test_decode_roundtrip, setup),
		cmocka_unit_test_setup(test_reject_checksum, setup),
		cmocka_unit_test_setup(test_reject_length, setup),
		cmocka_unit_test_setup(test_reject_illumos, setup),
		cmocka_unit_test_setup(test_two_pairs, setup),
		cmocka_unit_test_setup(test_print, setup),
		cmocka_unit_test_setup(test_warn_lun, setup),
		cmocka_unit_test_setup(test_warn_route, setup),
		cmocka_unit_test_setup(test_warn_nic, setup),
		cmocka_unit_test_setup(test_warn_reject, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
