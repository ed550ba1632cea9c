/** @file A small EFI program for the UEFI Secure Boot test: "enroll" puts the certificate mok.der (from lwpxe's image file system) in the shim's MokList; "exitbs" leaves boot services, as a kernel the shim started directly does, and says so on COM1. */
#include <efi.h>
#include <efilib.h>

/** The shim's variables' GUID (its SHIM_LOCK protocol's) */
#define MOKPROBE_SHIM_GUID \
	{ 0x605dab50, 0xe046, 0x4300, \
	  { 0xab, 0xb6, 0x3d, 0xd8, 0x10, 0xdd, 0x8b, 0x23 } }
/** EFI_CERT_X509_GUID: a signature list of DER certificates */
#define MOKPROBE_X509_GUID \
	{ 0xa5c059a1, 0x94e4, 0x4aa7, \
	  { 0x87, 0xb5, 0xab, 0x15, 0x5c, 0x2b, 0xf0, 0x72 } }
/** The first COM port's I/O base, its line status register and "transmitter empty" */
#define MOKPROBE_COM1 0x3f8
#define MOKPROBE_LSR 5
#define MOKPROBE_LSR_THRE 0x20

/** The shim reads SBAT data from this section of what it starts */
static const char mokprobe_sbat[] __attribute__((section(".sbat"), used)) =
	"sbat,1,SBAT Version,sbat,1,https://github.com/rhboot/shim/blob/main/SBAT.md\n"
	"lwpxe.test,1,lwpxe,mokprobe,1,https://example.invalid/lwpxe\n";

static EFI_GUID mokprobe_loaded_guid = LOADED_IMAGE_PROTOCOL;
static EFI_GUID mokprobe_fs_guid = SIMPLE_FILE_SYSTEM_PROTOCOL;
static EFI_GUID mokprobe_info_guid = EFI_FILE_INFO_ID;
static EFI_GUID mokprobe_shim_guid = MOKPROBE_SHIM_GUID;
static EFI_GUID mokprobe_x509_guid = MOKPROBE_X509_GUID;

/** An EFI_SIGNATURE_LIST holding one X.509 certificate */
struct mokprobe_list {
	EFI_GUID type;             /**< MOKPROBE_X509_GUID */
	UINT32 list_size;          /**< bytes of the whole list */
	UINT32 header_size;        /**< 0: no type-specific header */
	UINT32 sig_size;           /**< owner GUID and certificate */
	EFI_GUID owner;            /**< who added it (the shim's GUID) */
	UINT8 cert[];              /**< DER */
} __attribute__((packed));

/** Nonzero if the UCS-2 @p text holds the ASCII word @p word */
static int mokprobe_has(const CHAR16 *text, const char *word)
{
	for (; text && *text; text++) {
		UINTN i = 0;

		while (word[i] && text[i] == (CHAR16)word[i])
			i++;
		if (!word[i])
			return 1;
	}
	return 0;
}

/** Read mok.der from the file system lwpxe gave @p loaded into a pool buffer; NULL if it cannot */
static UINT8 *mokprobe_read_cert(EFI_LOADED_IMAGE *loaded, UINTN *size)
{
	UINT8 info_buf[SIZE_OF_EFI_FILE_INFO + 64];
	EFI_FILE_INFO *info = (EFI_FILE_INFO *)info_buf;
	UINTN len = sizeof(info_buf);
	EFI_SIMPLE_FILE_SYSTEM_PROTOCOL *fs;
	EFI_FILE_HANDLE root, file;
	UINT8 *data;

	if (uefi_call_wrapper(BS->HandleProtocol, 3, loaded->DeviceHandle,
			      &mokprobe_fs_guid, (void **)&fs) != EFI_SUCCESS ||
	    uefi_call_wrapper(fs->OpenVolume, 2, fs, &root) != EFI_SUCCESS ||
	    uefi_call_wrapper(root->Open, 5, root, &file, L"mok.der",
			      EFI_FILE_MODE_READ, 0) != EFI_SUCCESS ||
	    uefi_call_wrapper(file->GetInfo, 4, file, &mokprobe_info_guid,
			      &len, info_buf) != EFI_SUCCESS)
		return NULL;
	*size = info->FileSize;
	data = AllocatePool(*size);
	if (data && uefi_call_wrapper(file->Read, 3, file, size, data) !=
	    EFI_SUCCESS)
		data = NULL;
	return data;
}

