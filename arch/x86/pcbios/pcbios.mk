# x86 BIOS images, 32-bit flat protected mode (included by the top-level Makefile).
#
#   make bin/ipxe.lkrn [EMBED=...]  Linux boot protocol image: qemu -kernel,
#                                   GRUB linux16, SYSLINUX; the firmware in
#                                   it is LZMA-compressed (unpack.S)
#   make bin/ipxe.usb [EMBED=...]   disk / USB stick image: our MBR
#                                   (mbr.S) loads the .lkrn as a Linux boot
#                                   loader would
#   make bin/ipxe.iso [EMBED=...]   CD image: ISOLINUX loads the .lkrn
#   make check-qemu-bios            boot a test image with qemu -kernel,
#                                   from GRUB (linux16, linux), as a disk
#                                   image (IDE, usb-storage) and as a CD
#
# Objects go under build/pcbios/, images into bin/.  The kernel command line
# option debug-exit=PORT makes `exit` end QEMU through its isa-debug-exit
# device: qemu ... -device isa-debug-exit,iobase=0x501,iosize=2
# -kernel bin/ipxe.lkrn -append debug-exit=0x501 (QEMU's status is
# (exit status << 1) | 1).

PCBIOS_PACKAGES := lib32gcc-12-dev xorriso isolinux syslinux-common
PCBIOS_QEMU_PACKAGES := qemu-system-x86 grub-pc-bin xorriso mtools nginx-light curl

PCBIOS_OBJ := $(BUILD)/pcbios
PCBIOS_BIN := bin

# Platform sources every BIOS image has.
# (mbr.S is the disk image's boot sector, pxeprefix.S the PXE images'
# loader, unpack.S/unpack.c/unlzma.c the .lkrn's decompressor and
# unpack_check.c a host program, not part of the firmware.)
PCBIOS_UNPACK_SRCS := arch/x86/pcbios/unpack.S arch/x86/pcbios/unpack.c \
	arch/x86/pcbios/unlzma.c
