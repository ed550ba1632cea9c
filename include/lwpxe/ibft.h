/** @file The iSCSI Boot Firmware Table (iBFT 1.03): building, decoding, installing. */
#ifndef LWPXE_IBFT_H
#define LWPXE_IBFT_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/blockdev.h>
#include <lwpxe/compiler.h>

/*
 * Layout (all numbers little-endian, offsets from the table start):
 * the 48-byte ACPI-style header, the control structure at 48, then the
 * initiator, NIC and target structures on 8-byte boundaries, then a heap
 * of NUL-terminated strings whose recorded lengths exclude the NUL.
 */

/** Table signature */
#define IBFT_SIGNATURE "iBFT"
/** Table revision this builder writes (the only one Linux accepts) */
#define IBFT_REVISION 1
/** Size of the table header; the control structure follows it */
#define IBFT_HEADER_LEN 48
/** Structure ids */
#define IBFT_ID_CONTROL 1
#define IBFT_ID_INITIATOR 2
#define IBFT_ID_NIC 3
#define IBFT_ID_TARGET 4
/** Structure lengths (Linux ignores structures of any other length) */
#define IBFT_CONTROL_LEN 18
#define IBFT_INITIATOR_LEN 74
#define IBFT_NIC_LEN 102
#define IBFT_TARGET_LEN 54
/** Structures start on multiples of this */
#define IBFT_ALIGN 8
/** Structure flags */
#define IBFT_FL_VALID 0x01          /**< block valid */
#define IBFT_FL_BOOT_SELECTED 0x02  /**< firmware booted from it */
/** NIC origin of the address (Windows' IP_PREFIX_ORIGIN) */
#define IBFT_ORIGIN_MANUAL 1
#define IBFT_ORIGIN_DHCP 3
/** Target CHAP type */
#define IBFT_CHAP_NONE 0
#define IBFT_CHAP_ONE_WAY 1
#define IBFT_CHAP_MUTUAL 2
/** NICs and targets the control structure can name */
#define IBFT_MAX_NICS 2
#define IBFT_MAX_TARGETS 2
/** Bytes of the table illumos copies (a longer table overruns its buffer) */
#define IBFT_ILLUMOS_MAX 1024

/** One NIC as the OS should bring it up again */
struct ibft_nic_params {
	uint8_t ip[16];            /**< address (IPv4 mapped: ::ffff:a.b.c.d) */
	uint8_t prefix;            /**< subnet mask prefix length */
	uint8_t origin;            /**< IBFT_ORIGIN_DHCP or _MANUAL */
	uint8_t gateway[16];       /**< default gateway */
	uint8_t dns[2][16];        /**< primary and secondary DNS server */
	uint8_t dhcp_server[16];   /**< DHCP server that gave the lease */
	uint16_t vlan;             /**< VLAN tag, 0 if none */
	uint8_t mac[6];            /**< MAC as the OS driver will report it */
	uint16_t busdevfn;         /**< PCI bus << 8 | dev << 3 | fn, 0 if not PCI */
	const char *hostname;      /**< host name, NULL or "" if none */
	int boot;                  /**< nonzero: the NIC we booted through */
};

/** One target: a live session's description and its NIC */
struct ibft_target_params {
	const struct san_description *desc;  /**< from the SAN device */
	unsigned int nic;          /**< index into ibft_params.nic */
	int boot;                  /**< nonzero: the target we boot from */
};

/** Everything the table says */
struct ibft_params {
	const char *initiator_name;                   /**< initiator IQN */
	unsigned int nics;                            /**< NICs used */
	struct ibft_nic_params nic[IBFT_MAX_NICS];    /**< the NICs */
	unsigned int targets;                         /**< targets used */
	struct ibft_target_params target[IBFT_MAX_TARGETS];  /**< the targets */
};

/** Write ::ffff:a.b.c.d for IPv4 address @p ipv4 (network order) into @p out */
void ibft_map_ipv4(uint8_t out[16], const uint8_t ipv4[4]);

/**
 * Build the table
 *
 * @v p         contents
 * @v buf       where to write it (may be NULL with @p len 0 to learn the size)
 * @v len       size of @p buf
 * @ret len     table length, -ENOSPC if @p buf is too small, -EINVAL for
 *              bad parameters (too many NICs/targets, bad NIC index)
 */
int ibft_build(const struct ibft_params *p, void *buf, size_t len);

/** A NIC structure as an OS reads it */
struct ibft_nic_info {
	int present;               /**< nonzero if the control structure names it */
	uint8_t index;             /**< structure index */
	uint8_t flags;             /**< IBFT_FL_ */
	uint8_t ip[16];            /**< address */
	uint8_t prefix;            /**< prefix length */
	uint8_t origin;            /**< IBFT_ORIGIN_ */
	uint8_t gateway[16];       /**< gateway */
	uint8_t dns[2][16];        /**< DNS servers */
	uint8_t dhcp_server[16];   /**< DHCP server */
	uint16_t vlan;             /**< VLAN */
	uint8_t mac[6];            /**< MAC */
	uint16_t busdevfn;         /**< PCI location */
	char hostname[256];        /**< host name */
};

