/** @file TAP driver: a Linux TAP interface as the NIC of the Linux-process build. */
#ifndef TAP_H
#define TAP_H

/** Attach to the existing TAP interface @p ifname and register it as a NIC; 0 or -error */
int tap_probe(const char *ifname);

#endif
