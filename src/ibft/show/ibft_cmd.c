/** @file The `ibft` command: show the installed iBFT as an OS will read it. */
#include <stdio.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/ibft.h>
#include <lwpxe/script.h>

static const struct command ibft_cmd;

/**
 * `ibft`: decode the table installed last, field by field, with the
 * verdicts of Linux' and illumos' parsers
 *
 * @v argc      number of arguments
 * @v argv      arguments
 * @ret rc      0, -ENOENT if no table is installed, -EINVAL for arguments
 */
static int ibft_exec(int argc, char **argv)
{
	const void *table;
	size_t len;

	if (argc != 1)
		return command_usage(&ibft_cmd);
	table = ibft_current(&len);
	if (!table) {
		printf("%sibft: no table installed (no iSCSI drive to describe)\n",
		       script_where());
		return -ENOENT;
	}
	ibft_print(table, len);
	return 0;
}

/** The `ibft` command */
static const struct command ibft_cmd = {
	.name = "ibft",
	.usage = "",
	.exec = ibft_exec,
};
COMMAND(ibft_cmd);
