/** @file Build-time check (a host program): the unpacker's decoder (unlzma.c) gives back the firmware from mkpack.sh's blob. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unlzma.h"

/** Read all of @p path into a new buffer; NULL (printed) on failure */
static uint8_t *check_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long size = 0;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 ||
	    !(buf = malloc((size_t)size + 1)) ||
	    fread(buf, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "unpack-check: cannot read %s\n", path);
		free(buf);
		buf = NULL;
	}
	if (f)
		fclose(f);
	*len = (size_t)size;
	return buf;
}

/** usage: unpack-check BLOB FIRMWARE -- exit 0 if BLOB unpacks to FIRMWARE */
int main(int argc, char **argv)
{
	static uint16_t probs[UNLZMA_PROBS(4)];
	size_t blob_len, want_len;
	uint8_t *blob, *want, *got;
	int rc, err;

	if (argc != 3) {
		fprintf(stderr, "usage: unpack-check BLOB FIRMWARE\n");
		return 2;
	}
	blob = check_read(argv[1], &blob_len);
	want = check_read(argv[2], &want_len);
	got = malloc(want_len + 1);
	rc = 1;
	if (!blob || !want || !got)
		goto out;
	err = unlzma(got, want_len, blob, blob_len, probs,
		     sizeof(probs) / sizeof(probs[0]));
	if (err != 0) {
		fprintf(stderr, "unpack-check: %s: decoder error %d\n", argv[1], err);
		goto out;
	}
	unlzma_x86(got, want_len);
	if (memcmp(got, want, want_len) != 0) {
		fprintf(stderr, "unpack-check: %s does not unpack to %s\n",
			argv[1], argv[2]);
		goto out;
	}
	rc = 0;
out:
	free(blob);
	free(want);
	free(got);
	return rc;
}
