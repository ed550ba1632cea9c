/** @file ANSI escape sequence parser shared by the consoles that draw sequences themselves (BIOS screen, UEFI ConOut). */
#include <lwpxe/ansi.h>

/** Parser states */
enum {
	ANSI_IN_TEXT = 0,       /**< between sequences */
	ANSI_IN_ESC,            /**< after ESC */
	ANSI_IN_CSI,            /**< after ESC [ */
};

/** Largest parameter kept (larger ones saturate; no console is that wide) */
#define ANSI_PARAM_MAX 9999

/** Take one byte of a control sequence's parameters or its final byte */
static enum ansi_result ansi_csi(struct ansi_parser *parser, int c)
{
	unsigned int *p;

	if (c >= '0' && c <= '9') {
		if (!parser->count)
			parser->count = 1;
		if (parser->count > ANSI_PARAMS)
			return ANSI_CONSUMED;
		p = &parser->param[parser->count - 1];
		if (*p <= ANSI_PARAM_MAX)
			*p = *p * 10 + (unsigned int)(c - '0');
		return ANSI_CONSUMED;
	}
	if (c == ';') {
		/* "ESC[;5H": an omitted first parameter still counts */
		parser->count = (uint8_t)(parser->count ? parser->count + 1 : 2);
		if (parser->count > ANSI_PARAMS)
			parser->count = ANSI_PARAMS + 1;
		return ANSI_CONSUMED;
	}
	if (c >= 0x20 && c <= 0x3f)     /* private markers, intermediates */
		return ANSI_CONSUMED;
	parser->state = ANSI_IN_TEXT;
	if (c < 0x40 || c > 0x7e)
		return ANSI_TEXT;
	parser->final = (uint8_t)c;
	if (parser->count > ANSI_PARAMS)
		parser->count = ANSI_PARAMS;
	return ANSI_DONE;
}

enum ansi_result ansi_step(struct ansi_parser *parser, int c)
{
	switch (parser->state) {
	case ANSI_IN_ESC:
		if (c != '[') {
			parser->state = ANSI_IN_TEXT;
			return ANSI_CONSUMED;
		}
		parser->state = ANSI_IN_CSI;
		parser->count = 0;
		for (unsigned int i = 0; i < ANSI_PARAMS; i++)
			parser->param[i] = 0;
		return ANSI_CONSUMED;
	case ANSI_IN_CSI:
		return ansi_csi(parser, c);
	default:
		if (c != 0x1b)
			return ANSI_TEXT;
		parser->state = ANSI_IN_ESC;
		return ANSI_CONSUMED;
	}
}

unsigned int ansi_param(const struct ansi_parser *parser, unsigned int i,
			unsigned int dflt)
{
	if (i >= parser->count || !parser->param[i])
		return dflt;
	return parser->param[i];
}

/** PC text colour (VGA and UEFI order) of each ANSI colour 0-7 */
static const uint8_t ansi_pc_colour[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

/** Apply the completed SGR sequence (ESC[...m) to PC attribute @p attr */
uint8_t ansi_sgr_attr(const struct ansi_parser *parser, uint8_t attr)
{
	unsigned int count = parser->count ? parser->count : 1;

	for (unsigned int i = 0; i < count; i++) {
		unsigned int p = parser->param[i];

		if (p == 0)
			attr = ANSI_PC_ATTR_DEFAULT;
		else if (p >= 30 && p <= 37)
			attr = (uint8_t)((attr & 0xf0) | ansi_pc_colour[p - 30]);
		else if (p == 39)
			attr = (uint8_t)((attr & 0xf0) | (ANSI_PC_ATTR_DEFAULT & 0x0f));
		else if (p >= 40 && p <= 47)
			attr = (uint8_t)((attr & 0x0f) | ansi_pc_colour[p - 40] << 4);
		else if (p == 49)
			attr = (uint8_t)((attr & 0x0f) | (ANSI_PC_ATTR_DEFAULT & 0xf0));
	}
	return attr;
}
