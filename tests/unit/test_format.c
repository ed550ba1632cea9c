/** @file Unit tests for the printf engine (src/core/format.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <cmocka.h>
#include <lwpxe/format.h>

/** Check format_snprintf(@p fmt, ...) gives exactly @p want_len bytes of @p want */
static void check_fmt(int line, const char *want, size_t want_len,
		      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/** Format into a large buffer and compare bytes and return value */
static void check_fmt(int line, const char *want, size_t want_len,
		      const char *fmt, ...)
{
	char buf[512];
	va_list args;
	int len;

	memset(buf, 'X', sizeof(buf));
	va_start(args, fmt);
	len = format_vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (len != (int)want_len || memcmp(buf, want, want_len) != 0 ||
	    buf[want_len] != '\0') {
		print_error("line %d: format \"%s\": got %d \"%.*s\", want %zu \"%s\"\n",
			    line, fmt, len, len > 0 && len < 512 ? len : 0, buf,
			    want_len, want);
		fail();
	}
}

/* NULL arguments the compiler cannot see through (it warns on literal NULL) */
static const char *volatile null_str;
static const wchar_t *volatile null_wstr;

/** Expect @p want (a string literal, may hold NULs) from the format */
#define CHECK(want, ...) check_fmt(__LINE__, want, sizeof(want) - 1, __VA_ARGS__)

/** Literal text, %% and empty formats */
static void test_plain(void **state)
{
	(void)state;
	CHECK("hello", "hello");
	CHECK("%", "%%");
	CHECK("100% sure", "100%% sure");
	CHECK("a%%b", "a%%%%b");
}

/** %d and %i: signs, extremes, width, precision */
static void test_signed(void **state)
{
	(void)state;
	CHECK("0", "%d", 0);
	CHECK("42", "%d", 42);
	CHECK("-42", "%i", -42);
	CHECK("2147483647", "%d", INT_MAX);
	CHECK("-2147483648", "%d", INT_MIN);
	CHECK("   42", "%5d", 42);
	CHECK("42   |", "%-5d|", 42);
	CHECK("-0042", "%05d", -42);
	CHECK("+42", "%+d", 42);
	CHECK("-42", "%+d", -42);
	CHECK(" 42", "% d", 42);
	CHECK("+0", "%+d", 0);
	CHECK("007", "%.3d", 7);
	CHECK("-007", "%.3d", -7);
	CHECK("", "%.0d", 0);
	CHECK("     ", "%5.0d", 0);
	CHECK("    -007", "%8.3d", -7);
	CHECK("12345", "%2d", 12345);
	CHECK("-2147483648", "%.5d", INT_MIN);
	CHECK("[  -2147483648]", "[%13d]", INT_MIN);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
/** Flag combinations that C defines but gcc warns about */
static void test_flag_precedence(void **state)
{
	(void)state;
	CHECK("+42", "% +d", 42);        /* '+' beats ' ' */
	CHECK("42   |", "%-05d|", 42);   /* '-' beats '0' */
	CHECK("    -007", "%08.3d", -7); /* precision beats '0' */
	CHECK("   0x1f", "%07.0p", (void *)0x1f);
	CHECK("7", "%.*d", -1, 7);      /* negative precision: none */
}
#pragma GCC diagnostic pop

/** Length modifiers hh h l ll z t j on signed and unsigned values */
static void test_lengths(void **state)
{
	(void)state;
	CHECK("-1", "%hhd", (signed char)-1);
	CHECK("-128", "%hhd", (signed char)-128);
	CHECK("255", "%hhu", (unsigned char)255);
	CHECK("ff", "%hhx", (unsigned char)0xff);
	CHECK("-32768", "%hd", (short)-32768);
	CHECK("65535", "%hu", (unsigned short)65535);
	CHECK("-9223372036854775808", "%ld", LONG_MIN);
	CHECK("18446744073709551615", "%lu", ULONG_MAX);
	CHECK("-9223372036854775808", "%lld", LLONG_MIN);
	CHECK("9223372036854775807", "%lld", LLONG_MAX);
	CHECK("18446744073709551615", "%llu", ULLONG_MAX);
	CHECK("ffffffffffffffff", "%llx", ULLONG_MAX);
	CHECK("1777777777777777777777", "%llo", ULLONG_MAX);
	CHECK("18446744073709551615", "%zu", SIZE_MAX);
	CHECK("-5", "%zd", (ptrdiff_t)-5);
	CHECK("123", "%zd", (ptrdiff_t)123);
	CHECK("-9223372036854775808", "%td", PTRDIFF_MIN);
	CHECK("-9223372036854775808", "%jd", INTMAX_MIN);
	CHECK("18446744073709551615", "%ju", UINTMAX_MAX);
	CHECK("4294967295", "%u", UINT_MAX);
	CHECK("1 2 3", "%hhd %lld %d", (signed char)1, 2LL, 3);
}

/** %x %X %o with '#', widths and precision */
static void test_hex_octal(void **state)
{
	(void)state;
	CHECK("ff", "%x", 255u);
	CHECK("FF", "%X", 255u);
	CHECK("0xff", "%#x", 255u);
	CHECK("0XFF", "%#X", 255u);
	CHECK("0", "%#x", 0u);
	CHECK("deadbeef", "%x", 0xdeadbeefu);
	CHECK("10", "%o", 8u);
	CHECK("010", "%#o", 8u);
	CHECK("0", "%#o", 0u);
	CHECK("0", "%#.0o", 0u);
	CHECK("010", "%#.3o", 8u);
	CHECK("000000ff", "%08x", 255u);
	CHECK("0x000000ff", "%#010x", 255u);
	CHECK("0xff  |", "%-#6x|", 255u);
	CHECK("000a", "%.4x", 0xau);
	CHECK("  0x000a", "%#8.4x", 0xau);
	CHECK("", "%.0x", 0u);
	CHECK("01:23:ab", "%02x:%02x:%02x", 1u, 0x23u, 0xabu);
}

/** %p prints 0x-prefixed hex */
static void test_pointer(void **state)
{
	(void)state;
	CHECK("0x1234", "%p", (void *)0x1234);
	CHECK("0x0", "%p", NULL);
	CHECK("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
	CHECK("      0x1234", "%12p", (void *)0x1234);
	CHECK("0x1234      |", "%-12p|", (void *)0x1234);
}

/** %s: NULL, precision (no over-read), width, '*' */
static void test_string(void **state)
{
	static const char unterminated[3] = { 'a', 'b', 'c' };

	(void)state;
	CHECK("hello", "%s", "hello");
	CHECK("", "%s", "");
	CHECK("(null)", "%s", null_str);
	CHECK("hel", "%.3s", "hello");
	CHECK("hello", "%.10s", "hello");
	CHECK("", "%.0s", "hello");
	CHECK("abc", "%.3s", unterminated);
	CHECK("     hello", "%10s", "hello");
	CHECK("hello     |", "%-10s|", "hello");
	CHECK("  hel", "%5.3s", "hello");
	CHECK("   ab", "%*s", 5, "ab");
	CHECK("ab   |", "%*s|", -5, "ab");
	CHECK("ab   |", "%-*s|", 5, "ab");
	CHECK("he", "%.*s", 2, "hello");
	CHECK("hello", "%.*s", -3, "hello");
	CHECK("  he|", "%*.*s|", 4, 2, "hello");
	CHECK("x=1 y=two z=0x3", "x=%d y=%s z=%#x", 1, "two", 3u);
}

/** %c including a NUL byte */
static void test_char(void **state)
{
	(void)state;
	CHECK("A", "%c", 'A');
	CHECK("    A", "%5c", 'A');
	CHECK("A  |", "%-3c|", 'A');
	CHECK("\xe9", "%c", 0xe9);
	CHECK("a\0b", "a%cb", 0);
}

/** %ls: ASCII, UTF-8 of 2/3/4 bytes, invalid, precision and width in characters */
static void test_wide_string(void **state)
{
	static const wchar_t unterminated[3] = { L'x', L'y', L'z' };
	static const wchar_t bad[] = { 0xd800, L'a', 0x110000, 0 };

	(void)state;
	CHECK("Wide string", "%ls", L"Wide string");
	CHECK("", "%ls", L"");
	CHECK("(null)", "%ls", null_wstr);
	CHECK("\xc3\xa9t\xc3\xa9", "%ls", L"\u00e9t\u00e9");
	CHECK("\xe2\x82\xac", "%ls", L"\u20ac");
	CHECK("\xf0\x9f\x98\x80", "%ls", L"\U0001F600");
	CHECK("\xef\xbf\xbd" "a" "\xef\xbf\xbd", "%ls", bad);
	CHECK("\xc3\xa9t", "%.2ls", L"\u00e9t\u00e9");
	CHECK("\xe2\x82\xac", "%.1ls", L"\u20ac\u20ac");
	CHECK("", "%.0ls", L"\u00e9");
	CHECK("xyz", "%.3ls", unterminated);
	CHECK("    \xc3\xa9", "%5ls", L"\u00e9");
	CHECK("\xc3\xa9\xc3\xa9 |", "%-3ls|", L"\u00e9\u00e9");
	CHECK("  \xc3\xa9", "%3.1ls", L"\u00e9t\u00e9");
	CHECK("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", "%.*ls", 2, L"\U0001F600\U0001F600\U0001F600");
	CHECK("(n", "%.2ls", null_wstr);
}

/** %lc: ASCII, non-ASCII as UTF-8, and 0 as one NUL byte */
static void test_wide_char(void **state)
{
	(void)state;
	CHECK("A", "%lc", (wint_t)L'A');
	CHECK("\xc3\xa9", "%lc", (wint_t)0xe9);
	CHECK("\xe2\x82\xac", "%lc", (wint_t)0x20ac);
	CHECK("\xf0\x9f\x98\x80", "%lc", (wint_t)0x1f600);
	CHECK("\0", "%lc", (wint_t)0);
	CHECK("a\0b", "a%lcb", (wint_t)0);
	CHECK("  \xc3\xa9", "%3lc", (wint_t)0xe9);
	CHECK("\xc3\xa9  |", "%-3lc|", (wint_t)0xe9);
	CHECK("\xef\xbf\xbd", "%lc", (wint_t)0xdc00);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
/** Unknown conversions and a trailing '%' are shown as written */
static void test_malformed(void **state)
{
	(void)state;
	CHECK("%", "%");
	CHECK("abc%", "abc%");
	CHECK("%q", "%q");
	CHECK("a%yb", "a%yb");
}
#pragma GCC diagnostic pop

/** format_vsnprintf truncation: NUL always written, would-be length returned */
static void test_truncation(void **state)
{
	char buf[16];

	(void)state;
	memset(buf, '#', sizeof(buf));
	assert_int_equal(format_snprintf(buf, 5, "hello world"), 11);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], '#');

	memset(buf, '#', sizeof(buf));
	assert_int_equal(format_snprintf(buf, 1, "hello"), 5);
	assert_int_equal(buf[0], '\0');
	assert_int_equal(buf[1], '#');

	memset(buf, '#', sizeof(buf));
	assert_int_equal(format_snprintf(buf, 0, "hello %d", 12345), 11);
	assert_int_equal(buf[0], '#');
	assert_int_equal(format_snprintf(NULL, 0, "%s-%d", "abc", -1), 6);

	memset(buf, '#', sizeof(buf));
	assert_int_equal(format_snprintf(buf, 12, "hello world"), 11);
	assert_string_equal(buf, "hello world");
	assert_int_equal(buf[12], '#');

	memset(buf, '#', sizeof(buf));
	assert_int_equal(format_snprintf(buf, 11, "hello world"), 11);
	assert_string_equal(buf, "hello worl");

	memset(buf, '#', sizeof(buf));
	assert_int_equal(format_snprintf(buf, 4, "%08x", 0xabcdu), 8);
	assert_string_equal(buf, "000");

	memset(buf, '#', sizeof(buf));
	assert_int_equal(format_snprintf(buf, 3, "%ls", L"\u00e9\u00e9"), 4);
	assert_int_equal((unsigned char)buf[0], 0xc3);
	assert_int_equal((unsigned char)buf[1], 0xa9);
	assert_int_equal(buf[2], '\0');
	assert_int_equal(buf[3], '#');

	assert_int_equal(format_snprintf(buf, sizeof(buf), "%s", ""), 0);
	assert_string_equal(buf, "");
}

/** A sink for vformat that records bytes */
struct sink {
	char data[64];   /**< bytes received */
	int n;           /**< how many */
};

/** Record one byte */
static void sink_emit(void *ctx, int c)
{
	struct sink *s = ctx;

	assert_in_range(c, 0, 255);
	if (s->n < (int)sizeof(s->data))
		s->data[s->n] = (char)c;
	s->n++;
}

/** Call vformat with variable arguments */
static int sink_format(struct sink *s, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vformat(sink_emit, s, fmt, args);
	va_end(args);
	return len;
}

/** vformat hands every byte (NULs and high bytes too) to the callback and counts them */
static void test_vformat_emit(void **state)
{
	struct sink s = { .n = 0 };

	(void)state;
	assert_int_equal(sink_format(&s, "%c%lc%d", 0, (wint_t)0x20ac, -5), 6);
	assert_int_equal(s.n, 6);
	assert_memory_equal(s.data, "\0\xe2\x82\xac-5", 6);
	s.n = 0;
	assert_int_equal(sink_format(&s, ""), 0);
	assert_int_equal(s.n, 0);
}

/** Compare one format with glibc's snprintf */
static void check_glibc(const char *fmt, ...)
{
	char ours[256], theirs[256];
	va_list a, b;
	int n1, n2;

	va_start(a, fmt);
	va_copy(b, a);
	n1 = format_vsnprintf(ours, sizeof(ours), fmt, a);
	n2 = vsnprintf(theirs, sizeof(theirs), fmt, b);
	va_end(b);
	va_end(a);
	if (n1 != n2 || strcmp(ours, theirs) != 0) {
		print_error("format \"%s\": got %d \"%s\", glibc %d \"%s\"\n",
			    fmt, n1, ours, n2, theirs);
		fail();
	}
}

/** A grid of flags x widths x precisions x conversions agrees with glibc */
static void test_glibc_grid(void **state)
{
	static const char *const flags[] = {
		"", "-", "0", "+", " ", "#", "-+", "0#", "+0", " 0", "-#0", "+ ",
	};
	static const char *const widths[] = { "", "1", "5", "12", "25" };
	static const char *const precs[] = { "", ".", ".0", ".1", ".3", ".12" };
	static const char convs[] = "diuxXo";
	static const long long values[] = {
		0, 1, -1, 7, 255, -255, 8, INT_MAX, INT_MIN, 12345678,
		LLONG_MAX, LLONG_MIN, -4096,
	};
	char fmt[32];
	unsigned int checked = 0;

	(void)state;
	for (size_t f = 0; f < sizeof(flags) / sizeof(flags[0]); f++)
	for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
	for (size_t p = 0; p < sizeof(precs) / sizeof(precs[0]); p++)
	for (size_t c = 0; c < sizeof(convs) - 1; c++)
	for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
		snprintf(fmt, sizeof(fmt), "[%%%s%s%s%c]", flags[f],
			 widths[w], precs[p], convs[c]);
		check_glibc(fmt, (int)values[v]);
		snprintf(fmt, sizeof(fmt), "[%%%s%s%sll%c]", flags[f],
			 widths[w], precs[p], convs[c]);
		check_glibc(fmt, values[v]);
		snprintf(fmt, sizeof(fmt), "[%%%s%s%shh%c]", flags[f],
			 widths[w], precs[p], convs[c]);
		check_glibc(fmt, (int)values[v]);
		snprintf(fmt, sizeof(fmt), "[%%%s%s%ss]", flags[f],
			 widths[w], precs[p]);
		check_glibc(fmt, "hello, world");
		snprintf(fmt, sizeof(fmt), "[%%%s%sc]", flags[f], widths[w]);
		check_glibc(fmt, 'Z');
		checked += 5;
	}
	assert_true(checked > 10000);
}

/** format_list_add(): ", " between items, the suffix after each, -1 once full */
static void test_list_add(void **state)
{
	char buf[16];
	size_t n = 0;

	(void)state;
	assert_int_equal(format_list_add(buf, sizeof(buf), &n, "tftp", "://"), 0);
	assert_string_equal(buf, "tftp://");
	assert_int_equal(format_list_add(buf, sizeof(buf), &n, "http", ""), 0);
	assert_string_equal(buf, "tftp://, http");
	assert_int_equal(n, 13);
	assert_int_equal(format_list_add(buf, sizeof(buf), &n, "https", ""), -1);
	assert_int_equal(n, 13);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_signed),
		cmocka_unit_test(test_flag_precedence),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_hex_octal),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_string),
		cmocka_unit_test(test_char),
		cmocka_unit_test(test_wide_string),
		cmocka_unit_test(test_wide_char),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_vformat_emit),
		cmocka_unit_test(test_glibc_grid),
		cmocka_unit_test(test_list_add),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
