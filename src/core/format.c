/** @file The printf engine: parses conversions and hands bytes to a callback. */
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <wchar.h>
#include <lwpxe/format.h>

#define FMT_LEFT 0x01   /**< '-': pad on the right */
#define FMT_ZERO 0x02   /**< '0': pad numbers with zeros */
#define FMT_PLUS 0x04   /**< '+': always show a sign */
#define FMT_SPACE 0x08  /**< ' ': space where a '+' would go */
#define FMT_ALT 0x10    /**< '#': 0x prefix, leading octal 0 */

/** Length modifier of a conversion */
enum fmt_length {
	FMT_LEN_NONE,   /**< int */
	FMT_LEN_HH,     /**< char */
	FMT_LEN_H,      /**< short */
	FMT_LEN_L,      /**< long, wide char */
	FMT_LEN_LL,     /**< long long */
	FMT_LEN_Z,      /**< size_t */
	FMT_LEN_T,      /**< ptrdiff_t */
	FMT_LEN_J,      /**< intmax_t */
};

/** One parsed conversion specification */
struct fmt_spec {
	unsigned int flags;      /**< FMT_ flags */
	int width;               /**< minimum field width (0: none) */
	int precision;           /**< precision, or -1 if none */
	enum fmt_length length;  /**< length modifier */
	char conv;               /**< conversion character */
};

/** Where output goes, and how much went */
struct fmt_out {
	void (*emit)(void *ctx, int c);  /**< byte sink */
	void *ctx;                       /**< sink context */
	size_t count;                    /**< bytes emitted so far */
};

/** Buffer state for format_vsnprintf() */
struct fmt_buf {
	char *buf;     /**< destination */
	size_t size;   /**< its size */
	size_t pos;    /**< bytes produced so far (may exceed size) */
};

/** Emit one byte */
static void fmt_putc(struct fmt_out *out, int c)
{
	out->emit(out->ctx, c & 0xff);
	out->count++;
}

/** Emit @p n copies of @p c (nothing if n <= 0) */
static void fmt_pad(struct fmt_out *out, int c, long n)
{
	while (n-- > 0)
		fmt_putc(out, c);
}

/** Spaces before a field of @p len characters, unless left-justified */
static void fmt_pad_before(struct fmt_out *out, const struct fmt_spec *spec,
			   size_t len)
{
	if (!(spec->flags & FMT_LEFT) && (size_t)spec->width > len)
		fmt_pad(out, ' ', (long)(spec->width - len));
}

/** Spaces after a field of @p len characters, if left-justified */
static void fmt_pad_after(struct fmt_out *out, const struct fmt_spec *spec,
			  size_t len)
{
	if ((spec->flags & FMT_LEFT) && (size_t)spec->width > len)
		fmt_pad(out, ' ', (long)(spec->width - len));
}

/** Parse decimal digits at *@p p (clamped to INT_MAX / 10); 0 if none */
static int fmt_digits(const char **p)
{
	int n = 0;

	while (**p >= '0' && **p <= '9') {
		if (n < INT_MAX / 10)
			n = n * 10 + (**p - '0');
		(*p)++;
	}
	return n;
}

/** Parse flags at @p p into @p spec; returns the first non-flag */
static const char *fmt_parse_flags(const char *p, struct fmt_spec *spec)
{
	for (;; p++) {
		switch (*p) {
		case '-': spec->flags |= FMT_LEFT; break;
		case '0': spec->flags |= FMT_ZERO; break;
		case '+': spec->flags |= FMT_PLUS; break;
		case ' ': spec->flags |= FMT_SPACE; break;
		case '#': spec->flags |= FMT_ALT; break;
		default: return p;
		}
	}
}

/** Parse width and precision (digits or '*') at @p p; returns what follows */
static const char *fmt_parse_width(const char *p, struct fmt_spec *spec,
				   va_list *ap)
{
	if (*p == '*') {
		int width = va_arg(*ap, int);

		p++;
		if (width < 0) {
			spec->flags |= FMT_LEFT;
			width = (width == INT_MIN) ? INT_MAX : -width;
		}
		spec->width = width;
	} else {
		spec->width = fmt_digits(&p);
	}
	if (*p == '.') {
		p++;
		if (*p == '*') {
			int precision = va_arg(*ap, int);

			p++;
			spec->precision = precision < 0 ? -1 : precision;
		} else {
			spec->precision = fmt_digits(&p);
		}
	}
	return p;
}

