/** @file Linux build: the NIC source of device models wired to TAP interfaces (`lwpxe --net nge:tap0`), each probed by the real driver through the PCI driver table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/compiler.h>
#include <lwpxe/errors.h>
#include <lwpxe/host.h>
#include <lwpxe/nic.h>
#include <lwpxe/pci.h>
#include <lwpxe/poll.h>
#include "model.h"
#include "e1000g_model.h"
#include "nge_model.h"

/* Facts from the kernel's if_tun.h and sockios.h */
#define MODEL_TUNSETIFF 0x400454ca  /**< attach the fd to a TUN/TAP interface */
#define MODEL_IFF_TAP 0x0002        /**< Ethernet frames */
#define MODEL_IFF_NO_PI 0x1000      /**< no packet-information header */
#define MODEL_SIOCGIFINDEX 0x8933   /**< interface index (existence check) */

/** Frames moved from the TAP into a model per poll */
#define MODEL_RX_BUDGET 64

/** Largest frame read from the TAP (no offloads asked for, none left on by tap.c: MTU-sized) */
#define MODEL_FRAME_MAX 1536

/** The chip `nge:` models unless a device id is given: MCP55, address reversed at power-on */
#define MODEL_NGE_DEFAULT 0x0373

/** The chip `e1000g:` models unless a device id is given: 82540EM (QEMU's e1000) */
#define MODEL_E1000G_DEFAULT 0x100e

/** The PCI device number of the first model (the next ones follow) */
#define MODEL_PCI_DEV_FIRST 3

/** A model on a TAP interface */
struct model_net {
	struct model_dev *dev;      /**< the model */
	struct pci_device pci;      /**< the PCI function its driver sees */
	const struct pci_driver *driver; /**< the driver that took it */
	int fd;                     /**< the TAP */
};

/** Models attached so far */
static struct model_net *model_nets[4];

/** Number of entries in model_nets */
static unsigned int model_nnets;

/** Frame buffer for TAP reads */
static uint8_t model_frame[MODEL_FRAME_MAX];

/** The model's wire: write the frame to its TAP */
static void model_net_send(struct model_dev *dev, const void *frame, size_t len)
{
	struct model_net *net = dev->host;

	(void)host_write2(net->fd, frame, len, NULL, 0);
}

/** A stable, locally administered address for the modelled chip, from the interface name */
static void model_net_mac(const char *ifname, uint8_t *mac)
{
	uint32_t hash = 2166136261u;

	for (const char *p = ifname; *p; p++)
		hash = (hash ^ (uint8_t)*p) * 16777619u;
	mac[0] = 0x02;
	mac[1] = 0x4e;          /* 'N': not the address tap.c gives the same name */
	memcpy(mac + 2, &hash, 4);
}

/** struct ifreq: a name and a 24-byte union, of which we use a short or an int */
struct model_ifreq {
	char name[16];              /**< interface name */
	union {
		short flags;        /**< TUNSETIFF */
		int index;          /**< SIOCGIFINDEX */
		char pad[24];       /**< the union's full size */
	} u;
};

/** 0 if interface @p ifname exists (TUNSETIFF would make a new one), else -error */
static int model_net_exists(const char *ifname)
{
	struct model_ifreq ifr;
	int sock, rc;

	sock = host_socket();
	if (sock < 0)
		return sock;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.name, ifname);
	rc = host_ioctl(sock, MODEL_SIOCGIFINDEX, &ifr);
	host_close(sock);
	return rc;
}

/** Open the existing TAP interface @p ifname for whole frames; fd or -error */
static int model_net_tap(const char *ifname)
{
	struct model_ifreq ifr;
	int fd, rc;

	if (strlen(ifname) >= sizeof(ifr.name))
		return -ENAMETOOLONG;
	rc = model_net_exists(ifname);
	if (rc != 0)
		return rc;
	fd = host_open_rw("/dev/net/tun");
	if (fd < 0)
		return fd;
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.name, ifname);
	ifr.u.flags = MODEL_IFF_TAP | MODEL_IFF_NO_PI;
	rc = host_ioctl(fd, MODEL_TUNSETIFF, &ifr);
	if (rc != 0) {
		host_close(fd);
		return rc;
	}
	return fd;
}

/** Build the model @p driver names, for chip @p device (0: the default); NULL if none */
static struct model_dev *model_net_make(const char *driver, uint16_t device,
					const char *ifname)
{
	if (strcmp(driver, "nge") == 0) {
		struct nge_model_config cfg = {
			.device = device ? device : MODEL_NGE_DEFAULT,
			.mac_state = NGE_MODEL_MAC_POWER_ON,
			.phy_addr = 1,
		};

		model_net_mac(ifname, cfg.mac);
		return nge_model_new(&cfg);
	}
	if (strcmp(driver, "e1000g") == 0) {
		uint8_t mac[6];
		struct e1000g_model *m;

		model_net_mac(ifname, mac);
		if (!device)
			device = MODEL_E1000G_DEFAULT;
		m = e1000g_model_new(device, device == 0x10d3 || device == 0x10f6,
				     mac);
		return m ? &m->dev : NULL;
	}
	return NULL;
}

