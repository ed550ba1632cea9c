/** @file Unit tests for DHCP's retransmission schedule and its bound (net/dhcp/backoff.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <lwpxe/dhcp.h>
#include <lwpxe/settings.h>

/** The waits are 4, 8, 16, 32 s, then 64 s for good, with no randomness at the middle */
static void test_schedule(void **state)
{
	static const unsigned long want[] = {
		4000, 4000, 8000, 16000, 32000, 64000, 64000, 64000,
	};

	(void)state;
	/* rnd = 1000 is the middle of the 2001 possible offsets */
	for (unsigned int sent = 0; sent < 8; sent++)
		assert_int_equal(dhcp_backoff_ms(sent, 1000), want[sent]);
	assert_int_equal(dhcp_backoff_ms(255, 1000), 64000);
	assert_int_equal(dhcp_backoff_ms(~0u, 1000), 64000);
}

/** Each wait moves by at most 1 s either way, reaching both ends */
static void test_randomised(void **state)
{
	(void)state;
	for (unsigned int sent = 1; sent < 7; sent++) {
		unsigned long mid = dhcp_backoff_ms(sent, 1000);

		assert_int_equal(dhcp_backoff_ms(sent, 0), mid - 1000);
		assert_int_equal(dhcp_backoff_ms(sent, 2000), mid + 1000);
		assert_int_equal(dhcp_backoff_ms(sent, 2001), mid - 1000);
		assert_int_equal(dhcp_backoff_ms(sent, 0xffffffffu),
				 mid - 1000 + 0xffffffffu % 2001);
		for (uint32_t r = 0; r < 100000; r += 7) {
			unsigned long ms = dhcp_backoff_ms(sent, r * 2654435761u);

			assert_true(ms >= mid - 1000 && ms <= mid + 1000);
		}
	}
}

/** The bound: 30 s unless dhcp-timeout (seconds) says otherwise; 0 means the default */
static void test_timeout_setting(void **state)
{
	(void)state;
	assert_int_equal(dhcp_timeout_ms(), DHCP_TIMEOUT_MS);
	assert_int_equal(settings_store_text("dhcp-timeout", "90"), 0);
	assert_int_equal(dhcp_timeout_ms(), 90000);
	assert_int_equal(settings_store_text("dhcp-timeout", "65535"), 0);
	assert_int_equal(dhcp_timeout_ms(), 65535000UL);
	assert_int_equal(settings_store_text("dhcp-timeout", "0"), 0);
	assert_int_equal(dhcp_timeout_ms(), DHCP_TIMEOUT_MS);
	assert_int_equal(settings_clear("dhcp-timeout"), 0);
	assert_int_equal(dhcp_timeout_ms(), DHCP_TIMEOUT_MS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schedule),
		cmocka_unit_test(test_randomised),
		cmocka_unit_test(test_timeout_setting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
