# x86 BIOS images, 32-bit flat protected mode (included by the top-level Makefile).
#
#   make bin/ipxe.lkrn [EMBED=...]  Linux boot protocol image: qemu -kernel,
#                                   GRUB linux16, SYSLINUX
#   make bin/ipxe.usb [EMBED=...]   disk / USB stick image: our MBR
#                                   (mbr.S) loads the .lkrn as a Linux boot
#                                   loader would
#   make check-qemu-bios            boot a test image with qemu -kernel,
#                                   from GRUB (linux16, linux) and as a
#                                   disk image (IDE, usb-storage)
#
# Objects go under build/pcbios/, images into bin/.  The kernel command line
# option debug-exit=PORT makes `exit` end QEMU through its isa-debug-exit
# device: qemu ... -device isa-debug-exit,iobase=0x501,iosize=2
# -kernel bin/ipxe.lkrn -append debug-exit=0x501 (QEMU's status is
# (exit status << 1) | 1).

PCBIOS_PACKAGES := lib32gcc-12-dev
PCBIOS_QEMU_PACKAGES := qemu-system-x86 grub-pc-bin xorriso mtools

PCBIOS_OBJ := $(BUILD)/pcbios
PCBIOS_BIN := bin

# Platform sources and the drivers every BIOS image has.
# (mbr.S is the disk image's boot sector, not part of the firmware.)
PCBIOS_ARCH_SRCS := $(filter-out arch/x86/pcbios/mbr.S, \
	$(wildcard arch/x86/pcbios/*.c arch/x86/pcbios/*.S arch/x86/core/*.c))
PCBIOS_DRIVER_SRCS := drivers/bus/pci.c drivers/net/e1000g.c

# i686 without SSE: no FPU/SSE state to set up beyond fninit; no PIC.
PCBIOS_CFLAGS := $(FW_CFLAGS) -m32 -march=i686 -fno-pic -fno-pie \
	-fno-asynchronous-unwind-tables
PCBIOS_LIBGCC = $(shell gcc -m32 -print-libgcc-file-name)

PCBIOS_OBJS := $(patsubst %,$(PCBIOS_OBJ)/%.o,$(CORE_SRCS) $(LIBC_SRCS) \
	$(PCBIOS_ARCH_SRCS) $(PCBIOS_DRIVER_SRCS) $(DEP_SRCS))

$(BUILD)/.packages-pcbios:
	$(Q)scripts/need-packages.sh $(PCBIOS_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

$(BUILD)/.packages-pcbios-qemu:
	$(Q)scripts/need-packages.sh $(PCBIOS_QEMU_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

# --- Objects -------------------------------------------------------------------

$(PCBIOS_OBJ)/%.c.o: %.c | $(DEPS_READY)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $< (pcbios)")
	$(Q)gcc $(PCBIOS_CFLAGS) $(if $(filter $(BUILD)/%,$<),-w,$(WARN)) \
		-MMD -MP -c $< -o $@

$(PCBIOS_OBJ)/%.S.o: %.S
	@mkdir -p $(@D)
	@$(if $(Q),echo "  AS      $< (pcbios)")
	$(Q)gcc -m32 -c $< -o $@

# Registration tables (TABLE_DECLARE in a header) go into .payload between
# their __start_/__stop_ symbols; the list is made from the headers.
$(PCBIOS_OBJ)/tables.lds: $(wildcard include/lwpxe/*.h) arch/x86/pcbios/pcbios.mk
	@mkdir -p $(@D)
	$(Q)scripts/tables-lds.sh 4 $(filter %.h,$^) > $@

# --- Images ----------------------------------------------------------------------

# $(call pcbios_variant,DIR,SCRIPTS): DIR/ipxe.lkrn with SCRIPTS
# (comma-separated) embedded.  scripts/check-sections.sh fails the link if a
# section lands outside the ones the script places (a table not listed).
define pcbios_variant
$$(eval $$(call embed_rules,$(1),$(2),$$(PCBIOS_CFLAGS)))

$(1)/ipxe.elf: $$(PCBIOS_OBJS) $(1)/embedded.o arch/x86/pcbios/pcbios.lds \
		$$(PCBIOS_OBJ)/tables.lds scripts/check-sections.sh \
		| $$(BUILD)/.packages-pcbios
	@$$(if $$(Q),echo "  LD      $$@")
	$$(Q)ld -m elf_i386 -nostdlib --gc-sections --no-undefined \
		--no-warn-rwx-segments -z noexecstack \
		-L$$(PCBIOS_OBJ) -T arch/x86/pcbios/pcbios.lds -Map $(1)/ipxe.map \
		-o $$@ $$(PCBIOS_OBJS) $(1)/embedded.o $$(PCBIOS_LIBGCC)
	$$(Q)scripts/check-sections.sh $$@ '\.(setup|payload|bss)'

$(1)/ipxe.lkrn: $(1)/ipxe.elf
	@$$(if $$(Q),echo "  BIN     $$@")
	$$(Q)objcopy -O binary $$< $$@
endef

$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/main,$(EMBED)))
$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/smoke,tests/qemu/bios_smoke.ipxe))

$(PCBIOS_BIN)/ipxe.lkrn: $(PCBIOS_OBJ)/main/ipxe.lkrn
	@mkdir -p $(@D)
	$(Q)cp $< $@

# The MBR of the disk images, one sector linked at 0:7C00.
$(PCBIOS_OBJ)/mbr.bin: $(PCBIOS_OBJ)/arch/x86/pcbios/mbr.S.o
	@$(if $(Q),echo "  LD      $@")
	$(Q)ld -m elf_i386 -nostdlib -N -Ttext=0x7c00 -e pcbios_mbr \
		--oformat binary -o $@ $<

# DIR/ipxe.usb: the MBR, DIR/ipxe.lkrn and a command-line sector.  The test
# image's command line names QEMU's isa-debug-exit port (see main.c).
$(PCBIOS_OBJ)/smoke/ipxe.usb: PCBIOS_USB_CMDLINE := debug-exit=0x501
$(PCBIOS_OBJ)/%/ipxe.usb: $(PCBIOS_OBJ)/%/ipxe.lkrn $(PCBIOS_OBJ)/mbr.bin \
		arch/x86/pcbios/mkusb.sh
	@$(if $(Q),echo "  USB     $@")
	$(Q)arch/x86/pcbios/mkusb.sh $(PCBIOS_OBJ)/mbr.bin $< $@ \
		$(PCBIOS_USB_CMDLINE)

$(PCBIOS_BIN)/ipxe.usb: $(PCBIOS_OBJ)/main/ipxe.usb
	@mkdir -p $(@D)
	$(Q)cp $< $@

# --- QEMU test -----------------------------------------------------------------

check-qemu-bios: $(PCBIOS_OBJ)/smoke/ipxe.lkrn $(PCBIOS_OBJ)/smoke/ipxe.usb \
		$(BUILD)/.packages-pcbios-qemu
	$(Q)tests/qemu/test_bios_lkrn.sh $(PCBIOS_OBJ)/smoke/ipxe.lkrn
	$(Q)tests/qemu/test_bios_usb.sh $(PCBIOS_OBJ)/smoke/ipxe.usb

clean-pcbios:
	rm -rf $(PCBIOS_OBJ) $(PCBIOS_BIN)/ipxe.lkrn $(PCBIOS_BIN)/ipxe.usb

.PHONY: check-qemu-bios clean-pcbios

-include $(shell find $(PCBIOS_OBJ) -name '*.d' 2>/dev/null)
