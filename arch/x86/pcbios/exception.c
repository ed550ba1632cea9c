/** @file CPU exceptions on BIOS: one line naming the exception and where, instead of a silent triple-fault reboot. */
#include <stdio.h>
#include "pcbios.h"

/** Interrupt gate: present, ring 0, 32-bit */
#define PCBIOS_GATE_INT32 0x8e00

/** Exceptions the IDT covers (vectors 0-31) */
#define PCBIOS_EXCEPTIONS 32

/** Entry stubs (head.S), 16 bytes apart, and the IDT they go into */
extern const char pcbios_exception_stubs[];
extern uint32_t pcbios_idt[PCBIOS_EXCEPTIONS][2];

void pcbios_idt_init(void)
{
	for (unsigned int i = 0; i < PCBIOS_EXCEPTIONS; i++) {
		uintptr_t entry = (uintptr_t)pcbios_exception_stubs + 16 * i;

		pcbios_idt[i][0] = (entry & 0xffff) | PCBIOS_CS << 16;
		pcbios_idt[i][1] = (entry & 0xffff0000) | PCBIOS_GATE_INT32;
	}
	__asm__ volatile("lidt pcbios_idtr");
}

/** Called by the stubs with the vector, the error code (0 if none) and the faulting EIP */
void __attribute__((noreturn)) pcbios_exception(uint32_t vector,
						uint32_t error, uint32_t eip);

void pcbios_exception(uint32_t vector, uint32_t error, uint32_t eip)
{
	printf("pcbios: CPU exception %u (error code %#x) at %#x\n",
	       (unsigned int)vector, (unsigned int)error, (unsigned int)eip);
	pcbios_stop(PCBIOS_EXCEPTION_STATUS);
}
