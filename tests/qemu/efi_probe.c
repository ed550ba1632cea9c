/** @file A small EFI program for the network image test: prints what lwpxe handed it (load options, device path, the image file system) and returns a status. */
#include <efi.h>
#include <efilib.h>

/** Bytes read from a file per Read() call (not a divisor of the files' sizes) */
#define PROBE_CHUNK 3000

static EFI_GUID probe_loaded_guid = LOADED_IMAGE_PROTOCOL;
static EFI_GUID probe_path_guid = EFI_DEVICE_PATH_PROTOCOL_GUID;
static EFI_GUID probe_fs_guid = SIMPLE_FILE_SYSTEM_PROTOCOL;
static EFI_GUID probe_info_guid = EFI_FILE_INFO_ID;

/** Print the device path of @p handle: a line per MAC node and URI node */
static void probe_path(EFI_HANDLE handle)
{
	EFI_DEVICE_PATH *node;

	if (uefi_call_wrapper(BS->HandleProtocol, 3, handle, &probe_path_guid,
			      (void **)&node) != EFI_SUCCESS) {
		Print(L"probe-path none\n");
		return;
	}
	for (; !IsDevicePathEnd(node); node = NextDevicePathNode(node)) {
		UINTN len = DevicePathNodeLength(node);
		UINT8 *data = (UINT8 *)node + 4;

		if (DevicePathType(node) == MESSAGING_DEVICE_PATH &&
		    DevicePathSubType(node) == MSG_MAC_ADDR_DP)
			Print(L"probe-mac %02x:%02x:%02x:%02x:%02x:%02x\n",
			      data[0], data[1], data[2], data[3], data[4], data[5]);
		if (DevicePathType(node) == MESSAGING_DEVICE_PATH &&
		    DevicePathSubType(node) == MSG_URI_DP) {
			Print(L"probe-uri ");
			for (UINTN i = 4; i < len; i++)
				Print(L"%c", (CHAR16)((UINT8 *)node)[i]);
			Print(L"\n");
		}
	}
}

/** Print every entry of directory @p dir: name and size */
static void probe_list(EFI_FILE_HANDLE dir)
{
	UINT8 buf[512];

	for (;;) {
		UINTN len = sizeof(buf);
		EFI_FILE_INFO *info = (EFI_FILE_INFO *)buf;

		if (uefi_call_wrapper(dir->Read, 3, dir, &len, buf) != EFI_SUCCESS ||
		    len == 0)
			return;
		Print(L"probe-dir %s %ld\n", info->FileName, info->FileSize);
	}
}

/** Read all of @p file in chunks into a pool buffer; its size in *@p size; NULL on failure */
static UINT8 *probe_read_all(EFI_FILE_HANDLE file, UINTN *size)
{
	UINT8 buf[SIZE_OF_EFI_FILE_INFO + 256];
	EFI_FILE_INFO *info = (EFI_FILE_INFO *)buf;
	UINTN len = sizeof(buf), got = 0;
	UINT8 *data;

	if (uefi_call_wrapper(file->GetInfo, 4, file, &probe_info_guid, &len,
			      buf) != EFI_SUCCESS)
		return NULL;
	*size = info->FileSize;
	data = AllocatePool(*size + 1);
	while (data && got <= *size) {
		UINTN n = PROBE_CHUNK;

		if (uefi_call_wrapper(file->Read, 3, file, &n, data + got) !=
		    EFI_SUCCESS || n == 0)
			break;
		got += n;
	}
	return data && got == *size ? data : NULL;
}

/** Open @p name in @p root, print its CRC32 and whether a seek reads the same bytes */
static void probe_file(EFI_FILE_HANDLE root, CHAR16 *name)
{
	EFI_FILE_HANDLE file;
	UINT8 *data, again[4];
	UINTN size, n = sizeof(again);
	UINT32 crc = 0;
	UINT64 pos = 0;

	if (uefi_call_wrapper(root->Open, 5, root, &file, name,
			      EFI_FILE_MODE_READ, 0) != EFI_SUCCESS) {
		Print(L"probe-open-failed %s\n", name);
		return;
	}
	data = probe_read_all(file, &size);
	if (!data) {
		Print(L"probe-read-failed %s\n", name);
		return;
	}
	uefi_call_wrapper(BS->CalculateCrc32, 3, data, size, &crc);
	Print(L"probe-crc32 %s %08x %ld\n", name, crc, size);
	uefi_call_wrapper(file->SetPosition, 2, file, 1001);
	uefi_call_wrapper(file->Read, 3, file, &n, again);
	uefi_call_wrapper(file->GetPosition, 2, file, &pos);
	Print(L"probe-seek %a\n", n == 4 && pos == 1005 &&
	      CompareMem(again, data + 1001, 4) == 0 ? "ok" : "wrong");
	FreePool(data);
	uefi_call_wrapper(file->Close, 1, file);
}

/** Nonzero if @p text holds the word "fail" */
static int probe_says_fail(const CHAR16 *text)
{
	for (; text && *text; text++) {
		if (text[0] == 'f' && text[1] == 'a' && text[2] == 'i' &&
		    text[3] == 'l')
			return 1;
	}
	return 0;
}

/** Print the load options, the device path and the file system; EFI_ABORTED if the options say "fail" */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
	EFI_LOADED_IMAGE *loaded;
	EFI_FILE_HANDLE root;
	CHAR16 *options;

	InitializeLib(image, systab);
	if (uefi_call_wrapper(BS->HandleProtocol, 3, image, &probe_loaded_guid,
			      (void **)&loaded) != EFI_SUCCESS)
		return EFI_LOAD_ERROR;
	options = loaded->LoadOptions;
	Print(L"probe-options %s\n", options ? options : L"(none)");
	Print(L"probe-options-size %d\n", loaded->LoadOptionsSize);
	probe_path(loaded->DeviceHandle);
	if (uefi_call_wrapper(BS->HandleProtocol, 3, loaded->DeviceHandle,
			      &probe_fs_guid, (void **)&fs) == EFI_SUCCESS &&
	    uefi_call_wrapper(fs->OpenVolume, 2, fs, &root) == EFI_SUCCESS) {
		probe_list(root);
		probe_file(root, L"\\extra.cpio");
		probe_file(root, L"EXTRA.CPIO");
		uefi_call_wrapper(root->Close, 1, root);
	} else {
		Print(L"probe-fs none\n");
	}
	Print(L"probe-done\n");
	return probe_says_fail(options) ? EFI_ABORTED : EFI_SUCCESS;
}