/** Describe the model as PCI function 00:(3 + n).0 and probe the driver that takes its ids; 0 or -error */
static int model_net_attach(struct model_net *net)
{
	const struct pci_id *id;

	device_set_pci(&net->pci.desc, 0, 0, MODEL_PCI_DEV_FIRST + model_nnets,
		       0, net->dev->vendor, net->dev->device);
	net->pci.platform = net->dev;
	net->driver = pci_find_driver(net->dev->vendor, net->dev->device, &id);
	if (!net->driver) {
		printf("model: no driver in this build takes %04x:%04x\n",
		       net->dev->vendor, net->dev->device);
		return -ENODEV;
	}
	return pci_probe_device(net->driver, id, &net->pci);
}

/**
 * Attach a model to a TAP interface and probe its driver
 *
 * @v spec      DRIVER[/DEVICE]:IFNAME ("nge:tap0", "nge/0x0066:tap0", "e1000g:tap0")
 * @ret rc      0 or -error (a line is printed)
 */
static int model_net_probe_one(const char *spec)
{
	const char *colon = strchr(spec, ':');
	size_t dlen = (size_t)(colon - spec);
	char driver[16];
	unsigned long device = 0;
	struct model_net *net;
	char *slash;
	int rc;

	if (dlen == 0 || dlen >= sizeof(driver) || !colon[1] ||
	    model_nnets >= ARRAY_SIZE(model_nets)) {
		printf("model: '%s': expected DRIVER[/DEVICE]:IFNAME (at most %u)\n",
		       spec, (unsigned int)ARRAY_SIZE(model_nets));
		return -EINVAL;
	}
	memcpy(driver, spec, dlen);
	driver[dlen] = '\0';
	slash = strchr(driver, '/');
	if (slash) {
		*slash = '\0';
		device = strtoul(slash + 1, NULL, 0);
	}
	net = calloc(1, sizeof(*net));
	if (!net)
		return -ENOMEM;
	net->dev = model_net_make(driver, (uint16_t)device, colon + 1);
	if (!net->dev) {
		printf("model: '%s': no model of %s%s%s\n", spec, driver,
		       slash ? " device " : "", slash ? slash + 1 : "");
		free(net);
		return -ENODEV;
	}
	net->dev->wire_send = model_net_send;
	net->dev->host = net;
	net->fd = model_net_tap(colon + 1);
	if (net->fd < 0) {
		printf("model: cannot attach to TAP interface %s: %s\n",
		       colon + 1, errmsg(net->fd));
		rc = net->fd;
		goto err;
	}
	rc = model_net_attach(net);
	if (rc < 0) {
		host_close(net->fd);
		goto err;
	}
	host_watch_fd(net->fd);
	model_nets[model_nnets++] = net;
	return 0;
err:
	net->dev->op->free(net->dev);
	free(net);
	return rc;
}

/** Attach a model for every --net DRIVER:IFNAME, in order; the first -error if one cannot be used */
static int model_net_probe(void)
{
	const char *name;
	int rc;

	for (unsigned int i = 0; (name = host_net_name(i)) != NULL; i++) {
		if (!strchr(name, ':'))
			continue;       /* a plain TAP: tap.c's */
		rc = model_net_probe_one(name);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/** Let each model's driver quiesce it (the NICs are closed already) */
static void model_net_remove(void)
{
	for (unsigned int i = 0; i < model_nnets; i++) {
		struct model_net *net = model_nets[i];

		if (net->driver->remove)
			net->driver->remove(&net->pci, 1);
	}
}

/** Device models on TAP interfaces, named with --net DRIVER:IFNAME */
static const struct nic_source model_net_source = {
	.name = "model",
	.probe = model_net_probe,
	.remove = model_net_remove,
};
NIC_SOURCE(model_net_source);

/** Move frames waiting on each model's TAP into the model */
static void model_net_poll(void)
{
	for (unsigned int i = 0; i < model_nnets; i++) {
		struct model_net *net = model_nets[i];

		for (int k = 0; k < MODEL_RX_BUDGET; k++) {
			long n = host_read(net->fd, model_frame,
					   sizeof(model_frame));

			if (n <= 0)
				break;
			net->dev->op->receive(net->dev, model_frame, (size_t)n);
		}
	}
}

static const struct poller model_net_poller = {
	.name = "model",
	.poll = model_net_poll,
};
POLLER(model_net_poller);
