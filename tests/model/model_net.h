/** @file Linux build: a real NIC driver on a device model whose wire is a TAP interface. */
#ifndef MODEL_NET_H
#define MODEL_NET_H

/**
 * Attach a model to TAP interface and probe its driver: @p spec is
 * DRIVER[/DEVICE]:IFNAME ("nge:tap0", "nge/0x0066:tap0", "e1000g:tap0");
 * 0 or -error (a line is printed)
 */
int model_net_probe(const char *spec);

#endif
