/** @file NIC drivers: the interface every network driver implements. */
#ifndef LWPXE_NIC_H
#define LWPXE_NIC_H

#include <stddef.h>
#include <stdint.h>
#include <lwpxe/compiler.h>
#include <lwpxe/device.h>

struct nic;

/** What a NIC driver provides */
struct nic_operations {
	/** Start receive and transmit; 0 or -error */
	int (*open)(struct nic *nic);
	/** Stop receive and transmit, leaving the device quiet */
	void (*close)(struct nic *nic);
	/**
	 * Send one Ethernet frame (copied before return); 0, -ENOBUFS if the
	 * transmit ring is full (the frame is sent again after the next
	 * poll), or another -error
	 */
	int (*transmit)(struct nic *nic, const void *frame, size_t len);
	/** Hand received frames to nic_receive(), update link; never block */
	void (*poll)(struct nic *nic);
};

/** Counters shown by `ifstat` */
struct nic_stats {
	unsigned long tx_ok;      /**< frames sent */
	unsigned long tx_err;     /**< frames the driver failed to send */
	unsigned long rx_ok;      /**< frames received */
	unsigned long rx_err;     /**< frames dropped (no memory, bad length) */
};

/** The OSes whose view of a NIC the iBFT checks (`ibft`, `sanboot`) consider */
enum nic_os {
	NIC_OS_LINUX,              /**< Linux */
	NIC_OS_ILLUMOS,            /**< illumos */
	NIC_OS_COUNT,              /**< number of OSes */
};

/** How one OS's driver will see a NIC after the hand-over (set by the firmware driver) */
struct nic_os_view {
	/** That OS's driver for the chip ("forcedeth"); "" if it has none; NULL if not known */
	const char *driver;
	uint8_t mac[6];            /**< the address it will report (if @c driver is set) */
};

/** A network interface card, as drivers see it */
struct nic {
	char name[16];                     /**< "net0" (assigned on registration), "net0-24" for a VLAN */
	uint8_t mac[6];                    /**< hardware address */
	const char *driver;                /**< driver name ("tap", "e1000g") */
	struct device_desc desc;           /**< where it is (bus, PCI address, ids) */
	const struct nic_operations *op;   /**< the driver */
	void *priv;                        /**< driver private data */
	int is_open;                       /**< nonzero between open and close */
	int link_up;                       /**< link state, set by the driver */
	unsigned int mtu;                  /**< largest payload, normally 1500 */
	/**
	 * Received frames the NIC can hold between two polls (its receive
	 * ring); 0 if it never drops for want of room (TAP).  TCP keeps its
	 * receive window a segment short of this many (segments may be
	 * shorter than the MSS).
	 */
	unsigned int rx_frames_max;
	struct nic_stats stats;            /**< counters */
	void *upper;                       /**< network layer state (lwIP netif) */
	/**
	 * The boot ROM's DHCPACK for this NIC (a whole BOOTP/DHCP message,
	 * owned by the driver), NULL if none.  The first `dhcp` on the NIC
	 * applies it as the lease instead of asking a server again, and
	 * sets it to NULL.  Set by drivers over a boot ROM (undi).
	 */
	const void *boot_dhcpack;
	size_t boot_dhcpack_len;           /**< length of @c boot_dhcpack */
	struct nic *trunk;       /**< a VLAN device's NIC that carries its frames; NULL on others */
	unsigned int vlan_tag;   /**< a VLAN device's 802.1Q VLAN id (1-4094) */
	unsigned int vlan_priority; /**< a VLAN device's 802.1p priority (0-7) in the tags it sends */
	struct nic *vlans;       /**< VLAN devices on this NIC, linked by @c vlan_next */
	struct nic *vlan_next;   /**< the next VLAN device on the same trunk */
	const char *chip;                  /**< chip name for messages ("MCP55"), NULL if unknown */
	struct nic_os_view os[NIC_OS_COUNT]; /**< each OS's driver and the MAC it will read */
};

/**
 * rx_frames_max of a NIC driven through a boot ROM's API (PXE UNDI, UEFI
 * SNP): neither API tells the ROM's receive ring, and iPXE-based ROMs
 * (QEMU's among them) keep 8 buffers posted
 */
#define NIC_FIRMWARE_RX_FRAMES 8

/**
 * Register a probed NIC (named net0, net1, ... in order; a NIC whose name
 * is already set keeps it, as a VLAN device does); 0 or -error
 */
int nic_register(struct nic *nic);

/** Remove registered @p nic: close it, drop its interface and settings */
void nic_unregister(struct nic *nic);

/**
 * The layer above the NICs (the network layer), told of each NIC as it is
 * registered: the registry calls up only through this
 */
struct nic_upper {
	/** Give newly registered @p nic what the layer keeps per NIC; 0 or -error (the registration fails) */
	int (*add)(struct nic *nic);
	/** Close @p nic and drop what the layer keeps for it (nic_unregister()) */
	void (*remove)(struct nic *nic);
};

/** Register the layer above the NICs */
#define NIC_UPPER(object) TABLE_ENTRY(nic_uppers, object)
TABLE_DECLARE(nic_uppers);

/*
 * Driver: pass up a received frame.  Implemented by the network layer
 * (net/netdev.c), the one place frames go up.
 */

/** Driver: pass up a received frame of @p len bytes (copied) */
void nic_receive(struct nic *nic, const void *frame, size_t len);

/** nic_receive_flags(): the frame's TCP/UDP checksum is known good (hardware, local host) */
#define NIC_RX_CSUM_OK 0x0001

/**
 * Driver: pass up a received frame with NIC_RX_* @p flags (copied).  A
 * driver that receives coalesced TCP segments may pass frames larger than
 * the MTU, up to 65535 bytes.
 */
void nic_receive_flags(struct nic *nic, const void *frame, size_t len,
		       unsigned int flags);

/** Find a registered NIC by name ("net0"); NULL if none */
struct nic *nic_find(const char *name);

/** The @p index-th registered NIC; NULL past the last */
struct nic *nic_get(unsigned int index);

/** Write @p nic's MAC as "52:54:00:12:34:56" into @p buf (18 bytes); returns @p buf */
char *nic_mac_text(const struct nic *nic, char *buf, size_t len);

/**
 * A place NICs are found: a bus scan (PCI), a boot ROM's API over its NIC
 * (UNDI, SNP) or the host's interfaces (TAP).  Every platform probes the
 * sources its image links through this one table (nic_probe_all()).
 */
struct nic_source {
	const char *name;          /**< "pci", "snp", "undi", "tap" */
	/**
	 * Nonzero for a boot ROM's API over NICs (SNP, UNDI): probed after
	 * the others, so it offers only NICs no native driver took
	 */
	int firmware;
	/**
	 * Find this source's devices and register a NIC for each one a
	 * driver takes; 0, or -error if a device the user named could not
	 * be taken (a line says why; devices merely found unusable are
	 * skipped after a line)
	 */
	int (*probe)(void);
	/** After every NIC is closed: give the devices back quiet (may be NULL) */
	void (*remove)(void);
};

/** Register a NIC source */
#define NIC_SOURCE(object) TABLE_ENTRY(nic_sources, object)
TABLE_DECLARE(nic_sources);

/** Probe every NIC source, native ones first; 0 or the first source's -error */
int nic_probe_all(void);

/** Let every NIC source give its devices back (call after closing the NICs) */
void nic_remove_all(void);

#endif
