/** @file Unit tests for El Torito boot catalogue parsing (src/san/eltorito.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/eltorito.h>
#include <lwpxe/errors.h>

static uint8_t sector[ELTORITO_SECTOR];

/** A boot record volume descriptor pointing at catalogue sector @p lba */
static void make_record(uint32_t lba)
{
	memset(sector, 0, sizeof(sector));
	memcpy(sector + 1, "CD001", 5);
	sector[6] = 1;
	memcpy(sector + 7, "EL TORITO SPECIFICATION", 23);
	memcpy(sector + 0x47, &lba, 4);
}

/** Set the validation entry's checksum word so its words sum to 0 */
static void fix_checksum(void)
{
	uint16_t sum = 0, w;

	sector[0x1c] = sector[0x1d] = 0;
	for (unsigned int i = 0; i < 32; i += 2) {
		memcpy(&w, sector + i, 2);
		sum = (uint16_t)(sum + w);
	}
	w = (uint16_t)-sum;
	memcpy(sector + 0x1c, &w, 2);
}

/** A catalogue for platform @p platform whose default entry is as given */
static void make_catalog(uint8_t platform, uint8_t indicator, uint8_t media,
			 uint16_t seg, uint16_t count, uint32_t lba)
{
	memset(sector, 0, sizeof(sector));
	sector[0] = 0x01;
	sector[1] = platform;
	memcpy(sector + 4, "lwpxe test", 10);
	sector[0x1e] = 0x55;
	sector[0x1f] = 0xaa;
	fix_checksum();
	sector[32] = indicator;
	sector[33] = media;
	memcpy(sector + 34, &seg, 2);
	sector[36] = 0x17;
	memcpy(sector + 38, &count, 2);
	memcpy(sector + 40, &lba, 4);
}

/** The record's catalogue pointer is read; anything else is not El Torito */
static void test_record(void **state)
{
	const char *why = NULL;
	uint32_t lba = 0;

	(void)state;
	make_record(1627);
	assert_int_equal(eltorito_parse_record(sector, &lba, &why), 0);
	assert_int_equal(lba, 1627);
	make_record(1627);
	sector[0] = 0xff;                   /* a set terminator, say */
	assert_int_equal(eltorito_parse_record(sector, &lba, &why), -ENOEXEC);
	assert_string_equal(why, "no El Torito boot record in sector 17 (no boot catalogue)");
	make_record(1627);
	memcpy(sector + 7, "EL TORITO SPECIFICATIOX", 23);
	assert_int_equal(eltorito_parse_record(sector, &lba, &why), -ENOEXEC);
	make_record(1627);
	memset(sector, 0, 64);              /* an all-zero sector */
	assert_int_equal(eltorito_parse_record(sector, &lba, &why), -ENOEXEC);
}

/** A no-emulation default entry, as grub-mkrescue and ISOLINUX write it */
static void test_catalog_no_emul(void **state)
{
	struct eltorito_boot boot;
	const char *why = NULL;

	(void)state;
	make_catalog(0x00, 0x88, 0x00, 0, 4, 2973);
	assert_int_equal(eltorito_parse_catalog(sector, &boot, &why), 0);
	assert_int_equal(boot.media, ELTORITO_NO_EMUL);
	assert_int_equal(boot.load_seg, ELTORITO_DEFAULT_SEG);
	assert_int_equal(boot.sectors, 4);
	assert_int_equal(boot.image_lba, 2973);
	assert_int_equal(boot.system_type, 0x17);
	make_catalog(0x00, 0x88, 0x00, 0x2000, 1, 20);
	assert_int_equal(eltorito_parse_catalog(sector, &boot, &why), 0);
	assert_int_equal(boot.load_seg, 0x2000);
}

/** Emulation entries parse, with their media named for the refusal */
static void test_catalog_emulation(void **state)
{
	struct eltorito_boot boot;
	const char *why = NULL;

	(void)state;
	make_catalog(0x00, 0x88, 0x02, 0, 1, 30);
	assert_int_equal(eltorito_parse_catalog(sector, &boot, &why), 0);
	assert_int_equal(boot.media, ELTORITO_FLOPPY_1440);
	assert_string_equal(eltorito_media_name(boot.media),
			    "1.44 MB floppy emulation");
	make_catalog(0x00, 0x88, 0x04, 0, 1, 30);
	assert_int_equal(eltorito_parse_catalog(sector, &boot, &why), 0);
	assert_string_equal(eltorito_media_name(boot.media),
			    "hard disk emulation");
	make_catalog(0x00, 0x88, 0x05, 0, 1, 30);
	assert_int_equal(eltorito_parse_catalog(sector, &boot, &why), -ENOEXEC);
	assert_string_equal(why, "the default boot entry has an unknown media type");
}

