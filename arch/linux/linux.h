/** @file Internal interfaces of the Linux-process platform. */
#ifndef LINUX_H
#define LINUX_H

#include <lwpxe/time.h>

/** Put the terminal in raw mode (if it is one) and watch standard input */
void linux_console_init(void);

/** Write out buffered console output */
void linux_console_flush(void);

/** Flush output and restore the terminal */
void linux_console_fini(void);

/** Write every iBFT built to @p path (--ibft-out) */
void linux_ibft_output(const char *path);

/** Add interface @p name (--net; kept, not copied) for the NIC sources, host_net_name(); 0 or -ENOSPC */
int linux_net_add(const char *name);

#endif
