/** @file Console on UEFI: ConOut (UTF-8 in, UCS-2 out, \n as \r\n) and keys from ConIn. */
#include <lwpxe/console.h>
#include <lwpxe/time.h>
#include "efi_arch.h"

/** Output waiting to be written, NUL-terminated when flushed */
static CHAR16 efi_out[128];
static unsigned int efi_out_len;

/** UTF-8 sequence being decoded: code point so far, bytes still expected */
static uint32_t efi_utf8_cp;
static unsigned int efi_utf8_more;

/** A key read from ConIn but not yet returned (0 if none) */
static int efi_pending_key;

void efi_console_flush(void)
{
	if (!efi_out_len || !efi_systab || !efi_systab->ConOut)
		return;
	efi_out[efi_out_len] = 0;
	efi_systab->ConOut->OutputString(efi_systab->ConOut, efi_out);
	efi_out_len = 0;
}

/** Queue one UCS-2 character, flushing when full */
static void efi_queue(CHAR16 c)
{
	if (efi_out_len == ARRAY_SIZE(efi_out) - 1)
		efi_console_flush();
	efi_out[efi_out_len++] = c;
}

/** Take one byte of UTF-8; return the completed code point, or -1 */
static int32_t efi_utf8_take(unsigned char c)
{
	if (c < 0x80) {
		efi_utf8_more = 0;
		return c;
	}
	if (c >= 0xc0) {
		efi_utf8_more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
		efi_utf8_cp = c & (0x3f >> efi_utf8_more);
		return -1;
	}
	if (!efi_utf8_more)
		return '?';
	efi_utf8_cp = efi_utf8_cp << 6 | (c & 0x3f);
	return --efi_utf8_more ? -1 : (int32_t)efi_utf8_cp;
}

/** Write one byte of UTF-8 text */
static void efi_putchar(int c)
{
	int32_t cp;

	if (efi_ansi_take(c))
		return;
	cp = efi_utf8_take((unsigned char)c);
	if (cp < 0)
		return;
	if (cp == '\n')
		efi_queue('\r');
	efi_queue(cp > 0xffff ? '?' : (CHAR16)cp);
	if (cp == '\n')
		efi_console_flush();
}

/** Our key code for a firmware key stroke; 0 for keys we do not use */
static int efi_translate_key(const EFI_INPUT_KEY *key)
{
	switch (key->ScanCode) {
	case SCAN_NULL: break;
	case SCAN_UP: return KEY_UP;
	case SCAN_DOWN: return KEY_DOWN;
	case SCAN_RIGHT: return KEY_RIGHT;
	case SCAN_LEFT: return KEY_LEFT;
	case SCAN_HOME: return KEY_HOME;
	case SCAN_END: return KEY_END;
	case SCAN_DELETE: return KEY_DC;
	case SCAN_PAGE_UP: return KEY_PPAGE;
	case SCAN_PAGE_DOWN: return KEY_NPAGE;
	case SCAN_ESC: return 0x1b;
	default: return 0;
	}
	switch (key->UnicodeChar) {
	case '\r': return '\n';
	case 0x7f: return CTRL('H');
	default: return key->UnicodeChar < 0x80 ? key->UnicodeChar : 0;
	}
}

/** Nonzero if a key is waiting */
static int efi_iskey(void)
{
	SIMPLE_INPUT_INTERFACE *in = efi_systab->ConIn;
	EFI_INPUT_KEY key;

	efi_console_flush();
	while (!efi_pending_key && in &&
	       in->ReadKeyStroke(in, &key) == EFI_SUCCESS)
		efi_pending_key = efi_translate_key(&key);
	return efi_pending_key != 0;
}

/** Read one key, waiting for it */
static int efi_getchar(void)
{
	int key;

	while (!efi_iskey())
		time_idle(10000);
	key = efi_pending_key;
	efi_pending_key = 0;
	return key;
}

static const struct console_driver efi_console = {
	.name = "efi",
	.putchar = efi_putchar,
	.iskey = efi_iskey,
	.getchar = efi_getchar,
};
CONSOLE(efi_console);
