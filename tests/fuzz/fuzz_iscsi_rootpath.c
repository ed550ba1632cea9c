/** @file Fuzz target: iSCSI root-paths (net/iscsi/rootpath.c), from DHCP option 17 or a script. */
#include <stdlib.h>
#include "../../net/iscsi/iscsi_int.h"
#include "fuzz.h"

/** Input: a root-path */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct iscsi_rootpath rp;
	char lun[32];
	char *text = fuzz_text(data, size);

	if (text && iscsi_rootpath_parse(text, &rp) == 0)
		iscsi_lun_text(rp.lun, lun, sizeof(lun));
	free(text);
	return 0;
}