/** A target structure as an OS reads it */
struct ibft_target_info {
	int present;               /**< nonzero if the control structure names it */
	uint8_t index;             /**< structure index */
	uint8_t flags;             /**< IBFT_FL_ */
	uint8_t ip[16];            /**< address */
	uint16_t port;             /**< TCP port */
	uint8_t lun[8];            /**< LUN as on the wire */
	uint8_t chap_type;         /**< IBFT_CHAP_ */
	uint8_t nic;               /**< NIC association */
	char name[256];            /**< target IQN */
	char chap_name[256];       /**< CHAP name */
	char chap_secret[256];     /**< CHAP secret */
	char rchap_name[256];      /**< reverse CHAP name */
	char rchap_secret[256];    /**< reverse CHAP secret */
};

/** A whole table as an OS reads it */
struct ibft_info {
	uint32_t length;           /**< header length field */
	uint8_t revision;          /**< header revision */
	int checksum_ok;           /**< nonzero if the bytes sum to 0 */
	char oem_id[7];            /**< OEM id */
	char oem_table_id[9];      /**< OEM table id */
	int initiator_present;     /**< nonzero if named by the control structure */
	uint8_t initiator_flags;   /**< its flags */
	char initiator_name[256];  /**< initiator IQN */
	struct ibft_nic_info nic[IBFT_MAX_NICS];           /**< NIC 0 and 1 */
	struct ibft_target_info target[IBFT_MAX_TARGETS];  /**< target 0 and 1 */
};

/**
 * Decode @p table leniently (what is there, without judging it)
 *
 * @ret rc      0, or -EINVAL if it is too short to hold a header and
 *              control structure or a structure lies outside it
 */
int ibft_decode(const void *table, size_t len, struct ibft_info *info);

/**
 * Apply the acceptance rules of Linux' iscsi_ibft driver: signature,
 * revision 1, checksum, control structure id 1 / length 18 / index 0,
 * every named structure inside the table with its exact length.
 *
 * @v why       receives the reason for a rejection (may be NULL)
 * @ret rc      0 if Linux would show every structure, else -EINVAL
 */
int ibft_check_linux(const void *table, size_t len, char *why, size_t whylen);

/**
 * Apply illumos' rules: signature, length at most 1 KiB, checksum,
 * control id 1, the five offsets after it naming only initiator, NIC
 * or target structures, a valid boot-selected NIC and target, and the
 * CHAP secrets its chosen CHAP type needs.
 *
 * @ret rc      0 if illumos would boot from it, else -EINVAL
 */
int ibft_check_illumos(const void *table, size_t len, char *why,
		       size_t whylen);

/** Print @p table decoded as an OS reads it, with both verdicts and the warnings */
void ibft_print(const void *table, size_t len);

/**
 * Print one line per way the OSes will not boot from a decoded table
 * although they accept it: a NIC their driver reports under another MAC
 * (or does not drive at all), a LUN illumos misreads, a target outside the
 * NIC's subnet without a gateway to it
 */
void ibft_warnings(const struct ibft_info *info);

/** Print the rejections and the warnings for @p table (what `sanboot` says before booting) */
void ibft_warn(const void *table, size_t len);

/** Something that comments on a table before a boot (src/ibft/show registers ibft_warn) */
struct ibft_checker {
	/** Print what the booting OSes will make of @p table */
	void (*check)(const void *table, size_t len);
};

/** Register an iBFT checker (images without src/ibft/show have none) */
#define IBFT_CHECKER(object) TABLE_ENTRY(ibft_checkers, object)
TABLE_DECLARE(ibft_checkers);

/** Everything ibft_gather() collects (the parameters point into it) */
struct ibft_state {
	struct ibft_params params;                       /**< for ibft_build() */
	struct san_description desc[IBFT_MAX_TARGETS];   /**< the targets */
	char initiator[224];                             /**< initiator IQN */
	char hostname[IBFT_MAX_NICS][256];               /**< host names */
};

/**
 * Fill @p st from the hooked SAN drives that may be described (at most
 * IBFT_MAX_TARGETS, lowest drive number first: that one is marked
 * boot-selected, with its NIC) and, for each target's NIC ("net0" if the
 * session names none), the settings netN/ip, netmask, gateway, dns,
 * dhcp-server, hostname, mac; the initiator name is the one the first
 * session used, else `initiator-iqn`.
 *
 * @ret n       number of targets described (0 if none), or -error
 */
int ibft_gather(struct ibft_state *st);

/**
 * Rebuild the table from the current state and install it (or withdraw
 * it when no drive is described).  Prints one line on failure.
 *
 * @ret rc      0 or -error
 */
int ibft_publish(void);

/** The table last installed, or NULL; its length in @p len */
const void *ibft_current(size_t *len);

/**
 * Platform: make @p table of @p len bytes visible to the next OS (BIOS:
 * base memory 0x80000-0x9FFFF on a 16-byte boundary, hidden from the
 * OS; UEFI: the ACPI table protocol; Linux: the file of `--ibft-out`).
 * Replaces any table installed before; @p len 0 withdraws it.
 *
 * @ret rc      0 or -error
 */
int ibft_install(const void *table, size_t len);

#endif