/** Parse a length modifier at @p p; returns what follows */
static const char *fmt_parse_length(const char *p, struct fmt_spec *spec)
{
	switch (*p) {
	case 'h':
		p++;
		if (*p == 'h') {
			spec->length = FMT_LEN_HH;
			return p + 1;
		}
		spec->length = FMT_LEN_H;
		return p;
	case 'l':
		p++;
		if (*p == 'l') {
			spec->length = FMT_LEN_LL;
			return p + 1;
		}
		spec->length = FMT_LEN_L;
		return p;
	case 'z': spec->length = FMT_LEN_Z; return p + 1;
	case 't': spec->length = FMT_LEN_T; return p + 1;
	case 'j': spec->length = FMT_LEN_J; return p + 1;
	default: return p;
	}
}

/** Parse the specification after a '%'; returns a pointer at its conversion */
static const char *fmt_parse(const char *p, struct fmt_spec *spec, va_list *ap)
{
	spec->flags = 0;
	spec->width = 0;
	spec->precision = -1;
	spec->length = FMT_LEN_NONE;
	p = fmt_parse_flags(p, spec);
	p = fmt_parse_width(p, spec, ap);
	p = fmt_parse_length(p, spec);
	spec->conv = *p;
	return p;
}

/** Fetch a signed integer argument of the spec's length */
static intmax_t fmt_arg_signed(const struct fmt_spec *spec, va_list *ap)
{
	switch (spec->length) {
	case FMT_LEN_HH: return (signed char)va_arg(*ap, int);
	case FMT_LEN_H: return (short)va_arg(*ap, int);
	case FMT_LEN_L: return va_arg(*ap, long);
	case FMT_LEN_LL: return va_arg(*ap, long long);
	case FMT_LEN_Z: return (ptrdiff_t)va_arg(*ap, size_t);
	case FMT_LEN_T: return va_arg(*ap, ptrdiff_t);
	case FMT_LEN_J: return va_arg(*ap, intmax_t);
	default: return va_arg(*ap, int);
	}
}

/** Fetch an unsigned integer argument of the spec's length */
static uintmax_t fmt_arg_unsigned(const struct fmt_spec *spec, va_list *ap)
{
	switch (spec->length) {
	case FMT_LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
	case FMT_LEN_H: return (unsigned short)va_arg(*ap, unsigned int);
	case FMT_LEN_L: return va_arg(*ap, unsigned long);
	case FMT_LEN_LL: return va_arg(*ap, unsigned long long);
	case FMT_LEN_Z: return va_arg(*ap, size_t);
	case FMT_LEN_T: return (size_t)va_arg(*ap, ptrdiff_t);
	case FMT_LEN_J: return va_arg(*ap, uintmax_t);
	default: return va_arg(*ap, unsigned int);
	}
}

/** Digits of @p value in @p base into @p buf, least significant first; returns count */
static int fmt_to_digits(uintmax_t value, unsigned int base, bool upper,
			 char *buf)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	while (value) {
		buf[n++] = set[value % base];
		value /= base;
	}
	return n;
}