/** Each broken catalogue gets its own cause */
static void test_catalog_bad(void **state)
{
	struct eltorito_boot boot;
	const char *why = NULL;

	(void)state;
	make_catalog(0x00, 0x88, 0x00, 0, 4, 30);
	sector[0x1f] = 0x00;
	assert_int_equal(eltorito_parse_catalog(sector, &boot, &why), -ENOEXEC);
	assert_string_equal(why, "the boot catalogue has no validation entry");
	make_catalog(0x00, 0x88, 0x00, 0, 4, 30);
	sector[4] ^= 1;
	assert_int_equal(eltorito_parse_catalog(sector, &boot, &why), -ENOEXEC);
	assert_string_equal(why, "the boot catalogue's validation entry has a bad checksum");
	make_catalog(0xef, 0x88, 0x00, 0, 4, 30);
	assert_int_equal(eltorito_parse_catalog(sector, &boot, &why), -ENOEXEC);
	assert_string_equal(why, "the default boot entry is for UEFI, not BIOS");
	make_catalog(0x01, 0x88, 0x00, 0, 4, 30);
	assert_int_equal(eltorito_parse_catalog(sector, &boot, &why), -ENOEXEC);
	assert_string_equal(why, "the default boot entry is not for x86");
	make_catalog(0x00, 0x00, 0x00, 0, 4, 30);
	assert_int_equal(eltorito_parse_catalog(sector, &boot, &why), -ENOEXEC);
	assert_string_equal(why, "the default boot entry is not bootable");
	make_catalog(0x00, 0x88, 0x00, 0, 0, 30);
	assert_int_equal(eltorito_parse_catalog(sector, &boot, &why), -ENOEXEC);
	assert_string_equal(why, "the default boot entry loads no sectors");
}

/** A catalogue as grub-mkrescue writes it: a BIOS default entry, then one final UEFI section of @p efi bootable entries */
static void make_hybrid(unsigned int efi)
{
	make_catalog(ELTORITO_PLATFORM_X86, 0x88, 0x00, 0, 4, 30);
	sector[64] = 0x91;
	sector[65] = ELTORITO_PLATFORM_EFI;
	sector[66] = (uint8_t)efi;
	for (unsigned int i = 0; i < efi; i++)
		sector[96 + 32 * i] = 0x88;
}

/** Bootable entries are counted per platform: the default entry and each section's */
static void test_count(void **state)
{
	unsigned int others;

	(void)state;
	make_hybrid(1);
	assert_int_equal(eltorito_count(sector, sizeof(sector), ELTORITO_PLATFORM_EFI, &others), 1);
	assert_int_equal(others, 1);
	assert_int_equal(eltorito_count(sector, sizeof(sector), ELTORITO_PLATFORM_X86, &others), 1);
	assert_int_equal(others, 1);
	make_hybrid(0);                      /* BIOS only */
	assert_int_equal(eltorito_count(sector, sizeof(sector), ELTORITO_PLATFORM_EFI, &others), 0);
	assert_int_equal(others, 1);
	make_hybrid(2);
	sector[96] = 0;                      /* the first UEFI entry not bootable */
	sector[128 + 32] = 0x88;             /* after the final section: ignored */
	assert_int_equal(eltorito_count(sector, sizeof(sector), ELTORITO_PLATFORM_EFI, &others), 1);
	/* an extension record between entries is skipped, not counted */
	make_hybrid(2);
	memmove(sector + 160, sector + 128, 32);
	memset(sector + 128, 0, 32);
	sector[128] = 0x44;
	assert_int_equal(eltorito_count(sector, sizeof(sector), ELTORITO_PLATFORM_EFI, &others), 2);
}

/** A damaged validation entry or a short buffer is refused; entries past the buffer are not read */
static void test_count_damaged(void **state)
{
	unsigned int others;

	(void)state;
	make_hybrid(1);
	sector[4] ^= 1;                      /* checksum no longer zero */
	assert_int_equal(eltorito_count(sector, sizeof(sector), ELTORITO_PLATFORM_EFI, &others), -EINVAL);
	make_hybrid(1);
	sector[31] = 0;
	assert_int_equal(eltorito_count(sector, sizeof(sector), ELTORITO_PLATFORM_EFI, &others), -EINVAL);
	make_hybrid(1);
	assert_int_equal(eltorito_count(sector, 63, ELTORITO_PLATFORM_EFI, &others), -EINVAL);
	/* the section says 255 entries; only those whole inside the buffer count */
	sector[66] = 255;
	assert_int_equal(eltorito_count(sector, 128, ELTORITO_PLATFORM_EFI, &others), 1);
	assert_int_equal(eltorito_count(sector, 127, ELTORITO_PLATFORM_EFI, &others), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record),
		cmocka_unit_test(test_catalog_no_emul),
		cmocka_unit_test(test_catalog_emulation),
		cmocka_unit_test(test_catalog_bad),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_count_damaged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
