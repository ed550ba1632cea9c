/** @file The progress line of a download: one line updated in place, then the final line over it. */
#include <stdio.h>
#include <string.h>
#include <lwpxe/fetch.h>
#include <lwpxe/time.h>

/** A download shows progress once it has run this long, in ms */
#define FETCH_PROGRESS_AFTER_MS 1000
/** Time between two updates of the line, in ms */
#define FETCH_PROGRESS_EVERY_MS 250
/** Bytes between two looks at the clock */
#define FETCH_PROGRESS_CHECK_BYTES (64 * 1024)

unsigned long fetch_rate(size_t len, uint64_t ms)
{
	return (unsigned long)((uint64_t)len / 1000 / (ms ? ms : 1));
}

/** Print @p text from the start of the line, blanking what is left of a longer line before it */
static void fetch_progress_print(struct fetch_progress *pr, const char *text)
{
	size_t n = strlen(text);

	printf("\r%s%*s", text, pr->width > n ? (int)(pr->width - n) : 0, "");
	pr->width = (unsigned int)n;
}

void fetch_progress_update(struct fetch_buf *buf)
{
	struct fetch_progress *pr = &buf->progress;
	char line[160], pct[16] = "";
	uint64_t now, ms;

	if (!pr->name || buf->len < pr->check_at)
		return;
	pr->check_at = buf->len + FETCH_PROGRESS_CHECK_BYTES;
	now = ticks_ms();
	ms = now - pr->start_ms;
	if (ms < FETCH_PROGRESS_AFTER_MS ||
	    (pr->width && now - pr->shown_ms < FETCH_PROGRESS_EVERY_MS))
		return;
	pr->shown_ms = now;
	if (buf->expected && buf->len <= buf->expected)
		snprintf(pct, sizeof(pct), " (%u%%)", (unsigned int)
			 ((uint64_t)buf->len * 100 / buf->expected));
	snprintf(line, sizeof(line), "%.100s: %zu bytes%s, %lu MB/s",
		 pr->name, buf->len, pct, fetch_rate(buf->len, ms));
	fetch_progress_print(pr, line);
}

void fetch_progress_clear(struct fetch_buf *buf)
{
	struct fetch_progress *pr = &buf->progress;

	if (!pr->width)
		return;
	fetch_progress_print(pr, "");
	printf("\r");
	pr->width = 0;
}
