/** @file ANSI escape sequences in console output: a byte-at-a-time parser for the consoles that draw them. */
#ifndef LWPXE_ANSI_H
#define LWPXE_ANSI_H

#include <stdint.h>

/** Numeric parameters kept per sequence (more are read and dropped) */
#define ANSI_PARAMS 4

/**
 * A parser's state.  Zero-initialised it is between sequences.  After
 * ansi_step() returns ANSI_DONE, @c final and @c param describe the
 * sequence until the next byte.
 */
struct ansi_parser {
	uint8_t state;                  /**< where in a sequence (ansi.c's ANSI_IN_*) */
	uint8_t final;                  /**< final byte of the last complete sequence */
	uint8_t count;                  /**< parameters seen: 0 if none were written */
	unsigned int param[ANSI_PARAMS];  /**< parameters; an omitted one is 0 */
};

/** What ansi_step() made of one byte */
enum ansi_result {
	ANSI_TEXT,              /**< plain text: draw the byte */
	ANSI_CONSUMED,          /**< part of a sequence: draw nothing yet */
	ANSI_DONE,              /**< the byte completed a CSI sequence (ESC [ ... final) */
};

/**
 * Feed @p c to @p parser.  ESC [ params final completes a control
 * sequence (parameters are decimal, separated by ';'); ESC and any other
 * byte is a two-byte sequence, dropped whole; a control character inside
 * a sequence ends it and is plain text.
 */
enum ansi_result ansi_step(struct ansi_parser *parser, int c);

/** Parameter @p i of the completed sequence, or @p dflt if it was omitted or 0 */
unsigned int ansi_param(const struct ansi_parser *parser, unsigned int i,
			unsigned int dflt);

/** PC text attribute (background << 4 | foreground) of the default colours: light grey on black */
#define ANSI_PC_ATTR_DEFAULT 0x07

/**
 * Apply the SGR sequence just completed (final 'm') to the PC text
 * attribute @p attr (VGA and UEFI colour order, background << 4 |
 * foreground): 0 resets, 30-37/40-47 set a colour, 39/49 the default.
 */
uint8_t ansi_sgr_attr(const struct ansi_parser *parser, uint8_t attr);

#endif
