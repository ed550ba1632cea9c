/** @file 802.1Q VLAN devices: what `vcreate` and `vdestroy` call. */
#ifndef LWPXE_VLAN_INT_H
#define LWPXE_VLAN_INT_H

#include <lwpxe/nic.h>

/** Largest VLAN id (4095 is reserved) */
#define VLAN_TAG_MAX 4094
/** Largest 802.1p priority */
#define VLAN_PRIORITY_MAX 7

/**
 * Create VLAN device "TRUNK-TAG" on @p trunk, sending @p priority in its
 * tags; it shares the trunk's MAC and opens the trunk when opened
 *
 * @v vlan      receives the new device
 * @ret rc      0, -EEXIST if the trunk has that VLAN already, -EINVAL for
 *              a trunk that is a VLAN device itself, -ENAMETOOLONG,
 *              -ENOMEM or -ENOSPC
 */
int vlan_create(struct nic *trunk, unsigned int tag, unsigned int priority,
		struct nic **vlan);

/** Remove VLAN device @p vlan; -ENODEV if it is not one */
int vlan_destroy(struct nic *vlan);

#endif