/** Format an integer of magnitude @p mag with @p sign (0 for none) */
static void fmt_integer(struct fmt_out *out, const struct fmt_spec *spec,
			uintmax_t mag, char sign)
{
	char digits[sizeof(uintmax_t) * 3];
	bool upper = (spec->conv == 'X');
	unsigned int base = 10;
	const char *prefix = "";
	size_t prefix_len = 0;
	int n, zeros, precision = spec->precision < 0 ? 1 : spec->precision;
	size_t len;

	if (spec->conv == 'o')
		base = 8;
	else if (spec->conv == 'x' || spec->conv == 'X' || spec->conv == 'p')
		base = 16;
	n = fmt_to_digits(mag, base, upper, digits);
	zeros = precision > n ? precision - n : 0;
	if (spec->conv == 'o' && (spec->flags & FMT_ALT) && zeros == 0)
		zeros = 1;
	if (spec->conv == 'p' ||
	    (base == 16 && (spec->flags & FMT_ALT) && mag != 0)) {
		prefix = upper ? "0X" : "0x";
		prefix_len = 2;
	}
	len = (sign ? 1 : 0) + prefix_len + (size_t)zeros + (size_t)n;
	if ((spec->flags & FMT_ZERO) && !(spec->flags & FMT_LEFT) &&
	    spec->precision < 0 && (size_t)spec->width > len) {
		zeros += (int)(spec->width - len);
		len = (size_t)spec->width;
	}
	fmt_pad_before(out, spec, len);
	if (sign)
		fmt_putc(out, sign);
	while (prefix_len--)
		fmt_putc(out, *prefix++);
	fmt_pad(out, '0', zeros);
	while (n--)
		fmt_putc(out, digits[n]);
	fmt_pad_after(out, spec, len);
}

/** Format a signed conversion (%d, %i) */
static void fmt_signed(struct fmt_out *out, const struct fmt_spec *spec,
		       va_list *ap)
{
	intmax_t value = fmt_arg_signed(spec, ap);
	uintmax_t mag = value < 0 ? -(uintmax_t)value : (uintmax_t)value;
	char sign = 0;

	if (value < 0)
		sign = '-';
	else if (spec->flags & FMT_PLUS)
		sign = '+';
	else if (spec->flags & FMT_SPACE)
		sign = ' ';
	fmt_integer(out, spec, mag, sign);
}

/** Format a byte string, at most precision bytes; NULL prints "(null)" */
static void fmt_string(struct fmt_out *out, const struct fmt_spec *spec,
		       const char *s)
{
	size_t len = 0;

	if (!s)
		s = "(null)";
	while ((spec->precision < 0 || len < (size_t)spec->precision) && s[len])
		len++;
	fmt_pad_before(out, spec, len);
	for (size_t i = 0; i < len; i++)
		fmt_putc(out, (unsigned char)s[i]);
	fmt_pad_after(out, spec, len);
}

/** Emit code point @p cp as UTF-8 (invalid ones as U+FFFD) */
static void fmt_utf8(struct fmt_out *out, uint32_t cp)
{
	if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000))
		cp = 0xfffd;
	if (cp < 0x80) {
		fmt_putc(out, (int)cp);
	} else if (cp < 0x800) {
		fmt_putc(out, 0xc0 | (cp >> 6));
		fmt_putc(out, 0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		fmt_putc(out, 0xe0 | (cp >> 12));
		fmt_putc(out, 0x80 | ((cp >> 6) & 0x3f));
		fmt_putc(out, 0x80 | (cp & 0x3f));
	} else {
		fmt_putc(out, 0xf0 | (cp >> 18));
		fmt_putc(out, 0x80 | ((cp >> 12) & 0x3f));
		fmt_putc(out, 0x80 | ((cp >> 6) & 0x3f));
		fmt_putc(out, 0x80 | (cp & 0x3f));
	}
}

/**
 * Decode one character of wide string @p ws into *@p cp (joining UTF-16
 * surrogate pairs when wchar_t is 16 bits); returns wchar_t units used,
 * 0 at the terminator.
 */
static size_t fmt_wide_next(const wchar_t *ws, uint32_t *cp)
{
	uint32_t c = (uint32_t)ws[0];

	if (sizeof(wchar_t) == 2)
		c &= 0xffff;
	if (c == 0)
		return 0;
	if (sizeof(wchar_t) == 2 && c >= 0xd800 && c < 0xdc00) {
		uint32_t low = (uint32_t)ws[1] & 0xffff;

		if (low >= 0xdc00 && low < 0xe000) {
			*cp = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
			return 2;
		}
	}
	*cp = c;
	return 1;
}

