/** @file Unit tests for the ANSI escape sequence parser (src/core/ansi.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/ansi.h>

/**
 * Feed @p s to @p parser; write the plain-text bytes to @p text and one
 * letter per byte's result to @p res (t text, c consumed, d done)
 */
static void feed(struct ansi_parser *parser, const char *s, char *text,
		 char *res)
{
	for (; *s; s++) {
		switch (ansi_step(parser, (unsigned char)*s)) {
		case ANSI_TEXT: *text++ = *s; *res++ = 't'; break;
		case ANSI_CONSUMED: *res++ = 'c'; break;
		case ANSI_DONE: *res++ = 'd'; break;
		}
	}
	*text = '\0';
	*res = '\0';
}

/** Plain text passes through byte by byte */
static void test_plain(void **state)
{
	struct ansi_parser parser = { 0 };
	char text[32], res[32];

	(void)state;
	feed(&parser, "lwpxe\r\n", text, res);
	assert_string_equal(text, "lwpxe\r\n");
	assert_string_equal(res, "ttttttt");
}

/** ESC[K: erase to end of line, no parameter */
static void test_erase(void **state)
{
	struct ansi_parser parser = { 0 };
	char text[32], res[32];

	(void)state;
	feed(&parser, "ab\033[Kc", text, res);
	assert_string_equal(text, "abc");
	assert_string_equal(res, "ttccdt");
	assert_int_equal(parser.final, 'K');
	assert_int_equal(parser.count, 0);
	assert_int_equal(ansi_param(&parser, 0, 0), 0);
}

/** ESC[12D: cursor back 12 */
static void test_left(void **state)
{
	struct ansi_parser parser = { 0 };
	char text[32], res[32];

	(void)state;
	feed(&parser, "\033[12D", text, res);
	assert_string_equal(text, "");
	assert_string_equal(res, "ccccd");
	assert_int_equal(parser.final, 'D');
	assert_int_equal(parser.count, 1);
	assert_int_equal(ansi_param(&parser, 0, 1), 12);
}

/** ESC[C: no parameter, so the default applies; a following sequence starts afresh */
static void test_default(void **state)
{
	struct ansi_parser parser = { 0 };
	char text[32], res[32];

	(void)state;
	feed(&parser, "\033[5D\033[C", text, res);
	assert_string_equal(res, "cccdccd");
	assert_int_equal(parser.final, 'C');
	assert_int_equal(ansi_param(&parser, 0, 1), 1);
	assert_int_equal(ansi_param(&parser, 1, 7), 7);
}

/** An unknown final byte still ends the sequence; the text after it is plain */
static void test_unknown_final(void **state)
{
	struct ansi_parser parser = { 0 };
	char text[32], res[32];

	(void)state;
	feed(&parser, "\033[?7lx", text, res);
	assert_string_equal(text, "x");
	assert_string_equal(res, "ccccdt");
	assert_int_equal(parser.final, 'l');
	assert_int_equal(ansi_param(&parser, 0, 0), 7);
}

/** ESC and a byte other than '[' is dropped whole */
static void test_esc_other(void **state)
{
	struct ansi_parser parser = { 0 };
	char text[32], res[32];

	(void)state;
	feed(&parser, "a\033cb", text, res);
	assert_string_equal(text, "ab");
	assert_string_equal(res, "tcct");
}

/** Parameters separated by ';', omitted ones, and more than are kept */
static void test_params(void **state)
{
	struct ansi_parser parser = { 0 };
	char text[32], res[32];

	(void)state;
	feed(&parser, "\033[3;12H", text, res);
	assert_int_equal(parser.final, 'H');
	assert_int_equal(parser.count, 2);
	assert_int_equal(ansi_param(&parser, 0, 1), 3);
	assert_int_equal(ansi_param(&parser, 1, 1), 12);
	feed(&parser, "\033[;5H", text, res);
	assert_int_equal(parser.count, 2);
	assert_int_equal(ansi_param(&parser, 0, 1), 1);
	assert_int_equal(ansi_param(&parser, 1, 1), 5);
	feed(&parser, "\033[1;2;3;4;5;6m", text, res);
	assert_int_equal(parser.final, 'm');
	assert_int_equal(parser.count, ANSI_PARAMS);
	assert_int_equal(ansi_param(&parser, ANSI_PARAMS - 1, 0), ANSI_PARAMS);
	feed(&parser, "\033[99999999999D", text, res);
	assert_true(ansi_param(&parser, 0, 1) < 100000);
}

/** A control character inside a sequence ends it and is plain text */
static void test_control_inside(void **state)
{
	struct ansi_parser parser = { 0 };
	char text[32], res[32];

	(void)state;
	feed(&parser, "\033[1\nok", text, res);
	assert_string_equal(text, "\nok");
	assert_string_equal(res, "cccttt");
}

/** Feed a whole sequence and return the attribute it makes of @p attr */
static uint8_t sgr(const char *seq, uint8_t attr)
{
	struct ansi_parser parser = { 0 };
	char text[32], res[32];

	feed(&parser, seq, text, res);
	assert_int_equal(parser.final, 'm');
	return ansi_sgr_attr(&parser, attr);
}

/** ESC[...m: ANSI colours become PC attributes (red is 4, blue 1), 0 and 39/49 restore */
static void test_sgr(void **state)
{
	(void)state;
	assert_int_equal(sgr("\033[0;37;44m", 0x00), 0x17);   /* white on blue */
	assert_int_equal(sgr("\033[31m", 0x17), 0x14);        /* red, background kept */
	assert_int_equal(sgr("\033[46m", 0x14), 0x34);        /* cyan background */
	assert_int_equal(sgr("\033[33;42m", 0x00), 0x26);     /* yellow is brown: 6 */
	assert_int_equal(sgr("\033[39m", 0x34), 0x37);
	assert_int_equal(sgr("\033[49m", 0x34), 0x04);
	assert_int_equal(sgr("\033[m", 0x34), ANSI_PC_ATTR_DEFAULT);
	assert_int_equal(sgr("\033[0;39;49m", 0x41), ANSI_PC_ATTR_DEFAULT);
	assert_int_equal(sgr("\033[1m", 0x41), 0x41);         /* not a colour: unchanged */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_sgr),
		cmocka_unit_test(test_erase),
		cmocka_unit_test(test_left),
		cmocka_unit_test(test_default),
		cmocka_unit_test(test_unknown_final),
		cmocka_unit_test(test_esc_other),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_control_inside),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
