/** @file A fixed sequence of numbers for unit tests' data. */
#include "sequence.h"

uint32_t seq_next(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed;
}

void seq_fill(uint8_t *p, size_t n, uint32_t *seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seq_next(seed) >> 16);
}
