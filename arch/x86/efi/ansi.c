/** @file The ANSI sequences the core writes (ESC[K, ESC[nD, ESC[nC), done with ConOut's cursor calls. */
#include "efi_arch.h"

/** Parser state: not in a sequence, after ESC, after ESC [ */
enum efi_ansi_state { EFI_ANSI_TEXT, EFI_ANSI_ESC, EFI_ANSI_CSI };

static enum efi_ansi_state efi_ansi_state;

/** Numeric parameter collected so far (0 if none) */
static unsigned int efi_ansi_param;

/** Erase from the cursor to the end of the line, leaving the cursor where it was */
static void efi_ansi_erase_eol(SIMPLE_TEXT_OUTPUT_INTERFACE *out)
{
	UINTN cols, rows, col = (UINTN)out->Mode->CursorColumn;
	UINTN row = (UINTN)out->Mode->CursorRow;
	CHAR16 blank[2] = { ' ', 0 };

	if (out->QueryMode(out, (UINTN)out->Mode->Mode, &cols, &rows) !=
	    EFI_SUCCESS)
		return;
	/* stop short of the last column so the screen does not scroll */
	for (UINTN c = col; c + 1 < cols; c++)
		out->OutputString(out, blank);
	out->SetCursorPosition(out, col, row);
}

/** Move the cursor @p delta columns along the current line */
static void efi_ansi_move(SIMPLE_TEXT_OUTPUT_INTERFACE *out, long delta)
{
	long col = (long)out->Mode->CursorColumn + delta;

	out->SetCursorPosition(out, col < 0 ? 0 : (UINTN)col,
			       (UINTN)out->Mode->CursorRow);
}

/** Carry out the sequence ending in @p final */
static void efi_ansi_do(int final, unsigned int n)
{
	SIMPLE_TEXT_OUTPUT_INTERFACE *out = efi_systab->ConOut;

	if (!out)
		return;
	efi_console_flush();
	switch (final) {
	case 'K': efi_ansi_erase_eol(out); break;
	case 'D': efi_ansi_move(out, -(long)(n ? n : 1)); break;
	case 'C': efi_ansi_move(out, (long)(n ? n : 1)); break;
	default: break;
	}
}

int efi_ansi_take(int c)
{
	switch (efi_ansi_state) {
	case EFI_ANSI_TEXT:
		if (c != 0x1b)
			return 0;
		efi_ansi_state = EFI_ANSI_ESC;
		return 1;
	case EFI_ANSI_ESC:
		efi_ansi_state = c == '[' ? EFI_ANSI_CSI : EFI_ANSI_TEXT;
		efi_ansi_param = 0;
		return 1;
	case EFI_ANSI_CSI:
	default:
		if (c >= '0' && c <= '9') {
			efi_ansi_param = efi_ansi_param * 10 + (unsigned)(c - '0');
			return 1;
		}
		if (c == ';')
			return 1;
		efi_ansi_state = EFI_ANSI_TEXT;
		efi_ansi_do(c, efi_ansi_param);
		return 1;
	}
}