/** Set MokList (non-volatile, boot services only) to the certificate mok.der; a status line */
static EFI_STATUS mokprobe_enroll(EFI_LOADED_IMAGE *loaded)
{
	struct mokprobe_list *list;
	UINTN size, total;
	UINT8 *cert = mokprobe_read_cert(loaded, &size);
	EFI_STATUS st;

	if (!cert) {
		Print(L"mokprobe-enroll no mok.der\n");
		return EFI_NOT_FOUND;
	}
	total = sizeof(*list) + size;
	list = AllocateZeroPool(total);
	if (!list)
		return EFI_OUT_OF_RESOURCES;
	list->type = mokprobe_x509_guid;
	list->list_size = (UINT32)total;
	list->sig_size = (UINT32)(sizeof(EFI_GUID) + size);
	list->owner = mokprobe_shim_guid;
	CopyMem(list->cert, cert, size);
	st = uefi_call_wrapper(RT->SetVariable, 5, L"MokList",
			       &mokprobe_shim_guid,
			       EFI_VARIABLE_NON_VOLATILE |
			       EFI_VARIABLE_BOOTSERVICE_ACCESS, total, list);
	Print(L"mokprobe-enroll %r\n", st);
	return st;
}

/** Write @p text to COM1, polling its line status (no firmware after ExitBootServices) */
static void mokprobe_com1(const char *text)
{
	for (; *text; text++) {
		UINT8 lsr;

		do
			__asm__ volatile("inb %w1, %b0" : "=a"(lsr)
					 : "Nd"(MOKPROBE_COM1 + MOKPROBE_LSR));
		while (!(lsr & MOKPROBE_LSR_THRE));
		__asm__ volatile("outb %b0, %w1" : : "a"(*text),
				 "Nd"(MOKPROBE_COM1));
	}
}

/** GetMemoryMap then ExitBootServices (again with a new map if it changed); only returns on failure */
static EFI_STATUS mokprobe_exitbs(EFI_HANDLE image)
{
	UINTN size = 0, key, desc_size;
	UINT32 desc_version;
	EFI_MEMORY_DESCRIPTOR *map = NULL;
	EFI_STATUS st = EFI_LOAD_ERROR;

	for (int tries = 0; tries < 4; tries++) {
		st = uefi_call_wrapper(BS->GetMemoryMap, 5, &size, map, &key,
				       &desc_size, &desc_version);
		if (st == EFI_BUFFER_TOO_SMALL) {
			size += 4096;
			map = AllocatePool(size);
			continue;
		}
		if (st != EFI_SUCCESS)
			break;
		st = uefi_call_wrapper(BS->ExitBootServices, 2, image, key);
		if (st == EFI_SUCCESS) {
			mokprobe_com1("\r\nmokprobe-exitbs-ok\r\n");
			for (;;)
				__asm__ volatile("cli; hlt");
		}
	}
	Print(L"mokprobe-exitbs-failed %r\n", st);
	return st;
}

/** "enroll" or "exitbs", as the load options say */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *systab)
{
	EFI_LOADED_IMAGE *loaded;
	CHAR16 *options;

	InitializeLib(image, systab);
	if (uefi_call_wrapper(BS->HandleProtocol, 3, image,
			      &mokprobe_loaded_guid, (void **)&loaded) !=
	    EFI_SUCCESS)
		return EFI_LOAD_ERROR;
	options = loaded->LoadOptions;
	Print(L"mokprobe-options %s\n", options ? options : L"(none)");
	if (mokprobe_has(options, "enroll"))
		return mokprobe_enroll(loaded);
	if (mokprobe_has(options, "exitbs"))
		return mokprobe_exitbs(image);
	return EFI_INVALID_PARAMETER;
}
