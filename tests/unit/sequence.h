/** @file A fixed sequence of numbers for unit tests' data (a linear congruential generator): the same bytes on every run. */
#ifndef SEQUENCE_H
#define SEQUENCE_H

#include <stddef.h>
#include <stdint.h>

/** The next number of the sequence after *@p seed (which it becomes) */
uint32_t seq_next(uint32_t *seed);

/** Fill @p p with @p n bytes from seq_next()'s sequence */
void seq_fill(uint8_t *p, size_t n, uint32_t *seed);

#endif
