/** @file Fuzz target: TFTP packets from a server (net/tftp/packet.c, window.c): OACK, ERROR, DATA block numbers. */
#include "../../net/tftp/tftp_int.h"
#include "fuzz.h"

/** Input: one packet, read as an OACK and an ERROR, and as DATA block numbers for a window */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tftp_opts asked = {
		.blksize = 1428, .windowsize = 8, .has_tsize = 1,
	};
	struct tftp_opts got;
	struct tftp_window w;
	size_t msg_len;

	tftp_parse_oack(data, size, &asked, &got);
	if (tftp_opcode(data, size) && size >= TFTP_HEADER_LEN) {
		tftp_block(data);
		tftp_error_text(data, size, 128, &msg_len);
	}
	tftp_window_start(&w, 1 + (size ? data[0] % 16 : 0));
	for (size_t i = 1; i + 1 < size; i += 2) {
		unsigned int block = (unsigned int)data[i] << 8 | data[i + 1];

		tftp_window_data(&w, block, i + 3 >= size);
		tftp_window_acked(&w);
	}
	return 0;
}
