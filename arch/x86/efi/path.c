/** @file Device paths on UEFI: of a NIC, a SAN disk (NIC, iSCSI node), a file under a partition, a URI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lwpxe/blockdev.h>
#include <lwpxe/nic.h>
#include "efi_san.h"

/** iSCSI device path node (UEFI spec "iSCSI Device Path"): messaging type, subtype 19 */
#define EFI_MSG_ISCSI_DP 19
/** Its login options: no digests; authentication none / CHAP, one-way CHAP */
#define EFI_ISCSI_AUTH_NONE 0x1000
#define EFI_ISCSI_CHAP_UNI 0x2000
/** Its network protocol: TCP */
#define EFI_ISCSI_PROTO_TCP 0

/** The fixed part of an iSCSI node; the target name (with a NUL) follows */
struct efi_iscsi_node {
	EFI_DEVICE_PATH hdr;       /**< type 3, subtype 19, length incl. name */
	UINT16 protocol;           /**< EFI_ISCSI_PROTO_TCP */
	UINT16 login;              /**< EFI_ISCSI_ login option bits */
	UINT8 lun[8];              /**< LUN in SAM byte order, as on the wire */
	UINT16 tpgt;               /**< target portal group tag */
} __attribute__((packed));

static EFI_GUID efi_path_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;
static EFI_GUID efi_pci_io_guid = EFI_PCI_IO_PROTOCOL_GUID;

/** Length of node @p node */
static size_t efi_node_len(const EFI_DEVICE_PATH *node)
{
	return (size_t)node->Length[0] | (size_t)node->Length[1] << 8;
}

/** Fill the header of @p node */
static void efi_node_set(EFI_DEVICE_PATH *node, UINT8 type, UINT8 subtype,
			 size_t len)
{
	node->Type = type;
	node->SubType = subtype;
	node->Length[0] = len & 0xff;
	node->Length[1] = len >> 8;
}

size_t efi_path_len(const EFI_DEVICE_PATH *path)
{
	const UINT8 *start = (const UINT8 *)path;

	while (!IsDevicePathEnd(path))
		path = (const EFI_DEVICE_PATH *)((const UINT8 *)path +
						  efi_node_len(path));
	return (size_t)((const UINT8 *)path - start);
}

int efi_path_has_prefix(const EFI_DEVICE_PATH *path,
			const EFI_DEVICE_PATH *prefix)
{
	size_t len = efi_path_len(prefix);

	return efi_path_len(path) >= len && memcmp(path, prefix, len) == 0;
}

/**
 * @p prefix (NULL: none), then room for a node of @p node_len bytes, then
 * End (written); *@p node receives the node's place.  NULL if no memory.
 */
static UINT8 *efi_path_extend(const EFI_DEVICE_PATH *prefix, size_t node_len,
			      UINT8 **node)
{
	size_t plen = prefix ? efi_path_len(prefix) : 0;
	UINT8 *path = malloc(plen + node_len + END_DEVICE_PATH_LENGTH);

	if (!path)
		return NULL;
	if (plen)
		memcpy(path, prefix, plen);
	efi_node_set((EFI_DEVICE_PATH *)(path + plen + node_len),
		     END_DEVICE_PATH_TYPE, END_ENTIRE_DEVICE_PATH_SUBTYPE,
		     END_DEVICE_PATH_LENGTH);
	*node = path + plen;
	return path;
}

/** Device path of the handle whose path ends in a MAC node for @p mac; NULL if none */
static EFI_DEVICE_PATH *efi_nic_snp_path(const uint8_t mac[6])
{
	EFI_DEVICE_PATH *found = NULL;
	EFI_HANDLE *handles;
	UINTN count;

	if (efi_bs->LocateHandleBuffer(ByProtocol, &efi_path_guid, NULL,
				       &count, &handles) != EFI_SUCCESS)
		return NULL;
	for (UINTN i = 0; i < count && !found; i++) {
		EFI_DEVICE_PATH *path, *node, *last = NULL;

		if (efi_bs->HandleProtocol(handles[i], &efi_path_guid,
					   (void **)&path) != EFI_SUCCESS)
			continue;
		for (node = path; !IsDevicePathEnd(node);
		     node = NextDevicePathNode(node))
			last = node;
		if (last && DevicePathType(last) == MESSAGING_DEVICE_PATH &&
		    DevicePathSubType(last) == MSG_MAC_ADDR_DP &&
		    memcmp(((MAC_ADDR_DEVICE_PATH *)last)->MacAddress.Addr,
			   mac, 6) == 0)
			found = path;
	}
	efi_bs->FreePool(handles);
	return found;
}

