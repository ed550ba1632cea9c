/** @file 802.1Q VLAN devices: NICs whose frames go tagged through another NIC. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/netdev.h>
#include <lwpxe/nic.h>
#include "lwip/def.h"
#include "lwip/opt.h"
#include "lwip/prot/ethernet.h"
#include "vlan_int.h"

/** Largest frame sent: Ethernet header, 1500 bytes, the tag */
#define VLAN_FRAME_MAX (SIZEOF_ETH_HDR + 1500 + SIZEOF_VLAN_HDR)

/** Open the trunk (a VLAN device is up while its trunk is); 0 or -error */
static int vlan_open(struct nic *vlan)
{
	int rc = netdev_open(vlan->trunk);

	vlan->link_up = vlan->trunk->link_up;
	return rc;
}

/** Nothing to stop: the trunk stays open for others */
static void vlan_close(struct nic *vlan)
{
	(void)vlan;
}

/** Send @p frame through the trunk with the device's tag after the MAC addresses */
static int vlan_transmit(struct nic *vlan, const void *frame, size_t len)
{
	static uint8_t tagged[VLAN_FRAME_MAX];
	const struct eth_hdr *in = frame;
	struct eth_hdr *out = (void *)tagged;
	struct eth_vlan_hdr *tag = (void *)(out + 1);

	if (!vlan->trunk->is_open)
		return -ENETDOWN;
	if (len < SIZEOF_ETH_HDR || len + SIZEOF_VLAN_HDR > sizeof(tagged))
		return -EMSGSIZE;
	out->dest = in->dest;
	out->src = in->src;
	out->type = PP_HTONS(ETHTYPE_VLAN);
	tag->prio_vid = lwip_htons((u16_t)(vlan->vlan_priority << 13 |
					   vlan->vlan_tag));
	tag->tpid = in->type;
	memcpy(tag + 1, in + 1, len - SIZEOF_ETH_HDR);
	return vlan->trunk->op->transmit(vlan->trunk, tagged,
					 len + SIZEOF_VLAN_HDR);
}

/** The trunk is polled on its own: only take up its link state (down while it is closed) */
static void vlan_poll(struct nic *vlan)
{
	vlan->link_up = vlan->trunk->is_open && vlan->trunk->link_up;
}

/** A VLAN device's operations */
static const struct nic_operations vlan_operations = {
	.open = vlan_open,
	.close = vlan_close,
	.transmit = vlan_transmit,
	.poll = vlan_poll,
};

int vlan_create(struct nic *trunk, unsigned int tag, unsigned int priority,
		struct nic **out)
{
	struct nic *vlan;
	int rc;

	if (trunk->trunk)
		return -EINVAL;
	for (struct nic *v = trunk->vlans; v; v = v->vlan_next) {
		if (v->vlan_tag == tag)
			return -EEXIST;
	}
	vlan = calloc(1, sizeof(*vlan));
	if (!vlan)
		return -ENOMEM;
	if (snprintf(vlan->name, sizeof(vlan->name), "%s-%u", trunk->name,
		     tag) >= (int)sizeof(vlan->name)) {
		free(vlan);
		return -ENAMETOOLONG;
	}
	memcpy(vlan->mac, trunk->mac, sizeof(vlan->mac));
	vlan->driver = "vlan";
	vlan->desc = trunk->desc;       /* the iBFT and EDD name the trunk's function */
	vlan->op = &vlan_operations;
	vlan->mtu = trunk->mtu;
	vlan->rx_frames_max = trunk->rx_frames_max;
	vlan->trunk = trunk;
	vlan->vlan_tag = tag;
	vlan->vlan_priority = priority;
	rc = nic_register(vlan);
	if (rc < 0) {
		free(vlan);
		return rc;
	}
	vlan->vlan_next = trunk->vlans;
	trunk->vlans = vlan;
	*out = vlan;
	return 0;
}

int vlan_destroy(struct nic *vlan)
{
	struct nic **link;

	if (!vlan->trunk)
		return -ENODEV;
	for (link = &vlan->trunk->vlans; *link != vlan; link = &(*link)->vlan_next)
		;
	*link = vlan->vlan_next;
	nic_unregister(vlan);
	free(vlan);
	return 0;
}