PCBIOS_ARCH_SRCS := $(filter-out arch/x86/pcbios/mbr.S arch/x86/pcbios/pxeprefix.S \
	$(PCBIOS_UNPACK_SRCS) arch/x86/pcbios/unpack_check.c $(X86_64_SRCS), \
	$(wildcard arch/x86/pcbios/*.c arch/x86/pcbios/*.S arch/x86/core/*.c))

# What each kind of image carries: one list of feature folders (see
# FEATURE_DIRS) and one of drivers per kind (NIC sources and the drivers
# they hand devices to, each registering itself: NIC_SOURCE in nic.h,
# PCI_DRIVER in pci.h).
#   ipxe      ipxe.lkrn, ipxe.usb, ipxe.iso, ipxe.pxe: TFTP, HTTP, HTTPS
#             (with NTP and the trust store, as on Linux and UEFI), iSCSI,
#             disks on web servers (Range reads), menus and forms, the
#             `ibft` and `sanread` commands, SMBIOS settings, multiboot
#             kernels, `shim`, `imgextract`, `${cpuid/...}`, VLANs;
#             the PCI source (arch/x86/pcbios/pci) with e1000g and nge, and
#             undi.c, which probes only when a PXE ROM's UNDI was kept
#             (goal: ipxe.usb <= 442,368 bytes)
#   undionly  undionly.kpxe: TFTP, HTTP, iSCSI through the PXE ROM's UNDI,
#             no PCI scan, no other NIC driver; none of the ipxe kind's
#             extras from disks on web servers on (goal: <= 100 KB)
PCBIOS_FEATURES_ipxe := net/http net/http/range net/tls net/ntp src/trust \
	src/menu src/ibft/show src/san/sanread src/smbios src/image/shim src/cpuid \
	src/image/archive net/vlan arch/x86/pcbios/multiboot arch/x86/pcbios/crypto64
PCBIOS_DRIVERS_ipxe := arch/x86/pcbios/pci/pci.c drivers/bus/pci.c \
	drivers/net/e1000g.c drivers/net/nge.c drivers/net/undi.c
PCBIOS_FEATURES_undionly := net/http
PCBIOS_DRIVERS_undionly := drivers/net/undi.c

# i686 without SSE: no FPU/SSE state to set up beyond fninit; no PIC.
# Every object is built with mbedTLS's TLS configuration (TLS_CFLAGS), so
# both kinds share them (undionly.kpxe, without net/tls, is no larger for it).
# memcpy and memset of a size not known when compiling call src/libc's
# word loops (-mstringop-strategy=libcall): for size, GCC would otherwise
# put a REP MOVSB / STOSB in place, a byte at a time, which QEMU's TCG runs
# as one step per byte (a received frame's copy took 4.3 us, not 0.8).
PCBIOS_CFLAGS := $(FW_CFLAGS) $(TLS_CFLAGS) -m32 -march=i686 -fno-pic \
	-fno-pie -fno-asynchronous-unwind-tables -mstringop-strategy=libcall
PCBIOS_LIBGCC = $(shell gcc -m32 -print-libgcc-file-name)

# Serial console: make SERIAL_PORT=0x2f8 SERIAL_BAUD=9600 (SERIAL_PORT=0: none).
# SERIAL_REDIRECT=auto (default): leave the port to the firmware when it
# redirects the screen there (ACPI SPCR, or a loopback probe of INT 10h);
# SERIAL_REDIRECT=ignore: write to the port regardless.
SERIAL_PORT ?= 0x3f8
SERIAL_BAUD ?= 115200
SERIAL_REDIRECT ?= auto
ifeq ($(filter auto ignore,$(SERIAL_REDIRECT)),)
$(error SERIAL_REDIRECT=$(SERIAL_REDIRECT): use auto or ignore)
endif
PCBIOS_SERIAL := $(SERIAL_PORT) $(SERIAL_BAUD) $(SERIAL_REDIRECT)
ifneq ($(PCBIOS_SERIAL),$(shell cat $(BUILD)/pcbios/.serial 2>/dev/null))
$(shell mkdir -p $(BUILD)/pcbios && echo '$(PCBIOS_SERIAL)' > $(BUILD)/pcbios/.serial)
endif
$(BUILD)/pcbios/arch/x86/pcbios/serial.c.o: PCBIOS_CFLAGS += \
	-DUART_BASE=$(SERIAL_PORT) -DUART_BAUD=$(SERIAL_BAUD) \
	-DUART_REDIRECT_AUTO=$(if $(filter auto,$(SERIAL_REDIRECT)),1,0)
$(BUILD)/pcbios/arch/x86/pcbios/serial.c.o: $(BUILD)/pcbios/.serial

# $(call pcbios_objs,KIND[,TRUSTED]): the objects a KIND image links, with
# TRUSTED (a C source from scripts/trust.py) as its trust store if given
pcbios_objs = $(patsubst %,$(PCBIOS_OBJ)/%.o,$(CORE_SRCS) $(LIBC_SRCS) \
	$(call feature_srcs,$(PCBIOS_FEATURES_$(1)),$(2)) $(PCBIOS_ARCH_SRCS) \
	$(PCBIOS_DRIVERS_$(1)) $(DEP_SRCS))
PCBIOS_OBJS := $(sort $(call pcbios_objs,ipxe) $(call pcbios_objs,undionly))

# Built for size (undionly.kpxe <= 100 KB, ipxe.usb <= 442,368 bytes),
# except memcpy and friends, e1000g and HTTPS's cipher (ChaCha20-Poly1305,
# see net/tls/conf.c), which keep $(OPT): every byte downloaded goes
# through them.  (undi.c is built for size: its time goes into the PXE
# ROM's real-mode calls.)
PCBIOS_HOT_SRCS := src/libc/memory.c drivers/net/e1000g.c net/tls/chachapoly_blocks.c \
	net/tls/poly1305.c $(addprefix $(MBEDTLS)/library/,chachapoly.c)
ifneq ($(DEBUG),1)
$(filter-out $(patsubst %,$(PCBIOS_OBJ)/%.o,$(PCBIOS_HOT_SRCS)),$(PCBIOS_OBJS)): \
	PCBIOS_CFLAGS += -Os
endif

# Link-time optimisation: the link sees the whole firmware, inlines across
# files and drops what no caller reaches (undionly.kpxe: 5.8 KB less).  Each
# function keeps the -O level its file was built with; one partition lets
# the optimiser see everything at once (a further 270 bytes).  The C
# objects hold GCC's intermediate code, so the link goes through gcc.
# Objects do not record their flags: they are rebuilt when this file changes.
# memory.c stays out: GCC emits the calls to memcpy and memset above after
# LTO has chosen their calling convention, and would give them a local one
# (arguments in registers) that those calls, on the stack, do not follow.
ifneq ($(DEBUG),1)
PCBIOS_LTO := -flto=auto -flto-partition=one
endif
$(filter-out $(PCBIOS_OBJ)/src/libc/memory.c.o,$(filter %.c.o,$(PCBIOS_OBJS))): \
	PCBIOS_CFLAGS += $(PCBIOS_LTO)
$(PCBIOS_OBJS): arch/x86/pcbios/pcbios.mk

# mbedTLS's smaller SHA-256 (a loop, not unrolled rounds): 2.5 KB less.
$(patsubst %,$(PCBIOS_OBJ)/%.o,$(MBEDTLS_SRCS)): PCBIOS_CFLAGS += \
	-DMBEDTLS_SHA256_SMALLER

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
	$(Q)gcc -m32 $(PCBIOS_ASFLAGS) -c $< -o $@

# arch/x86/pcbios/crypto64: the portable ChaCha20-Poly1305 block code
# built for x86_64 as bare bytes (code64.bin), which call64.S includes and
# runs in long mode.  It must run wherever the firmware is moved: it is
# linked at two addresses, and the bytes must not differ; and it has no
# data of its own (only .text, which holds its constants).
CODE64_SRCS := arch/x86/pcbios/crypto64/code64/entry.c net/tls/chachapoly_blocks.c
CODE64_OBJS := $(patsubst %,$(PCBIOS_OBJ)/code64/%.o,$(CODE64_SRCS))
CODE64_CFLAGS := -std=gnu11 -O2 -m64 -ffreestanding -fno-stack-protector \
	-fpie -mno-red-zone -mgeneral-regs-only -fno-asynchronous-unwind-tables \
	-ffunction-sections -nostdinc -isystem $(GCC_INCLUDE) -Iinclude/libc -Iinclude

$(CODE64_OBJS): arch/x86/pcbios/pcbios.mk
$(PCBIOS_OBJ)/code64/%.c.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $< (pcbios, x86_64)")
	$(Q)gcc $(CODE64_CFLAGS) $(WARN) -MMD -MP -c $< -o $@

$(PCBIOS_OBJ)/code64/code64.bin: $(CODE64_OBJS) arch/x86/pcbios/crypto64/code64/code64.lds
	@$(if $(Q),echo "  LD      $@")
	$(Q)for at in 0 0x10000; do \
		ld -m elf_x86_64 -nostdlib --no-undefined --gc-sections \
			-T arch/x86/pcbios/crypto64/code64/code64.lds -Ttext=$$at \
			-o $@.$$at.elf $(CODE64_OBJS) && \
		scripts/check-sections.sh $@.$$at.elf '\.text' && \
		objcopy -O binary $@.$$at.elf $@.$$at || exit 1; \
	done
	$(Q)cmp -s $@.0 $@.0x10000 || \
		{ echo "$@: the code depends on its address"; exit 1; }
	$(Q)mv $@.0 $@ && rm -f $@.0x10000 $@.*.elf

$(PCBIOS_OBJ)/arch/x86/pcbios/crypto64/call64.S.o: $(PCBIOS_OBJ)/code64/code64.bin
$(PCBIOS_OBJ)/arch/x86/pcbios/crypto64/call64.S.o: PCBIOS_ASFLAGS := -Wa,-I$(PCBIOS_OBJ)/code64

# Registration tables (TABLE_DECLARE in a header) go into .payload between
# their __start_/__stop_ symbols; the list is made from the headers.
$(PCBIOS_OBJ)/tables.lds: $(wildcard include/lwpxe/*.h) arch/x86/pcbios/pcbios.mk
	@mkdir -p $(@D)
	$(Q)scripts/tables-lds.sh 4 $(filter %.h,$^) > $@

# The .lkrn's decompressor (setup.S, unpack.S, unpack.c, unlzma.c), built
# for size, and unpack-check: the same decoder on the host, which mkpack.sh
# runs on every compressed firmware.
PCBIOS_UNPACK_OBJS := $(patsubst %,$(PCBIOS_OBJ)/%.o,arch/x86/pcbios/setup.S \
	$(PCBIOS_UNPACK_SRCS))
$(filter %.c.o,$(PCBIOS_UNPACK_OBJS)): PCBIOS_CFLAGS += -Os
$(PCBIOS_OBJ)/arch/x86/pcbios/unpack.c.o: PCBIOS_CFLAGS += -DUART_BASE=$(SERIAL_PORT)
$(PCBIOS_OBJ)/arch/x86/pcbios/unpack.c.o: $(BUILD)/pcbios/.serial

$(PCBIOS_OBJ)/unpack-check: arch/x86/pcbios/unpack_check.c \
		arch/x86/pcbios/unlzma.c arch/x86/pcbios/unlzma.h
	@mkdir -p $(@D)
	@$(if $(Q),echo "  HOSTCC  $@")
	$(Q)gcc -std=gnu11 -O2 $(WARN) -Iinclude -o $@ $(filter %.c,$^)

# --- Images ----------------------------------------------------------------------

# $(call pcbios_variant,DIR,SCRIPTS[,KIND[,TRUSTED]]): DIR/ipxe.lkrn with
# SCRIPTS (comma-separated) embedded, of KIND (default ipxe; see above),
# trusting what TRUSTED holds (default: TRUST=, see the Makefile).
# scripts/check-sections.sh fails the link if a section lands outside the
# ones the script places (a table not listed).
define pcbios_variant
$$(eval $$(call embed_rules,$(1),$(2),$$(PCBIOS_CFLAGS)))

$(1)/ipxe.elf: $$(call pcbios_objs,$(or $(3),ipxe),$(4)) $(1)/embedded.o \
		arch/x86/pcbios/pcbios.lds \
		$$(PCBIOS_OBJ)/tables.lds scripts/check-sections.sh \
		| $$(BUILD)/.packages-pcbios
	@$$(if $$(Q),echo "  LD      $$@")
	$$(Q)gcc -m32 -Os $$(PCBIOS_LTO) -nostdlib -no-pie -Wl,-m,elf_i386 \
		-Wl,--gc-sections,--no-undefined,--no-warn-rwx-segments \
		-Wl,-z,noexecstack,--emit-relocs,--build-id=none \
		-L$$(PCBIOS_OBJ) -T arch/x86/pcbios/pcbios.lds -Wl,-Map,$(1)/ipxe.map \
		-o $$@ $$(call pcbios_objs,$(or $(3),ipxe),$(4)) $(1)/embedded.o \
		$$(PCBIOS_LIBGCC)
	$$(Q)scripts/check-sections.sh $$@ '\.(setup|payload|bss)'

# DIR/ipxe.lkrn: setup.S, then unpack.S/unpack.c with the firmware
# compressed by mkpack.sh (LZMA), unpacked to 1 MiB at boot (unpack.lds).
$(1)/payload.o: $(1)/ipxe.elf arch/x86/pcbios/mkpack.sh $$(PCBIOS_OBJ)/unpack-check
	@$$(if $$(Q),echo "  PACK    $$@")
	$$(Q)arch/x86/pcbios/mkpack.sh $$< $$@ $$(PCBIOS_OBJ)/unpack-check

$(1)/lkrn.elf: $$(PCBIOS_UNPACK_OBJS) $(1)/payload.o \
		arch/x86/pcbios/unpack.lds scripts/check-sections.sh
	@$$(if $$(Q),echo "  LD      $$@")
	$$(Q)ld -m elf_i386 -nostdlib --gc-sections --no-undefined \
		--no-warn-rwx-segments -z noexecstack -L$(1) \
		-T arch/x86/pcbios/unpack.lds -Map $(1)/lkrn.map \
		-o $$@ $$(PCBIOS_UNPACK_OBJS) $(1)/payload.o
	$$(Q)scripts/check-sections.sh $$@ '\.(setup|unpack_entry|unpack|bss)'

$(1)/ipxe.lkrn: $(1)/lkrn.elf
	@$$(if $$(Q),echo "  BIN     $$@")
	$$(Q)objcopy -O binary $$< $$@
endef

$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/main,$(EMBED)))
$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/smoke,tests/qemu/bios_smoke.ipxe))
$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/bad,tests/qemu/bios_bad.ipxe))
$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/linux,tests/qemu/bios_linux_ibft.ipxe))
$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/bzimage,tests/qemu/bios_images.ipxe))
$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/demo,tests/demo/demo.ipxe))

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

# DIR/ipxe.iso: a CD (El Torito) where ISOLINUX boots DIR/ipxe.lkrn; the
# test image's command line names QEMU's isa-debug-exit port.
$(PCBIOS_OBJ)/smoke/ipxe.iso: PCBIOS_ISO_CMDLINE := debug-exit=0x501
$(PCBIOS_OBJ)/%/ipxe.iso: $(PCBIOS_OBJ)/%/ipxe.lkrn arch/x86/pcbios/mkiso.sh \
		| $(BUILD)/.packages-pcbios
	@$(if $(Q),echo "  ISO     $@")
	$(Q)arch/x86/pcbios/mkiso.sh $< $@ $(PCBIOS_ISO_CMDLINE)

$(PCBIOS_BIN)/ipxe.iso: $(PCBIOS_OBJ)/main/ipxe.iso
	@mkdir -p $(@D)
	$(Q)cp $< $@

all: $(PCBIOS_BIN)/ipxe.iso

check-qemu-bios: check-qemu-bios-iso

check-qemu-bios-iso: $(PCBIOS_OBJ)/smoke/ipxe.iso $(BUILD)/.packages-pcbios-qemu
	$(Q)tests/qemu/test_bios_iso.sh $(PCBIOS_OBJ)/smoke/ipxe.iso

clean-pcbios: clean-pcbios-iso

clean-pcbios-iso:
	rm -f $(PCBIOS_BIN)/ipxe.iso

.PHONY: check-qemu-bios-iso clean-pcbios-iso

# --- PXE images -----------------------------------------------------------------
#
#   make bin/ipxe.pxe       a PXE ROM loads it; it unloads the PXE stack and
#                           drives the NIC itself (e1000g)
#   make bin/undionly.kpxe  keeps the PXE ROM's UNDI and drives the NIC
#                           through it (undi.c, no other NIC driver), reusing
#                           the ROM's DHCPACK
#
# Each is pxeprefix.S (built twice: unload / keep the UNDI) followed by an
# ipxe.lkrn: DIR/ipxe.pxe takes DIR/ipxe.lkrn, DIR/undionly.kpxe takes
# DIR-undi/ipxe.lkrn, an undionly image with the same scripts.
PCBIOS_PXEPREFIX_FLAGS_unload :=
PCBIOS_PXEPREFIX_FLAGS_keep := -DPXE_KEEP_UNDI

$(PCBIOS_OBJ)/pxeprefix-%.bin: arch/x86/pcbios/pxeprefix.S arch/x86/pcbios/pxe.h \
		include/lwpxe/pxe.h
	@mkdir -p $(@D)
	@$(if $(Q),echo "  AS      $< ($*)")
	$(Q)gcc -m32 -Iinclude $(PCBIOS_PXEPREFIX_FLAGS_$*) -c $< -o $(@:.bin=.o)
	$(Q)ld -m elf_i386 -nostdlib -N -Ttext=0 -e pxe_prefix \
		--oformat binary -o $@ $(@:.bin=.o)

# $(call pcbios_pxe_variant,DIR,SCRIPTS): DIR/ipxe.pxe and DIR/undionly.kpxe
define pcbios_pxe_variant
$$(eval $$(call pcbios_variant,$(1)-undi,$(2),undionly))
endef

$(eval $(call pcbios_pxe_variant,$(PCBIOS_OBJ)/main,$(EMBED)))
$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/pxe,tests/qemu/bios_pxe.ipxe))
$(eval $(call pcbios_pxe_variant,$(PCBIOS_OBJ)/pxe,tests/qemu/bios_pxe.ipxe))
# for tests/qemu/test_bios_linux_ibft.sh BOOT=pxe
$(eval $(call pcbios_pxe_variant,$(PCBIOS_OBJ)/linux,tests/qemu/bios_linux_ibft.ipxe))

# The test images end QEMU through isa-debug-exit (see main.c).
$(PCBIOS_OBJ)/pxe/ipxe.pxe $(PCBIOS_OBJ)/pxe/undionly.kpxe: \
	PCBIOS_PXE_CMDLINE := debug-exit=0x501

$(PCBIOS_OBJ)/%/ipxe.pxe: $(PCBIOS_OBJ)/%/ipxe.lkrn \
		$(PCBIOS_OBJ)/pxeprefix-unload.bin arch/x86/pcbios/mkpxe.sh
	@mkdir -p $(@D)
	@$(if $(Q),echo "  PXE     $@")
	$(Q)arch/x86/pcbios/mkpxe.sh $(PCBIOS_OBJ)/pxeprefix-unload.bin $< $@ \
		$(PCBIOS_PXE_CMDLINE)

$(PCBIOS_OBJ)/%/undionly.kpxe: $(PCBIOS_OBJ)/%-undi/ipxe.lkrn \
		$(PCBIOS_OBJ)/pxeprefix-keep.bin arch/x86/pcbios/mkpxe.sh
	@mkdir -p $(@D)
	@$(if $(Q),echo "  PXE     $@")
	$(Q)arch/x86/pcbios/mkpxe.sh $(PCBIOS_OBJ)/pxeprefix-keep.bin $< $@ \
		$(PCBIOS_PXE_CMDLINE)

$(PCBIOS_BIN)/ipxe.pxe $(PCBIOS_BIN)/undionly.kpxe: $(PCBIOS_BIN)/%: \
		$(PCBIOS_OBJ)/main/%
	@mkdir -p $(@D)
	$(Q)cp $< $@

all: $(PCBIOS_BIN)/ipxe.pxe $(PCBIOS_BIN)/undionly.kpxe

# `make check-qemu-bios` runs the PXE test first
check-qemu-bios: check-qemu-bios-pxe

check-qemu-bios-pxe: $(PCBIOS_OBJ)/pxe/ipxe.pxe $(PCBIOS_OBJ)/pxe/undionly.kpxe \
		$(EFI_OBJ)/linux/lu.img $(BUILD)/.packages-pcbios-qemu \
		$(BUILD)/.packages-check
	$(Q)tests/qemu/test_bios_pxe.sh $(PCBIOS_OBJ)/pxe/undionly.kpxe \
		$(PCBIOS_OBJ)/pxe/ipxe.pxe $(EFI_OBJ)/linux/lu.img
	$(Q)NIC=e1000e tests/qemu/test_bios_pxe.sh $(PCBIOS_OBJ)/pxe/undionly.kpxe \
		$(PCBIOS_OBJ)/pxe/ipxe.pxe $(EFI_OBJ)/linux/lu.img

clean-pcbios: clean-pcbios-pxe

clean-pcbios-pxe:
	rm -f $(PCBIOS_BIN)/ipxe.pxe $(PCBIOS_BIN)/undionly.kpxe

.PHONY: check-qemu-bios-pxe clean-pcbios-pxe

# `make check-qemu-bios` also boots images fetched over TFTP: a PXE boot
# program, Linux (kernel, initrd, boot: the UEFI Linux LU's kernel and
# initramfs) and a multiboot test kernel
check-qemu-bios: check-qemu-bios-bzimage

check-qemu-bios-bzimage: $(PCBIOS_OBJ)/bzimage/ipxe.lkrn $(EFI_OBJ)/linux/lu.img \
		$(PCBIOS_OBJ)/http/ipxe.usb $(BUILD)/.packages-pcbios-qemu \
		$(BUILD)/.packages-check
	$(Q)tests/qemu/test_bios_bzimage.sh $(PCBIOS_OBJ)/bzimage/ipxe.lkrn \
		$(EFI_OBJ)/linux/lu.img $(PCBIOS_OBJ)/http/ipxe.usb \
		$(PCBIOS_OBJ)/http/pki

# ... and over HTTP and HTTPS from nginx: an ipxe.usb with the same embedded
# script that trusts only a test CA (tests/qemu/mk-qemu-pki.sh makes it
# and nginx's certificate).
$(PCBIOS_OBJ)/http/pki/ca.pem: tests/qemu/mk-qemu-pki.sh tests/mkcert.sh \
		| $(BUILD)/.packages-check
	@$(if $(Q),echo "  PKI     $(@D)")
	$(Q)tests/qemu/mk-qemu-pki.sh $(@D)

$(PCBIOS_OBJ)/http/trusted.c: $(PCBIOS_OBJ)/http/pki/ca.pem scripts/trust.py
	@$(if $(Q),echo "  TRUST   $@")
	$(Q)scripts/trust.py $@ $< "" ""

$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/http,tests/qemu/bios_images.ipxe,ipxe,\
	$(PCBIOS_OBJ)/http/trusted.c))

.PHONY: check-qemu-bios-bzimage

# The seed scenario: sanboot GRUB from an iSCSI LU through our INT 13h,
# GRUB boots Linux, Linux reads our iBFT.  The LU is the UEFI Linux one
# with Debian's i386-pc GRUB in its MBR and the gap after it.
$(PCBIOS_OBJ)/linux/lu.img: $(EFI_OBJ)/linux/lu.img \
		tests/qemu/mklu-bios-linux.sh tests/qemu/mklu-bios.sh $(BUILD)/.packages-pcbios-qemu
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LU      $@")
	$(Q)tests/qemu/mklu-bios-linux.sh $< $@

# Bad input: one line each, then INT 18h back to SeaBIOS
check-qemu-bios: check-qemu-bios-bad

check-qemu-bios-bad: $(PCBIOS_OBJ)/bad/ipxe.lkrn $(BUILD)/.packages-pcbios-qemu
	$(Q)tests/qemu/test_bios_bad.sh $(PCBIOS_OBJ)/bad/ipxe.lkrn

.PHONY: check-qemu-bios-bad

# The INT 13h probe (tests/qemu/test_bios_int13.sh): a boot program at 0:7C00.
$(PCBIOS_OBJ)/int13_probe.bin: tests/qemu/int13_probe.S
	@mkdir -p $(@D)
	@$(if $(Q),echo "  AS      $<")
	$(Q)gcc -m32 -c $< -o $(@:.bin=.o)
	$(Q)ld -m elf_i386 -nostdlib -N -Ttext=0x7c00 -e probe_start \
		--oformat binary -o $@ $(@:.bin=.o)

check-qemu-bios: check-qemu-bios-linux check-qemu-bios-linux-pxe

PCBIOS_LINUX_TEST = tests/qemu/test_bios_linux_ibft.sh
# from the USB stick, an IDE disk and as a Linux kernel (ipxe.lkrn)
check-qemu-bios-linux: $(PCBIOS_OBJ)/linux/ipxe.usb $(PCBIOS_OBJ)/linux/ipxe.lkrn \
		$(PCBIOS_OBJ)/linux/lu.img $(PCBIOS_OBJ)/int13_probe.bin \
		$(BUILD)/.packages-pcbios-qemu
	$(Q)tests/qemu/test_bios_int13.sh $(PCBIOS_OBJ)/linux/ipxe.lkrn \
		$(PCBIOS_OBJ)/linux/ipxe.usb $(PCBIOS_OBJ)/int13_probe.bin
	$(Q)BOOT=usb $(PCBIOS_LINUX_TEST) $(PCBIOS_OBJ)/linux/ipxe.usb $(PCBIOS_OBJ)/linux/lu.img
	$(Q)BOOT=ide NIC=e1000e $(PCBIOS_LINUX_TEST) $(PCBIOS_OBJ)/linux/ipxe.usb $(PCBIOS_OBJ)/linux/lu.img
	$(Q)BOOT=lkrn $(PCBIOS_LINUX_TEST) $(PCBIOS_OBJ)/linux/ipxe.lkrn $(PCBIOS_OBJ)/linux/lu.img
	$(Q)BREAK=1 BOOT=lkrn $(PCBIOS_LINUX_TEST) $(PCBIOS_OBJ)/linux/ipxe.lkrn $(PCBIOS_OBJ)/linux/lu.img

# chainloaded by the NIC's PXE ROM: ipxe.pxe (own driver), undionly.kpxe (UNDI)
check-qemu-bios-linux-pxe: $(PCBIOS_OBJ)/linux/ipxe.pxe $(PCBIOS_OBJ)/linux/undionly.kpxe \
		$(PCBIOS_OBJ)/linux/lu.img $(BUILD)/.packages-pcbios-qemu
	$(Q)BOOT=pxe NIC=e1000e $(PCBIOS_LINUX_TEST) $(PCBIOS_OBJ)/linux/ipxe.pxe $(PCBIOS_OBJ)/linux/lu.img
	$(Q)BOOT=pxe $(PCBIOS_LINUX_TEST) $(PCBIOS_OBJ)/linux/undionly.kpxe $(PCBIOS_OBJ)/linux/lu.img

.PHONY: check-qemu-bios-linux check-qemu-bios-linux-pxe

# SAN boot over HTTP (tests/qemu/test_bios_sanhttp.sh): nginx serves a GRUB
# CD (El Torito), the UEFI sanboot LU with GRUB in its MBR as a disk image, and
# two CDs lwpxe refuses (no boot catalogue, floppy emulation); two boots, one
# per bootable image.
$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/sanhttp,tests/qemu/bios_sanhttp.ipxe))

$(PCBIOS_OBJ)/sanhttp/www/test.iso: $(EFI_OBJ)/sanboot/lu.img \
		tests/qemu/mk-bios-sanhttp.sh tests/qemu/mklu-bios.sh \
		$(BUILD)/.packages-pcbios-qemu
	@mkdir -p $(@D)
	@$(if $(Q),echo "  WWW     $(@D)")
	$(Q)tests/qemu/mk-bios-sanhttp.sh $< $(@D)

check-qemu-bios: check-qemu-bios-sanhttp

check-qemu-bios-sanhttp: $(PCBIOS_OBJ)/sanhttp/ipxe.lkrn \
		$(PCBIOS_OBJ)/sanhttp/www/test.iso $(BUILD)/.packages-pcbios-qemu
	$(Q)tests/qemu/test_bios_sanhttp.sh $(PCBIOS_OBJ)/sanhttp/ipxe.lkrn \
		$(PCBIOS_OBJ)/sanhttp/www

.PHONY: check-qemu-bios-sanhttp

# --- QEMU test -----------------------------------------------------------------

check-qemu-bios: $(PCBIOS_OBJ)/smoke/ipxe.lkrn $(PCBIOS_OBJ)/smoke/ipxe.usb \
		$(BUILD)/.packages-pcbios-qemu
	$(Q)tests/qemu/test_bios_lkrn.sh $(PCBIOS_OBJ)/smoke/ipxe.lkrn
	$(Q)tests/qemu/test_bios_usb.sh $(PCBIOS_OBJ)/smoke/ipxe.usb

clean-pcbios:
	rm -rf $(PCBIOS_OBJ) $(PCBIOS_BIN)/ipxe.lkrn $(PCBIOS_BIN)/ipxe.usb

.PHONY: check-qemu-bios clean-pcbios

# --- Benchmark: lwpxe against Debian's iPXE on the same LUs -------------------
#
#   make bench-bios   tests/bench/bios.sh: our bench ipxe.lkrn and Debian's
#                     by qemu -kernel, then both undionly.kpxe from the
#                     NIC's PXE ROM, sanboot GRUB from the LUs (GRUB hashes
#                     32 MiB; GRUB boots Linux); the HTTP test image and
#                     Debian's ipxe.lkrn download 32 MiB over HTTP (ours
#                     16 MiB over HTTPS too); and the sizes of
#                     bin/ipxe.usb, ipxe.lkrn, undionly.kpxe

PCBIOS_BENCH_PACKAGES := ipxe

$(eval $(call pcbios_variant,$(PCBIOS_OBJ)/bench,tests/bench/bios_bench.ipxe))
$(eval $(call pcbios_pxe_variant,$(PCBIOS_OBJ)/bench,tests/bench/bios_bench.ipxe))

$(BUILD)/.packages-pcbios-bench:
	$(Q)scripts/need-packages.sh $(PCBIOS_BENCH_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

# The UEFI LUs with Debian's i386-pc GRUB added in the MBR and its gap.
$(PCBIOS_OBJ)/bench/sanboot-lu.img: $(EFI_OBJ)/sanboot/lu.img \
		tests/qemu/mklu-bios.sh $(BUILD)/.packages-pcbios-qemu
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LU      $@")
	$(Q)tests/qemu/mklu-bios.sh $< $@

$(PCBIOS_OBJ)/bench/linux-lu.img: $(EFI_OBJ)/linux/lu.img \
		tests/qemu/mklu-bios-linux.sh tests/qemu/mklu-bios.sh $(BUILD)/.packages-pcbios-qemu
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LU      $@")
	$(Q)tests/qemu/mklu-bios-linux.sh $< $@

bench-bios: $(PCBIOS_OBJ)/bench/ipxe.lkrn $(PCBIOS_OBJ)/bench/undionly.kpxe \
		$(PCBIOS_OBJ)/bench/sanboot-lu.img \
		$(PCBIOS_OBJ)/bench/linux-lu.img $(PCBIOS_BIN)/ipxe.usb \
		$(PCBIOS_BIN)/ipxe.lkrn $(PCBIOS_BIN)/undionly.kpxe \
		$(PCBIOS_OBJ)/http/ipxe.lkrn \
		$(BUILD)/.packages-pcbios-qemu $(BUILD)/.packages-pcbios-bench
	$(Q)tests/bench/bios.sh $(PCBIOS_OBJ)/bench/ipxe.lkrn \
		$(PCBIOS_OBJ)/bench/undionly.kpxe $(PCBIOS_OBJ)/bench/sanboot-lu.img \
		$(PCBIOS_OBJ)/bench/linux-lu.img $(PCBIOS_BIN) \
		$(PCBIOS_OBJ)/http/ipxe.lkrn $(PCBIOS_OBJ)/http/pki

.PHONY: bench-bios

-include $(shell find $(PCBIOS_OBJ) -name '*.d' 2>/dev/null)
