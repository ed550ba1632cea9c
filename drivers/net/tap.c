/** @file TAP driver: Ethernet frames through a Linux TAP interface, one NIC per --net (Linux-process build only). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/errors.h>
#include <lwpxe/host.h>
#include <lwpxe/nic.h>

/* Facts from the kernel's if_tun.h, if.h, sockios.h and virtio_net.h */
#define TAP_TUNSETIFF 0x400454ca    /**< attach the fd to a TUN/TAP interface */
#define TAP_TUNSETOFFLOAD 0x400454d0 /**< offloads the reader handles (TUN_F_*) */
#define TAP_IFF_TAP 0x0002          /**< Ethernet frames, not IP packets */
#define TAP_IFF_NO_PI 0x1000        /**< no packet-information header */
#define TAP_IFF_VNET_HDR 0x4000     /**< a virtio_net_hdr before each frame */
#define TAP_TUN_F_CSUM 0x01         /**< reader takes partial checksums */
#define TAP_TUN_F_TSO4 0x02         /**< reader takes coalesced TCP/IPv4 segments */
#define TAP_VIRTIO_NET_HDR_F_NEEDS_CSUM 0x01 /**< checksum is partial (local sender) */
#define TAP_VIRTIO_NET_HDR_F_DATA_VALID 0x02 /**< checksum was verified */
#define TAP_SIOCGIFFLAGS 0x8913     /**< read interface flags */
#define TAP_SIOCGIFINDEX 0x8933     /**< interface index (existence check) */
#define TAP_IFF_UP 0x0001           /**< interface administratively up */
#define TAP_IFF_RUNNING 0x0040      /**< carrier present */

/** struct virtio_net_hdr: what the kernel says about the frame that follows */
struct tap_vnet_hdr {
	uint8_t flags;              /**< VIRTIO_NET_HDR_F_* */
	uint8_t gso_type;           /**< VIRTIO_NET_HDR_GSO_* (0: one segment) */
	uint16_t hdr_len;           /**< header bytes of a coalesced segment */
	uint16_t gso_size;          /**< payload bytes per segment on the wire */
	uint16_t csum_start;        /**< where a partial checksum starts */
	uint16_t csum_offset;       /**< where, after csum_start, it is stored */
};

/**
 * Largest frame read from the interface: a coalesced TCP segment as large
 * as an IP datagram can be, behind its Ethernet header
 */
#define TAP_FRAME_MAX (14 + 65535)

/** Frames handled per poll before yielding to the rest of the loop */
#define TAP_RX_BUDGET 64

/** Polls between carrier checks (idle polls are about 1 ms apart) */
#define TAP_LINK_CHECK_POLLS 256

/** struct ifreq: a name and a 24-byte union, of which we use an int or a short */
struct tap_ifreq {
	char name[16];              /**< interface name */
	union {
		short flags;        /**< SIOCGIFFLAGS / TUNSETIFF */
		int index;          /**< SIOCGIFINDEX */
		char pad[24];       /**< the union's full size */
	} u;
};

/**
 * Receive buffer: the virtio_net_hdr, then the frame (which so starts 2
 * bytes past an 8-byte boundary, as netdev places it: copies go by words)
 */
struct tap_rx {
	struct tap_vnet_hdr hdr;    /**< header of the frame */
	uint8_t frame[TAP_FRAME_MAX]; /**< the frame */
} __attribute__((aligned(8)));

/** Driver state for one TAP interface */
struct tap_priv {
	char ifname[16];            /**< the interface's name */
	int fd;                     /**< /dev/net/tun descriptor, -1 when closed */
	int sock;                   /**< socket for interface ioctls */
	unsigned int polls;         /**< polls since the last carrier check */
	struct tap_rx rx;           /**< receive buffer */
};

/** Set nic->link_up from the interface's flags */
static void tap_check_link(struct nic *nic)
{
	struct tap_priv *tap = nic->priv;
	struct tap_ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.name, tap->ifname, sizeof(ifr.name) - 1);
	if (host_ioctl(tap->sock, TAP_SIOCGIFFLAGS, &ifr) == 0)
		nic->link_up = (ifr.u.flags & TAP_IFF_UP) &&
			       (ifr.u.flags & TAP_IFF_RUNNING);
	tap->polls = 0;
}

/** Attach to the interface */
static int tap_open(struct nic *nic)
{
	struct tap_priv *tap = nic->priv;
	struct tap_ifreq ifr;
	int fd, rc;

	fd = host_open_rw("/dev/net/tun");
	if (fd < 0) {
		printf("%s: cannot open /dev/net/tun: %s\n", nic->name,
		       errmsg(fd));
		return fd;
	}
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.name, tap->ifname, sizeof(ifr.name) - 1);
	ifr.u.flags = TAP_IFF_TAP | TAP_IFF_NO_PI | TAP_IFF_VNET_HDR;
	rc = host_ioctl(fd, TAP_TUNSETIFF, &ifr);
	if (rc != 0) {
		printf("%s: cannot attach to TAP interface %s: %s\n",
		       nic->name, tap->ifname, errmsg(rc));
		host_close(fd);
		return rc;
	}
	/* big segments mean a read per 64 KiB instead of per 1.5 KiB */
	rc = host_ioctl(fd, TAP_TUNSETOFFLOAD,
			 (void *)(long)(TAP_TUN_F_CSUM | TAP_TUN_F_TSO4));
	if (rc != 0)
		printf("%s: no offloads on %s (%s), going on without\n",
		       nic->name, tap->ifname, errmsg(rc));
	tap->fd = fd;
	host_watch_fd(fd);
	tap_check_link(nic);
	return 0;
}

