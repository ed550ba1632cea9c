/** @file Unit tests for lwIP's error codes as ours (net/lwip/err.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/errors.h>
#include "../../net/lwip/lwip_err.h"

/** Each lwIP error becomes the lwpxe code of the same meaning */
static void test_codes(void **state)
{
	(void)state;
	assert_int_equal(lwip_err_rc(ERR_OK), 0);
	assert_int_equal(lwip_err_rc(ERR_MEM), -ENOMEM);
	assert_int_equal(lwip_err_rc(ERR_BUF), -ENOBUFS);
	assert_int_equal(lwip_err_rc(ERR_RTE), -ENETUNREACH);
	assert_int_equal(lwip_err_rc(ERR_RST), -ECONNRESET);
	assert_int_equal(lwip_err_rc(ERR_ABRT), -ECONNABORTED);
	assert_int_equal(lwip_err_rc(ERR_CLSD), -ENOTCONN);
	assert_int_equal(lwip_err_rc(ERR_ARG), -EINVAL);
}

/** The words name the step, the cause and lwIP's own number */
static void test_why(void **state)
{
	char want[96];

	(void)state;
	snprintf(want, sizeof(want), "TCP connect: %s (lwIP error -2)",
		 errmsg(-ENOBUFS));
	assert_string_equal(lwip_err_why(ERR_BUF, "TCP connect"), want);
	snprintf(want, sizeof(want), "TCP connection lost: %s (lwIP error -13)",
		 errmsg(-ECONNABORTED));
	assert_string_equal(lwip_err_why(ERR_ABRT, "TCP connection lost"), want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_why),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