/** Format a wide string; width and precision count characters */
static void fmt_wide_string(struct fmt_out *out, const struct fmt_spec *spec,
			    const wchar_t *ws)
{
	size_t chars = 0, pos = 0, used;
	uint32_t cp = 0;

	if (!ws) {
		fmt_string(out, spec, NULL);
		return;
	}
	while ((spec->precision < 0 || chars < (size_t)spec->precision) &&
	       (used = fmt_wide_next(ws + pos, &cp)) != 0) {
		pos += used;
		chars++;
	}
	fmt_pad_before(out, spec, chars);
	for (size_t i = 0, at = 0; i < chars; i++) {
		at += fmt_wide_next(ws + at, &cp);
		fmt_utf8(out, cp);
	}
	fmt_pad_after(out, spec, chars);
}

/** Format one character (%c byte, %lc wide as UTF-8; 0 is one NUL byte) */
static void fmt_char(struct fmt_out *out, const struct fmt_spec *spec,
		     va_list *ap)
{
	fmt_pad_before(out, spec, 1);
	if (spec->length == FMT_LEN_L) {
		/* L'\0' encodes as the single byte 0, as %c of 0 does */
		fmt_utf8(out, (uint32_t)va_arg(*ap, wint_t));
	} else {
		fmt_putc(out, (unsigned char)va_arg(*ap, int));
	}
	fmt_pad_after(out, spec, 1);
}

/** Perform the conversion @p spec describes */
static void fmt_convert(struct fmt_out *out, struct fmt_spec *spec,
			va_list *ap)
{
	switch (spec->conv) {
	case 'd':
	case 'i':
		fmt_signed(out, spec, ap);
		break;
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		fmt_integer(out, spec, fmt_arg_unsigned(spec, ap), 0);
		break;
	case 'p':
		fmt_integer(out, spec, (uintptr_t)va_arg(*ap, void *), 0);
		break;
	case 's':
		if (spec->length == FMT_LEN_L)
			fmt_wide_string(out, spec, va_arg(*ap, const wchar_t *));
		else
			fmt_string(out, spec, va_arg(*ap, const char *));
		break;
	case 'c':
		fmt_char(out, spec, ap);
		break;
	case '%':
		fmt_putc(out, '%');
		break;
	default:
		/* Unknown conversion: show it as written */
		fmt_putc(out, '%');
		fmt_putc(out, (unsigned char)spec->conv);
		break;
	}
}

/** Format @p fmt with @p args through @p emit; returns bytes emitted */
int vformat(void (*emit)(void *ctx, int c), void *ctx, const char *fmt,
	    va_list args)
{
	struct fmt_out out = { .emit = emit, .ctx = ctx, .count = 0 };
	struct fmt_spec spec;
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		if (*fmt != '%') {
			fmt_putc(&out, (unsigned char)*fmt++);
			continue;
		}
		fmt = fmt_parse(fmt + 1, &spec, &ap);
		if (!*fmt) {
			fmt_putc(&out, '%');
			break;
		}
		fmt_convert(&out, &spec, &ap);
		fmt++;
	}
	va_end(ap);
	return out.count > INT_MAX ? INT_MAX : (int)out.count;
}

/** Store one byte into a bounded buffer, keeping room for the NUL */
static void fmt_buf_emit(void *ctx, int c)
{
	struct fmt_buf *b = ctx;

	if (b->pos + 1 < b->size)
		b->buf[b->pos] = (char)c;
	b->pos++;
}

/** Format into @p buf of @p size (C99 rules); returns the untruncated length */
int format_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct fmt_buf b = { .buf = buf, .size = size, .pos = 0 };
	int len = vformat(fmt_buf_emit, &b, fmt, args);

	if (size)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return len;
}

int format_list_add(char *buf, size_t size, size_t *used, const char *item,
		    const char *suffix)
{
	int w = format_snprintf(buf + *used, size - *used, "%s%s%s",
				*used ? ", " : "", item, suffix);

	if (w < 0 || (size_t)w >= size - *used)
		return -1;
	*used += (size_t)w;
	return 0;
}

/** Format into @p buf of @p size (C99 rules); returns the untruncated length */
int format_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = format_vsnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}
