/** @file Fuzz target: CHAP values from a target (net/iscsi/chap.c): decoded, re-encoded, checked as a mutual response. */
#include <stdlib.h>
#include "../../net/iscsi/iscsi_int.h"
#include "fuzz.h"

/** Input: a CHAP_C / CHAP_R value ("0x..." or "0b...") */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t bin[ISCSI_CHAP_CHALLENGE_MAX];
	static char hex[2 * ISCSI_CHAP_CHALLENGE_MAX + 3];
	uint8_t resp[ISCSI_CHAP_LEN];
	char *text = fuzz_text(data, size);
	int len;

	if (!text)
		return 0;
	len = iscsi_chap_decode(text, bin, sizeof(bin));
	if (len >= 0) {
		iscsi_chap_encode(bin, (size_t)len, hex, sizeof(hex));
		iscsi_chap_response(1, "secret", bin, (size_t)len, resp);
		iscsi_chap_verify(1, "secret", resp, sizeof(resp), bin,
				  (size_t)len);
	}
	free(text);
	return 0;
}
