/** @file Unit tests for the El Torito reader (src/san/eltorito.c): boot records and catalogues, good and damaged. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/eltorito.h>
#include <lwpxe/errors.h>

/** A boot record volume descriptor in @p s pointing at sector @p cat */
static void t_brvd(uint8_t *s, uint32_t cat)
{
	memset(s, 0, ELTORITO_SECTOR);
	memcpy(s, "\0CD001\1EL TORITO SPECIFICATION", 30);
	s[0x47] = cat & 0xff, s[0x48] = cat >> 8;
	s[0x49] = cat >> 16, s[0x4a] = cat >> 24;
}

/** A validation entry for @p platform at @p e, its checksum made right */
static void t_validation(uint8_t *e, uint8_t platform)
{
	uint16_t sum = 0;

	memset(e, 0, 32);
	e[0] = 1, e[1] = platform, e[30] = 0x55, e[31] = 0xaa;
	for (int i = 0; i < 32; i += 2)
		sum += e[i] | e[i + 1] << 8;
	sum = (uint16_t)-sum;
	e[28] = sum & 0xff, e[29] = sum >> 8;
}

/** A catalogue as grub-mkrescue writes it: a BIOS initial entry, one final UEFI section with @p efi entries */
static void t_catalog(uint8_t *c, unsigned int efi)
{
	memset(c, 0, ELTORITO_SECTOR);
	t_validation(c, ELTORITO_PLATFORM_X86);
	c[32] = 0x88;                        /* initial entry: bootable */
	c[64] = 0x91, c[65] = ELTORITO_PLATFORM_EFI, c[66] = efi;
	for (unsigned int i = 0; i < efi; i++)
		c[96 + 32 * i] = 0x88;
}

/** The catalogue's sector is read from a boot record; other descriptors are refused */
static void test_brvd(void **state)
{
	uint8_t s[ELTORITO_SECTOR];
	uint32_t sector = 0;

	t_brvd(s, 0x12345678);
	assert_int_equal(eltorito_catalog_sector(s, &sector), 0);
	assert_int_equal(sector, 0x12345678);
	s[0] = 1;                            /* a primary volume descriptor */
	assert_int_equal(eltorito_catalog_sector(s, &sector), -ENOENT);
	t_brvd(s, 20);
	memcpy(s + 7, "EL TORITO SPECIFICATIOM", 23);
	assert_int_equal(eltorito_catalog_sector(s, &sector), -ENOENT);
	memset(s, 0, sizeof(s));             /* a blank sector */
	assert_int_equal(eltorito_catalog_sector(s, &sector), -ENOENT);
}

/** Bootable entries are counted per platform: initial entry and sections */
static void test_count(void **state)
{
	uint8_t c[ELTORITO_SECTOR];
	unsigned int others;

	t_catalog(c, 1);
	assert_int_equal(eltorito_count(c, sizeof(c), ELTORITO_PLATFORM_EFI, &others), 1);
	assert_int_equal(others, 1);
	assert_int_equal(eltorito_count(c, sizeof(c), ELTORITO_PLATFORM_X86, &others), 1);
	assert_int_equal(others, 1);
	t_catalog(c, 0);                     /* BIOS only */
	assert_int_equal(eltorito_count(c, sizeof(c), ELTORITO_PLATFORM_EFI, &others), 0);
	assert_int_equal(others, 1);
	t_catalog(c, 2);
	c[96] = 0;                           /* the first UEFI entry not bootable */
	c[128 + 32] = 0x88;                  /* after the final section: ignored */
	assert_int_equal(eltorito_count(c, sizeof(c), ELTORITO_PLATFORM_EFI, &others), 1);
	/* an extension record between entries is skipped, not counted */
	t_catalog(c, 2);
	memmove(c + 160, c + 128, 32);
	memset(c + 128, 0, 32);
	c[128] = 0x44;
	assert_int_equal(eltorito_count(c, sizeof(c), ELTORITO_PLATFORM_EFI, &others), 2);
}

/** A damaged validation entry or a short buffer is refused; entries past the buffer are not read */
static void test_damaged(void **state)
{
	uint8_t c[ELTORITO_SECTOR];
	unsigned int others;

	t_catalog(c, 1);
	c[4] ^= 1;                           /* checksum no longer zero */
	assert_int_equal(eltorito_count(c, sizeof(c), ELTORITO_PLATFORM_EFI, &others), -EINVAL);
	t_catalog(c, 1);
	c[31] = 0;
	assert_int_equal(eltorito_count(c, sizeof(c), ELTORITO_PLATFORM_EFI, &others), -EINVAL);
	t_catalog(c, 1);
	assert_int_equal(eltorito_count(c, 63, ELTORITO_PLATFORM_EFI, &others), -EINVAL);
	/* the section says 255 entries; only those whole inside the buffer count */
	c[66] = 255;
	assert_int_equal(eltorito_count(c, 128, ELTORITO_PLATFORM_EFI, &others), 1);
	assert_int_equal(eltorito_count(c, 127, ELTORITO_PLATFORM_EFI, &others), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_brvd),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_damaged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