/** Nonzero if the PCI function behind @p handle is the one @p desc describes */
static int efi_pci_handle_is(EFI_HANDLE handle, const struct device_desc *desc)
{
	UINTN seg, bus, dev, fn;
	EFI_PCI_IO *io;

	if (efi_bs->HandleProtocol(handle, &efi_pci_io_guid, (void **)&io) !=
	    EFI_SUCCESS ||
	    io->GetLocation(io, &seg, &bus, &dev, &fn) != EFI_SUCCESS)
		return 0;
	return seg == desc->segment && bus == desc->bus && dev == desc->dev &&
	       fn == desc->fn;
}

/** Device path of the PCI function @p nic sits on; NULL if none (or not on PCI) */
static EFI_DEVICE_PATH *efi_nic_pci_path(const struct nic *nic)
{
	EFI_DEVICE_PATH *found = NULL;
	EFI_HANDLE *handles;
	UINTN count;

	if (!nic || nic->desc.bus_type != DEVICE_BUS_PCI ||
	    efi_bs->LocateHandleBuffer(ByProtocol, &efi_pci_io_guid, NULL,
				       &count, &handles) != EFI_SUCCESS)
		return NULL;
	for (UINTN i = 0; i < count && !found; i++) {
		if (!efi_pci_handle_is(handles[i], &nic->desc) ||
		    efi_bs->HandleProtocol(handles[i], &efi_path_guid,
					   (void **)&found) != EFI_SUCCESS)
			found = NULL;
	}
	efi_bs->FreePool(handles);
	return found;
}

/** Write a MAC node for @p mac (Ethernet) at @p out */
static void efi_mac_node(void *out, const uint8_t mac[6])
{
	MAC_ADDR_DEVICE_PATH node;

	memset(&node, 0, sizeof(node));
	efi_node_set(&node.Header, MESSAGING_DEVICE_PATH, MSG_MAC_ADDR_DP,
		     sizeof(node));
	memcpy(node.MacAddress.Addr, mac, 6);
	node.IfType = 1;
	memcpy(out, &node, sizeof(node));
}

EFI_DEVICE_PATH *efi_path_nic(const struct nic *nic)
{
	EFI_DEVICE_PATH *snp = efi_nic_snp_path(nic->mac);
	UINT8 *path, *node;

	if (snp) {
		size_t len = efi_path_len(snp) + END_DEVICE_PATH_LENGTH;

		path = malloc(len);
		if (path)
			memcpy(path, snp, len);
		return (EFI_DEVICE_PATH *)path;
	}
	path = efi_path_extend(efi_nic_pci_path(nic),
			       sizeof(MAC_ADDR_DEVICE_PATH), &node);
	if (path)
		efi_mac_node(node, nic->mac);
	return (EFI_DEVICE_PATH *)path;
}

/** Write the iSCSI node for @p desc at @p out; return its length */
static size_t efi_iscsi_node(void *out, const struct san_description *desc)
{
	size_t name_len = strlen(desc->target_name) + 1;
	struct efi_iscsi_node node;

	memset(&node, 0, sizeof(node));
	efi_node_set(&node.hdr, MESSAGING_DEVICE_PATH, EFI_MSG_ISCSI_DP,
		     sizeof(node) + name_len);
	node.protocol = EFI_ISCSI_PROTO_TCP;
	if (!desc->chap_name[0])
		node.login = EFI_ISCSI_AUTH_NONE;
	else if (!desc->rchap_name[0])
		node.login = EFI_ISCSI_CHAP_UNI;
	memcpy(node.lun, desc->lun, sizeof(node.lun));
	memcpy(out, &node, sizeof(node));
	memcpy((UINT8 *)out + sizeof(node), desc->target_name, name_len);
	return sizeof(node) + name_len;
}

