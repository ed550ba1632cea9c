/** @file The receiving side of a TFTP transfer: which DATA block to keep, when to ACK, what to do about gaps and duplicates (RFC 7440). */
#include "tftp_int.h"

/** Start @p w at block 1 with @p size blocks per ACK */
void tftp_window_start(struct tftp_window *w, unsigned int size)
{
	w->next = 1;
	w->size = size ? size : 1;
	w->run = 0;
	w->lost = 0;
}

/** The last block kept in order */
unsigned int tftp_window_acked(const struct tftp_window *w)
{
	return (w->next - 1) & 0xffff;
}

/** What to do with DATA @p block (@p last: the short one) */
enum tftp_verdict tftp_window_data(struct tftp_window *w, unsigned int block,
				   int last)
{
	unsigned int ahead = (block - w->next) & 0xffff;

	if (ahead == 0) {
		w->next = (w->next + 1) & 0xffff;
		w->lost = 0;
		if (last || ++w->run >= w->size) {
			w->run = 0;
			return TFTP_KEEP_ACK;
		}
		return TFTP_KEEP;
	}
	if (ahead < 0x8000) {
		/* a gap: ask once for a resend from the last block in order */
		if (w->lost)
			return TFTP_DROP;
		w->lost = 1;
		w->run = 0;
		return TFTP_REACK;
	}
	/* an old block: re-ACK only the end of the last window (our ACK was lost) */
	return block == tftp_window_acked(w) && w->run == 0 ? TFTP_REACK : TFTP_DROP;
}
