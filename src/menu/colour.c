/** @file Colour and colour-pair tables, and the ANSI SGR sequences that select them. */
#include <stdio.h>
#include <lwpxe/colour.h>
#include <lwpxe/errors.h>

/** Colour indexes: 0-7, then 8 unused, 9 default */
#define COLOUR_COUNT 10

/** One defined colour */
struct colour {
	uint8_t basic;          /**< basic ANSI colour: 0-7, 9 default, 15 magic */
	long rgb;               /**< 24-bit colour, or -1 if none */
};

/** Colours as they start: each index its own ANSI colour, 4 magic */
#define COLOUR_START { \
	{ 0, -1 }, { 1, -1 }, { 2, -1 }, { 3, -1 }, { COLOUR_MAGIC, -1 }, \
	{ 5, -1 }, { 6, -1 }, { 7, -1 }, { COLOUR_DEFAULT, -1 }, \
	{ COLOUR_DEFAULT, -1 }, \
}
static const struct colour colour_start[COLOUR_COUNT] = COLOUR_START;

/** One defined pair: colour indexes */
struct cpair {
	uint8_t fg;             /**< foreground colour index */
	uint8_t bg;             /**< background colour index */
};

/** Pairs as they start (enum cpair_use order) */
#define CPAIR_START { \
	{ COLOUR_DEFAULT, COLOUR_DEFAULT }, { 7, 4 }, { 7, 1 }, { 6, 4 }, \
	{ 0, 6 }, { 7, 1 }, { 6, 4 }, { 0, 7 }, \
}
static const struct cpair cpair_start[CPAIR_COUNT] = CPAIR_START;

/** The colours in use */
static struct colour colour_table[COLOUR_COUNT] = COLOUR_START;

/** The pairs in use */
static struct cpair cpair_table[CPAIR_COUNT] = CPAIR_START;

/** Nonzero if @p index names a colour (0-7 or 9) */
static int colour_valid(unsigned int index)
{
	return index < 8 || index == COLOUR_DEFAULT;
}

/** Define a colour; 0 or -EINVAL */
int colour_define(unsigned int index, unsigned int basic, long rgb)
{
	if (!colour_valid(index) || index == COLOUR_DEFAULT ||
	    !(colour_valid(basic) || basic == COLOUR_MAGIC) ||
	    rgb < -1 || rgb > 0xffffff)
		return -EINVAL;
	colour_table[index].basic = (uint8_t)basic;
	colour_table[index].rgb = rgb;
	return 0;
}

/** Define a pair; 0 or -EINVAL */
int cpair_define(unsigned int pair, unsigned int fg, unsigned int bg)
{
	if (pair >= CPAIR_COUNT || !colour_valid(fg) || !colour_valid(bg))
		return -EINVAL;
	cpair_table[pair].fg = (uint8_t)fg;
	cpair_table[pair].bg = (uint8_t)bg;
	return 0;
}

/** Put every colour and pair back as they were at start */
void colour_reset(void)
{
	for (unsigned int i = 0; i < COLOUR_COUNT; i++)
		colour_table[i] = colour_start[i];
	for (unsigned int i = 0; i < CPAIR_COUNT; i++)
		cpair_table[i] = cpair_start[i];
}

/** The SGR digit (0-7, 9 default) for colour index @p index */
static unsigned int colour_sgr_digit(unsigned int index)
{
	unsigned int basic = colour_table[index].basic;

	if (basic == COLOUR_MAGIC)
		return 4;       /* no console here is transparent: blue */
	return basic;
}

/** Write the SGR sequence that selects pair @p pair into @p buf */
void cpair_sgr(unsigned int pair, char *buf)
{
	const struct cpair *p = &cpair_table[pair < CPAIR_COUNT ? pair : 0];

	snprintf(buf, 16, "\033[0;3%u;4%um", colour_sgr_digit(p->fg),
		 colour_sgr_digit(p->bg));
}

/** Draw from now on in pair @p pair */
void cpair_use(unsigned int pair)
{
	char sgr[16];

	cpair_sgr(pair, sgr);
	printf("%s", sgr);
}
