/** @file Colours and colour pairs of the user interface (`colour`, `cpair`), written as ANSI SGR sequences. */
#ifndef LWPXE_COLOUR_H
#define LWPXE_COLOUR_H

#include <stdint.h>

/** Colour indexes 0-7 name colours; 9 is the console's default colour */
#define COLOUR_DEFAULT 9

/** Basic colour meaning "blue, or transparent where a console can be" */
#define COLOUR_MAGIC 15

/** Number of colour pairs */
#define CPAIR_COUNT 8

/** Colour pairs the user interface draws with */
enum cpair_use {
	CPAIR_DEFAULT = 0,      /**< the console's own text */
	CPAIR_NORMAL,           /**< menu and form text */
	CPAIR_SELECT,           /**< the highlighted item */
	CPAIR_SEPARATOR,        /**< separators (item --gap) */
	CPAIR_EDIT,             /**< editable text */
	CPAIR_ALERT,            /**< error messages */
	CPAIR_URL,              /**< help URLs */
	CPAIR_PXE,              /**< PXE menu selection */
};

/**
 * Define colour @p index (0-7 or 9) as basic ANSI colour @p basic (0-7,
 * 9 default, 15 magic) and 24-bit @p rgb (-1 for none); 0 or -EINVAL.
 * The consoles lwpxe drives draw basic colours only.
 */
int colour_define(unsigned int index, unsigned int basic, long rgb);

/** Define pair @p pair (0-7) as colour indexes @p fg on @p bg; 0 or -EINVAL */
int cpair_define(unsigned int pair, unsigned int fg, unsigned int bg);

/** Put every colour and pair back as they were at start */
void colour_reset(void);

/** Write the SGR sequence that selects pair @p pair into @p buf (at least 16 bytes) */
void cpair_sgr(unsigned int pair, char *buf);

/** Draw from now on in pair @p pair */
void cpair_use(unsigned int pair);

#endif
