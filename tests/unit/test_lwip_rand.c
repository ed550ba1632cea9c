/** @file Unit tests for lwIP's random numbers (net/lwip/sys.c): never a TCP source port start lwIP steps from 0xffff to port 0. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "lwip/init.h"
#include "lwip/tcp.h"

/** Numbers the fake generator gives first, in order */
static uint32_t rand_queue[16];
/** How many rand_queue holds, and how many were taken */
static unsigned int rand_queued, rand_taken;
/** What the fake generator gives once rand_queue is used up */
#define RAND_AFTER 0x00001234u

/** The generator lwipglue_rand() draws from (random_u32, wrapped by the link) */
uint32_t __wrap_random_u32(void);

/** The fixed sequence in place of random_u32() */
uint32_t __wrap_random_u32(void)
{
	if (rand_taken < rand_queued)
		return rand_queue[rand_taken++];
	return RAND_AFTER;
}

/** Queue @p n copies of @p value for the fake generator */
static void rand_push(uint32_t value, unsigned int n)
{
	while (n--)
		rand_queue[rand_queued++] = value;
}

/**
 * With every number lwIP draws at start-up all ones, the first TCP port
 * is still one of the ephemeral range: lwIP alone would start at 0xffff
 * and find no port (ERR_BUF).  Runs once: lwIP starts once per program.
 */
static void test_first_port(void **state)
{
	struct tcp_pcb *pcb;

	(void)state;
	rand_push(0xffffffffu, 8);
	lwip_init();
	pcb = tcp_new();
	assert_non_null(pcb);
	assert_int_equal(tcp_bind(pcb, IP_ANY_TYPE, 0), ERR_OK);
	assert_true(pcb->local_port >= 0xc000 && pcb->local_port < 0xffff);
	assert_int_equal(tcp_close(pcb), ERR_OK);
}

/** Numbers whose low 14 bits are all ones are drawn again, the others come through unchanged */
static void test_others_unchanged(void **state)
{
	(void)state;
	rand_queued = rand_taken = 0;
	rand_push(0x00003fffu, 1);
	rand_push(0xabcd7fffu, 1);
	rand_push(0x00003ffeu, 1);
	rand_push(0xffffdfffu, 1);
	assert_int_equal(LWIP_RAND(), 0x00003ffeu);
	assert_int_equal(rand_taken, 3);
	assert_int_equal(LWIP_RAND(), 0xffffdfffu);
	assert_int_equal(LWIP_RAND(), RAND_AFTER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_port),
		cmocka_unit_test(test_others_unchanged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
