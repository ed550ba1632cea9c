/** @file Shared by the interface commands: naming NICs on the command line. */
#ifndef LWPXE_NET_IFCOMMON_H
#define LWPXE_NET_IFCOMMON_H

struct nic;

/** Work done on one NIC by an interface command; 0 or -error (printed) */
typedef int (*ifcmd_fn)(struct nic *nic);

/**
 * Run @p fn on each NIC named in @p argv from @p first on, or on every
 * NIC if none is named.  Every name is checked before anything runs
 * ("cmd: net7: no such interface").
 *
 * @v cmd        command name for messages
 * @v argc       argument count
 * @v argv       arguments
 * @v first      index of the first interface name
 * @v fn         work for one NIC
 * @v until_ok   stop at the first NIC where @p fn succeeds
 * @ret rc       0 if every (with @p until_ok: any) call succeeded, else the
 *               last -error
 */
int ifcmd_each(const char *cmd, int argc, char **argv, int first, ifcmd_fn fn,
	       int until_ok);

#endif