struct nic *efi_nic_in_use(void)
{
	struct nic *nic;

	for (unsigned int i = 0; (nic = nic_get(i)) != NULL; i++) {
		if (nic->is_open)
			return nic;
	}
	return nic_get(0);
}

/** Device path of a drive that has no iSCSI description (a file on a web server): the NIC's path and a URI node */
static EFI_DEVICE_PATH *efi_san_uri_path(struct san_drive *drive)
{
	struct nic *nic = efi_nic_in_use();
	EFI_DEVICE_PATH *nic_path = nic ? efi_path_nic(nic) : NULL;
	EFI_DEVICE_PATH *path = NULL;

	if (!nic || nic_path)
		path = efi_uri_path(nic_path, san_uri(drive));
	free(nic_path);
	return path;
}

EFI_DEVICE_PATH *efi_san_path(struct san_drive *drive)
{
	struct san_description desc;
	EFI_DEVICE_PATH *nic_path = NULL;
	UINT8 *path = NULL, *node;

	memset(&desc, 0, sizeof(desc));
	if (san_describe(drive, &desc) < 0)
		return efi_san_uri_path(drive);
	if (!desc.nic || (nic_path = efi_path_nic(desc.nic)) != NULL)
		path = efi_path_extend(nic_path, sizeof(struct efi_iscsi_node) +
				       strlen(desc.target_name) + 1, &node);
	if (path)
		efi_iscsi_node(node, &desc);
	free(nic_path);
	memset(&desc, 0, sizeof(desc));   /* CHAP secrets */
	return (EFI_DEVICE_PATH *)path;
}

EFI_DEVICE_PATH *efi_file_path(const EFI_DEVICE_PATH *prefix, const char *name)
{
	size_t chars = strlen(name) + (name[0] != '\\' && name[0] != '/') + 1;
	size_t node_len = SIZE_OF_FILEPATH_DEVICE_PATH + chars * sizeof(CHAR16);
	UINT8 *path, *node;
	CHAR16 *out;

	path = efi_path_extend(prefix, node_len, &node);
	if (!path)
		return NULL;
	efi_node_set((EFI_DEVICE_PATH *)node, MEDIA_DEVICE_PATH,
		     MEDIA_FILEPATH_DP, node_len);
	out = (CHAR16 *)(node + SIZE_OF_FILEPATH_DEVICE_PATH);
	if (name[0] != '\\' && name[0] != '/')
		*out++ = '\\';
	for (; *name; name++)
		*out++ = *name == '/' ? '\\' : (unsigned char)*name;
	*out = 0;
	return (EFI_DEVICE_PATH *)path;
}

EFI_DEVICE_PATH *efi_uri_path(const EFI_DEVICE_PATH *prefix, const char *uri)
{
	size_t node_len = sizeof(EFI_DEVICE_PATH) + strlen(uri);
	UINT8 *node;
	UINT8 *path;

	if (node_len > 0xffff)
		return NULL;
	path = efi_path_extend(prefix, node_len, &node);
	if (!path)
		return NULL;
	efi_node_set((EFI_DEVICE_PATH *)node, MESSAGING_DEVICE_PATH,
		     MSG_URI_DP, node_len);
	memcpy(node + sizeof(EFI_DEVICE_PATH), uri, strlen(uri));
	return (EFI_DEVICE_PATH *)path;
}

int efi_path_install(EFI_HANDLE *handle, EFI_DEVICE_PATH *path,
		     EFI_GUID *guid, void *iface)
{
	*handle = NULL;
	return efi_rc(efi_bs->InstallMultipleProtocolInterfaces(
		handle, &efi_path_guid, path, guid, iface, NULL));
}

int efi_path_uninstall(EFI_HANDLE handle, EFI_DEVICE_PATH *path,
		       EFI_GUID *guid, void *iface)
{
	return efi_rc(efi_bs->UninstallMultipleProtocolInterfaces(
		handle, &efi_path_guid, path, guid, iface, NULL));
}
