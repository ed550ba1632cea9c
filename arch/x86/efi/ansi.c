/** @file The ANSI sequences the core writes (erase, cursor moves and positions, clear, colours), done with ConOut's calls. */
#include <lwpxe/ansi.h>
#include "efi_arch.h"

/** The parser's state across calls */
static struct ansi_parser efi_ansi_parser;

/** Colours text is written in (ESC[...m changes them), PC attribute order as ConOut's */
static uint8_t efi_ansi_attr = ANSI_PC_ATTR_DEFAULT;

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

/** Put the cursor at @p row, @p col (0-based), clamped to the screen */
static void efi_ansi_goto(SIMPLE_TEXT_OUTPUT_INTERFACE *out, UINTN row,
			  UINTN col)
{
	UINTN cols, rows;

	if (out->QueryMode(out, (UINTN)out->Mode->Mode, &cols, &rows) !=
	    EFI_SUCCESS || !cols || !rows)
		return;
	out->SetCursorPosition(out, col < cols ? col : cols - 1,
			       row < rows ? row : rows - 1);
}

/** Carry out the sequence @p parser just completed */
static void efi_ansi_do(const struct ansi_parser *parser)
{
	SIMPLE_TEXT_OUTPUT_INTERFACE *out = efi_systab->ConOut;
	long n = (long)ansi_param(parser, 0, 1);

	if (!out)
		return;
	efi_console_flush();
	switch (parser->final) {
	case 'K':
		if (!ansi_param(parser, 0, 0))
			efi_ansi_erase_eol(out);
		break;
	case 'D': efi_ansi_move(out, -n); break;
	case 'C': efi_ansi_move(out, n); break;
	case 'H':
		efi_ansi_goto(out, ansi_param(parser, 0, 1) - 1,
			      ansi_param(parser, 1, 1) - 1);
		break;
	case 'J':
		if (ansi_param(parser, 0, 0) == 2)
			out->ClearScreen(out);
		break;
	case 'm':
		efi_ansi_attr = ansi_sgr_attr(parser, efi_ansi_attr);
		out->SetAttribute(out, efi_ansi_attr);
		break;
	default: break;
	}
}

/** Feed one output byte to the ANSI parser, carrying out what completes; nonzero if it took the byte */
int efi_ansi_take(int c)
{
	switch (ansi_step(&efi_ansi_parser, c)) {
	case ANSI_TEXT: return 0;
	case ANSI_DONE: efi_ansi_do(&efi_ansi_parser); return 1;
	default: return 1;
	}
}
