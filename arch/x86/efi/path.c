/** @file Device paths on UEFI: the path of a SAN disk (NIC, iSCSI node) and file paths under a partition. */
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

/** Device path of the handle whose path ends in a MAC node for @p mac; NULL if none */
static EFI_DEVICE_PATH *efi_nic_path(const uint8_t mac[6])
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

/** Write a MAC node for @p mac (Ethernet) at @p out; return its length */
static size_t efi_mac_node(void *out, const uint8_t mac[6])
{
	MAC_ADDR_DEVICE_PATH node;

	memset(&node, 0, sizeof(node));
	efi_node_set(&node.Header, MESSAGING_DEVICE_PATH, MSG_MAC_ADDR_DP,
		     sizeof(node));
	memcpy(node.MacAddress.Addr, mac, 6);
	node.IfType = 1;
	if (out)
		memcpy(out, &node, sizeof(node));
	return sizeof(node);
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

EFI_DEVICE_PATH *efi_san_path(struct san_drive *drive)
{
	static const uint8_t no_mac[6];
	struct san_description desc;
	EFI_DEVICE_PATH *nic_path = NULL;
	const uint8_t *mac = no_mac;
	size_t prefix, len;
	UINT8 *path;

	memset(&desc, 0, sizeof(desc));
	if (san_describe(drive, &desc) < 0)
		snprintf(desc.target_name, sizeof(desc.target_name), "%s",
			 san_uri(drive));
	if (desc.nic) {
		mac = desc.nic->mac;
		nic_path = efi_nic_path(mac);
	}
	prefix = nic_path ? efi_path_len(nic_path) : efi_mac_node(NULL, mac);
	len = prefix + sizeof(struct efi_iscsi_node) +
	      strlen(desc.target_name) + 1 + END_DEVICE_PATH_LENGTH;
	path = malloc(len);
	if (!path)
		return NULL;
	if (nic_path)
		memcpy(path, nic_path, prefix);
	else
		efi_mac_node(path, mac);
	prefix += efi_iscsi_node(path + prefix, &desc);
	efi_node_set((EFI_DEVICE_PATH *)(path + prefix), END_DEVICE_PATH_TYPE,
		     END_ENTIRE_DEVICE_PATH_SUBTYPE, END_DEVICE_PATH_LENGTH);
	memset(&desc, 0, sizeof(desc));   /* CHAP secrets */
	return (EFI_DEVICE_PATH *)path;
}

EFI_DEVICE_PATH *efi_file_path(const EFI_DEVICE_PATH *prefix, const char *name)
{
	size_t plen = efi_path_len(prefix);
	size_t chars = strlen(name) + (name[0] != '\\' && name[0] != '/') + 1;
	size_t node_len = SIZE_OF_FILEPATH_DEVICE_PATH + chars * sizeof(CHAR16);
	UINT8 *path = malloc(plen + node_len + END_DEVICE_PATH_LENGTH);
	CHAR16 *out;

	if (!path)
		return NULL;
	memcpy(path, prefix, plen);
	efi_node_set((EFI_DEVICE_PATH *)(path + plen), MEDIA_DEVICE_PATH,
		     MEDIA_FILEPATH_DP, node_len);
	out = (CHAR16 *)(path + plen + SIZE_OF_FILEPATH_DEVICE_PATH);
	if (name[0] != '\\' && name[0] != '/')
		*out++ = '\\';
	for (; *name; name++)
		*out++ = *name == '/' ? '\\' : (unsigned char)*name;
	*out = 0;
	efi_node_set((EFI_DEVICE_PATH *)(path + plen + node_len),
		     END_DEVICE_PATH_TYPE, END_ENTIRE_DEVICE_PATH_SUBTYPE,
		     END_DEVICE_PATH_LENGTH);
	return (EFI_DEVICE_PATH *)path;
}