/** Detach from the interface */
static void tap_close(struct nic *nic)
{
	struct tap_priv *tap = nic->priv;

	if (tap->fd < 0)
		return;
	host_unwatch_fd(tap->fd);
	/* the interface keeps offloads: leave none for a reader without headers */
	host_ioctl(tap->fd, TAP_TUNSETOFFLOAD, NULL);
	host_close(tap->fd);
	tap->fd = -1;
	nic->link_up = 0;
}

/** Write one frame to the interface, behind a header that asks for nothing */
static int tap_transmit(struct nic *nic, const void *frame, size_t len)
{
	static const struct tap_vnet_hdr hdr;
	struct tap_priv *tap = nic->priv;
	long n = host_write2(tap->fd, &hdr, sizeof(hdr), frame, len);

	if (n != (long)(sizeof(hdr) + len))
		return n < 0 ? (int)n : -EIO;
	return 0;
}

/**
 * NIC_RX_CSUM_OK when the kernel vouches for the frame's checksum: it was
 * verified, or the frame was made on this host and carries a partial sum
 */
static unsigned int tap_rx_flags(const struct tap_vnet_hdr *hdr)
{
	if (hdr->flags & (TAP_VIRTIO_NET_HDR_F_NEEDS_CSUM |
			  TAP_VIRTIO_NET_HDR_F_DATA_VALID))
		return NIC_RX_CSUM_OK;
	return 0;
}

/** Pass up the frames waiting on the interface; refresh link state now and then */
static void tap_poll(struct nic *nic)
{
	struct tap_priv *tap = nic->priv;

	for (int i = 0; i < TAP_RX_BUDGET; i++) {
		long n = host_read(tap->fd, &tap->rx, sizeof(tap->rx));

		if (n < (long)sizeof(tap->rx.hdr))
			break;
		nic_receive_flags(nic, tap->rx.frame,
				  (size_t)n - sizeof(tap->rx.hdr),
				  tap_rx_flags(&tap->rx.hdr));
	}
	if (++tap->polls >= TAP_LINK_CHECK_POLLS)
		tap_check_link(nic);
}

static const struct nic_operations tap_operations = {
	.open = tap_open,
	.close = tap_close,
	.transmit = tap_transmit,
	.poll = tap_poll,
};

/** A stable, locally administered MAC address derived from the interface name */
static void tap_make_mac(const char *ifname, uint8_t *mac)
{
	uint32_t hash = 2166136261u;

	for (const char *p = ifname; *p; p++)
		hash = (hash ^ (uint8_t)*p) * 16777619u;
	mac[0] = 0x02;
	mac[1] = 0x00;
	memcpy(mac + 2, &hash, 4);
}

/** Attach to the existing TAP interface @p ifname and register it as a NIC; 0 or -error (after a line) */
static int tap_probe_one(const char *ifname)
{
	struct tap_ifreq ifr;
	struct tap_priv *tap;
	struct nic *nic;
	int sock, rc;

	if (strlen(ifname) >= sizeof(ifr.name)) {
		printf("tap: interface name '%s' is too long\n", ifname);
		return -ENAMETOOLONG;
	}
	sock = host_socket();
	if (sock < 0) {
		printf("tap: cannot open a socket: %s\n", errmsg(sock));
		return sock;
	}
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.name, ifname);
	rc = host_ioctl(sock, TAP_SIOCGIFINDEX, &ifr);
	if (rc != 0) {
		printf("tap: no TAP interface '%s': %s\n", ifname, errmsg(rc));
		host_close(sock);
		return rc;
	}
	nic = calloc(1, sizeof(*nic));
	tap = calloc(1, sizeof(*tap));
	if (!nic || !tap) {
		free(nic);
		free(tap);
		host_close(sock);
		return -ENOMEM;
	}
	tap->fd = -1;
	tap->sock = sock;
	strcpy(tap->ifname, ifname);
	nic->driver = "tap";
	nic->desc.bus_type = DEVICE_BUS_HOST;
	strcpy(nic->desc.name, ifname);
	nic->op = &tap_operations;
	nic->priv = tap;
	nic->mtu = 1500;
	tap_make_mac(ifname, nic->mac);
	rc = nic_register(nic);
	if (rc != 0) {
		printf("tap: cannot register %s: %s\n", ifname, errmsg(rc));
		free(nic);
		free(tap);
		host_close(sock);
	}
	return rc;
}

/** Register a NIC for every --net IFNAME, in order; the first -error if one cannot be used */
static int tap_probe(void)
{
	const char *ifname;
	int rc;

	for (unsigned int i = 0; (ifname = host_net_name(i)) != NULL; i++) {
		if (strchr(ifname, ':'))
			continue;       /* DRIVER:IFNAME: a device model's */
		rc = tap_probe_one(ifname);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/** The host's TAP interfaces named with --net */
static const struct nic_source tap_source = {
	.name = "tap",
	.probe = tap_probe,
};
NIC_SOURCE(tap_source);
