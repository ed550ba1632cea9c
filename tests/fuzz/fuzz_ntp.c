/** @file Fuzz target: SNTP replies (net/ntp/reply.c). */
#include <string.h>
#include <lwpxe/ntp.h>
#include "fuzz.h"

/** Input: a reply; our request's timestamp is its originate field, so some replies match */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t origin[8] = { 0 };
	unsigned int ms;
	int64_t secs;
	char why[128];

	if (size >= 32)
		memcpy(origin, data + 24, sizeof(origin));
	ntp_parse_reply(data, size, origin, &secs, &ms, why, sizeof(why));
	return 0;
}
