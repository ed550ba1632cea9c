# x86_64 UEFI images on gnu-efi (included by the top-level Makefile).
#
#   make bin-x86_64-efi/ipxe.efi     the firmware with every driver
#   make bin-x86_64-efi/snponly.efi  only the driver over the firmware's SNP
#   make bin-x86_64-efi/ipxe.usb     a disk image: MBR, one EFI system
#                                    partition holding EFI/BOOT/BOOTX64.EFI
#   make check-qemu                  boot the test images under QEMU + OVMF

EFI_PACKAGES := mtools dosfstools
EFI_QEMU_PACKAGES := qemu-system-x86 ovmf
EFI_SANBOOT_PACKAGES := tgt grub-efi-amd64-bin fdisk mtools dosfstools
EFI_LINUX_PACKAGES := linux-image-amd64 busybox-static cpio xz-utils
EFI_NETIMG_PACKAGES := nginx-light curl grub-efi-amd64-bin xorriso mtools \
	dosfstools fdisk openssl faketime
# shim-unsigned: the shim-signed build without Microsoft's signature (the
# test signs it; shim-signed's own scripts would run grub-install)
EFI_SHIM_PACKAGES := shim-unsigned grub-efi-amd64-signed sbsigntool openssl \
	mtools dosfstools nginx-light curl

GNUEFI := $(DEPS)/gnu-efi
EFI_OBJ := $(BUILD)/efi
EFI_BIN := bin-x86_64-efi
GNUEFI_OBJ := $(EFI_OBJ)/gnu-efi
GNUEFI_CRT0 := $(GNUEFI_OBJ)/gnuefi/crt0-efi-x86_64.o
GNUEFI_LIBS := $(GNUEFI_OBJ)/lib/libefi.a $(GNUEFI_OBJ)/gnuefi/libgnuefi.a
GNUEFI_STAMP := $(GNUEFI_OBJ)/.built

# Platform sources; every image has them.
EFI_ARCH_SRCS := $(filter-out $(X86_64_SRCS), \
	$(wildcard arch/x86/efi/*.c arch/x86/core/*.c)) $(X86_64_SRCS)

# What each image links: one list of feature folders (see FEATURE_DIRS)
# and one of drivers (NIC sources and the drivers they hand devices to,
# each registering itself: NIC_SOURCE in nic.h, PCI_DRIVER in pci.h).
#   ipxe      every feature; the PCI source (arch/x86/efi/pci) with our
#             native drivers (e1000g, nge), and SNP for the NICs they leave
#   snponly   every feature; only the NICs the firmware drives, over SNP
EFI_FEATURES_ipxe := $(FEATURE_DIRS)
EFI_DRIVERS_ipxe := arch/x86/efi/pci/pci.c drivers/bus/pci.c \
	drivers/net/e1000g.c drivers/net/nge.c drivers/net/snp.c
EFI_FEATURES_snponly := $(FEATURE_DIRS)
EFI_DRIVERS_snponly := drivers/net/snp.c

# gnu-efi's x86_64 code model: position independent, no red zone, the
# Microsoft ABI for firmware calls (GNU_EFI_USE_MS_ABI: no call wrapper),
# 16-bit wchar_t for UCS-2 strings.  Hidden symbols let --gc-sections work
# in the shared object that becomes the PE image.
EFI_CFLAGS := $(FW_CFLAGS) $(TLS_CFLAGS) $(DIAG_CFLAGS) -fpic -fshort-wchar -mno-red-zone \
	-maccumulate-outgoing-args -mno-avx -fvisibility=hidden \
	-fno-asynchronous-unwind-tables -DGNU_EFI_USE_MS_ABI
# Only platform and driver code sees the EFI headers.
EFI_INCLUDES := -I$(GNUEFI)/inc -I$(GNUEFI)/inc/x86_64 -I$(GNUEFI)/inc/protocol

EFI_COMMON_OBJS := $(patsubst %,$(EFI_OBJ)/%.o,$(CORE_SRCS) $(LIBC_SRCS) \
	$(EFI_ARCH_SRCS) $(DEP_SRCS))

# --- Packages and gnu-efi ----------------------------------------------------

$(BUILD)/.packages-efi:
	$(Q)scripts/need-packages.sh $(EFI_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

$(BUILD)/.packages-efi-qemu:
	$(Q)scripts/need-packages.sh $(EFI_QEMU_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

$(BUILD)/.packages-efi-sanboot:
	$(Q)scripts/need-packages.sh $(EFI_SANBOOT_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

$(BUILD)/.packages-efi-linux:
	$(Q)scripts/need-packages.sh $(EFI_LINUX_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

$(BUILD)/.packages-efi-netimg:
	$(Q)scripts/need-packages.sh $(EFI_NETIMG_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

$(BUILD)/.packages-efi-shim:
	$(Q)scripts/need-packages.sh $(EFI_SHIM_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

# gnu-efi's own Makefile, with its objects under build/efi/gnu-efi.
$(GNUEFI_STAMP): $(GNUEFI)/.unpacked | $(BUILD)/.packages-build
	@$(if $(Q),echo "  MAKE    gnu-efi")
	$(Q)mkdir -p $(GNUEFI_OBJ)
	$(Q)$(MAKE) -s -C $(GNUEFI) TOPDIR=$(abspath $(GNUEFI)) \
		OBJDIR=$(abspath $(GNUEFI_OBJ)) ARCH=x86_64 lib gnuefi \
		> $(GNUEFI_OBJ)/build.log 2>&1 || \
		{ tail -20 $(GNUEFI_OBJ)/build.log; exit 1; }
	$(Q)touch $@

$(GNUEFI_CRT0) $(GNUEFI_LIBS): $(GNUEFI_STAMP)
	@:

# --- Objects -------------------------------------------------------------------

$(EFI_OBJ)/%.c.o: %.c | $(DEPS_READY) $(GNUEFI)/.unpacked
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $< (efi)")
	$(Q)gcc $(EFI_CFLAGS) \
		$(if $(filter arch/x86/efi/% drivers/% tests/qemu/%,$<),$(EFI_INCLUDES)) \
		$(if $(filter $(BUILD)/%,$<),-w,$(WARN)) -MMD -MP -c $< -o $@

$(EFI_OBJ)/%.S.o: %.S
	@mkdir -p $(@D)
	@$(if $(Q),echo "  AS      $< (efi)")
	$(Q)gcc $(EFI_CFLAGS) -c $< -o $@

$(patsubst %,$(EFI_OBJ)/%.o,$(AESNI_SRCS)): Makefile arch/x86/efi/efi.mk
$(patsubst %,$(EFI_OBJ)/%.o,$(AESNI_SRCS)): EFI_CFLAGS += $(AESNI_CFLAGS)
$(EFI_OBJ)/$(MBEDTLS)/library/aesni.c.o: EFI_CFLAGS += $(AESNI_ONLY_CFLAGS)

# Registration tables (TABLE_DECLARE in a header) go into .data between
# their __start_/__stop_ symbols; the list is made from the headers.
$(EFI_OBJ)/tables.lds: $(wildcard include/lwpxe/*.h arch/x86/efi/*.h) arch/x86/efi/efi.mk
	@mkdir -p $(@D)
	$(Q)scripts/tables-lds.sh 8 $(filter %.h,$^) > $@

# --- Images ----------------------------------------------------------------------

# $(call efi_objs,DIR,NAME): the objects image NAME links (its drivers,
# its features, the common ones), with DIR's own trust store in place of
# the build's when DIR has one (efi_trusted: EFI_TRUST_DIR, see efi_variant).
efi_trusted = $(if $(EFI_TRUST_$(1)),$(1)/trusted.c)
efi_objs = $(patsubst %,$(EFI_OBJ)/%.o,$(EFI_DRIVERS_$(2)) \
	$(call feature_srcs,$(EFI_FEATURES_$(2)),$(call efi_trusted,$(1)))) \
	$(EFI_COMMON_OBJS)

# $(call efi_image,DIR,NAME): DIR/NAME.so from NAME's objects and DIR's
# embedded scripts, and DIR/NAME.efi (PE32+) from it.
define efi_image
$(1)/$(2).so: $$(call efi_objs,$(1),$(2)) $(1)/embedded.o arch/x86/efi/efi.lds \
		scripts/check-sections.sh \
		$$(EFI_OBJ)/tables.lds $$(GNUEFI_STAMP)
	@$$(if $$(Q),echo "  LD      $$@")
	$$(Q)ld -nostdlib --no-undefined --gc-sections -shared -Bsymbolic \
		-z norelro -z noexecstack $$(X86_64_LDFLAGS) -L$$(EFI_OBJ) -T arch/x86/efi/efi.lds \
		-o $$@ $$(GNUEFI_CRT0) $$(call efi_objs,$(1),$(2)) $(1)/embedded.o \
		$$(GNUEFI_LIBS) $$(shell gcc -print-libgcc-file-name)
	$$(Q)scripts/check-sections.sh $$@ \
		'\.(hash|gnu\.hash|text|reloc|data|dynamic|rela|dynsym|dynstr)'

$(1)/$(2).efi: $(1)/$(2).so
	@$$(if $$(Q),echo "  PE      $$@")
	$$(Q)objcopy -j .text -j .reloc -j .data -j .dynamic -j .dynsym \
		-j .rela --target efi-app-x86_64 $$< $$@
endef

# $(call efi_variant,DIR,SCRIPTS[,TRUST]): DIR/ipxe.efi, DIR/snponly.efi
# and DIR/ipxe.usb with SCRIPTS (comma-separated) embedded; with TRUST (PEM
# files, comma-separated) they trust those roots alone, whatever TRUST=
# the build was given.
define efi_variant
$$(eval $$(call embed_rules,$(1),$(2),$$(EFI_CFLAGS)))
EFI_TRUST_$(1) := $(3)

ifneq ($(3),)
$(1)/trusted.c: $(subst $(comma),$(space),$(3)) scripts/trust.py
	@mkdir -p $$(@D)
	@$$(if $$(Q),echo "  TRUST   $$@")
	$$(Q)scripts/trust.py $$@ "$(3)" "" ""
endif

$$(eval $$(call efi_image,$(1),ipxe))
$$(eval $$(call efi_image,$(1),snponly))

$(1)/ipxe.usb: $(1)/ipxe.efi arch/x86/efi/mkusb.sh $$(BUILD)/.packages-efi
	@$$(if $$(Q),echo "  USB     $$@")
	$$(Q)arch/x86/efi/mkusb.sh $$@ $$<

$(1)/snponly.usb: $(1)/snponly.efi arch/x86/efi/mkusb.sh $$(BUILD)/.packages-efi
	@$$(if $$(Q),echo "  USB     $$@")
	$$(Q)arch/x86/efi/mkusb.sh $$@ $$<
endef

# The network image test's and the benchmark's HTTPS certificates: a test
# CA their firmware trusts, and nginx's certificate for 10.0.2.2.
EFI_PKI := $(EFI_OBJ)/pki
$(EFI_PKI)/ca.pem: tests/qemu/mk-qemu-pki.sh tests/mkcert.sh $(BUILD)/.packages-efi-netimg
	@$(if $(Q),echo "  PKI     $(@D)")
	$(Q)tests/qemu/mk-qemu-pki.sh $(@D)

$(eval $(call efi_variant,$(EFI_OBJ)/main,$(EMBED)))
$(eval $(call efi_variant,$(EFI_OBJ)/smoke,tests/qemu/efi_smoke.ipxe))
$(eval $(call efi_variant,$(EFI_OBJ)/e1000g,tests/qemu/efi_e1000g.ipxe))
$(eval $(call efi_variant,$(EFI_OBJ)/sanboot,tests/qemu/efi_sanboot.ipxe))
$(eval $(call efi_variant,$(EFI_OBJ)/linux,tests/qemu/efi_linux_ibft.ipxe))
$(eval $(call efi_variant,$(EFI_OBJ)/chain,tests/qemu/efi_chain.ipxe))
$(eval $(call efi_variant,$(EFI_OBJ)/demo,tests/demo/demo.ipxe))
$(eval $(call efi_variant,$(EFI_OBJ)/netimg,tests/qemu/efi_netimg.ipxe,$(EFI_PKI)/ca.pem))
$(eval $(call efi_variant,$(EFI_OBJ)/shim,tests/qemu/efi_shim.ipxe))

$(EFI_BIN)/%: $(EFI_OBJ)/main/%
	@mkdir -p $(@D)
	$(Q)cp $< $@

efi: $(EFI_BIN)/ipxe.efi $(EFI_BIN)/snponly.efi $(EFI_BIN)/ipxe.usb

# --- QEMU tests ----------------------------------------------------------------

# The sanboot test's LU: GRUB and a 32 MiB file on an EFI system partition.
$(EFI_OBJ)/sanboot/lu.img: tests/qemu/mklu-efi.sh $(BUILD)/.packages-efi-sanboot
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LU      $@")
	$(Q)tests/qemu/mklu-efi.sh $@

# The Linux iBFT test's LU: GRUB, Debian's kernel and a busybox initramfs.
$(EFI_OBJ)/linux/lu.img: tests/qemu/mklu-efi-linux.sh $(BUILD)/.packages-efi-sanboot \
		$(BUILD)/.packages-efi-linux
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LU      $@")
	$(Q)tests/qemu/mklu-efi-linux.sh $@

# The network image test's probe: an EFI program on gnu-efi alone.
$(EFI_OBJ)/netimg/probe.so: $(EFI_OBJ)/tests/qemu/efi_probe.c.o arch/x86/efi/efi.lds \
		$(EFI_OBJ)/tables.lds $(GNUEFI_STAMP)
	@$(if $(Q),echo "  LD      $@")
	$(Q)ld -nostdlib --no-undefined -shared -Bsymbolic -z norelro \
		-z noexecstack -L$(EFI_OBJ) -T arch/x86/efi/efi.lds -o $@ \
		$(GNUEFI_CRT0) $< $(GNUEFI_LIBS) $(shell gcc -print-libgcc-file-name)

$(EFI_OBJ)/netimg/www/probe.efi: $(EFI_OBJ)/netimg/probe.so $(EFI_OBJ)/netimg/www/sums
	@$(if $(Q),echo "  PE      $@")
	$(Q)objcopy -j .text -j .reloc -j .data -j .dynamic -j .dynsym \
		-j .rela --target efi-app-x86_64 $< $@

# The network image test's HTTP folder: Debian's kernel, a busybox
# initramfs and a second initrd, a standalone GRUB, files it must refuse.
$(EFI_OBJ)/netimg/www/sums: tests/qemu/mk-efi-netimg.sh $(BUILD)/.packages-efi-linux \
		$(BUILD)/.packages-efi-netimg
	@mkdir -p $(@D)
	@$(if $(Q),echo "  WWW     $(@D)")
	$(Q)tests/qemu/mk-efi-netimg.sh $(@D)

# The Secure Boot test's image: its ipxe.efi signed with OVMF's snakeoil
# test key, on a USB image.
$(EFI_OBJ)/shim/signed/ipxe.efi: $(EFI_OBJ)/shim/ipxe.efi tests/qemu/sign-snakeoil.sh \
		$(BUILD)/.packages-efi-qemu $(BUILD)/.packages-efi-shim
	@mkdir -p $(@D)
	@$(if $(Q),echo "  SIGN    $@")
	$(Q)tests/qemu/sign-snakeoil.sh $< $@

$(EFI_OBJ)/shim/signed/ipxe.usb: $(EFI_OBJ)/shim/signed/ipxe.efi arch/x86/efi/mkusb.sh \
		$(BUILD)/.packages-efi
	@$(if $(Q),echo "  USB     $@")
	$(Q)arch/x86/efi/mkusb.sh $@ $<

# Its probe: an EFI program on gnu-efi alone, with an .sbat section.
$(EFI_OBJ)/shim/mokprobe.so: $(EFI_OBJ)/tests/qemu/efi_mokprobe.c.o arch/x86/efi/efi.lds \
		$(EFI_OBJ)/tables.lds $(GNUEFI_STAMP)
	@$(if $(Q),echo "  LD      $@")
	$(Q)ld -nostdlib --no-undefined -shared -Bsymbolic -z norelro \
		-z noexecstack -L$(EFI_OBJ) -T arch/x86/efi/efi.lds \
		-o $@ $(GNUEFI_CRT0) $< $(GNUEFI_LIBS) $(shell gcc -print-libgcc-file-name)

$(EFI_OBJ)/shim/mokprobe.efi: $(EFI_OBJ)/shim/mokprobe.so
	@$(if $(Q),echo "  PE      $@")
	$(Q)objcopy -j .text -j .reloc -j .data -j .dynamic -j .dynsym \
		-j .rela -j .sbat --target efi-app-x86_64 $< $@

# Its HTTP folder: Debian's shim (signed with the snakeoil key), Debian's
# signed GRUB, GRUB signed by an unknown key, a disk image with grub.cfg,
# the probe signed with the snakeoil key and with a MOK key, its certificate.
$(EFI_OBJ)/shim/www/grubcfg.img: tests/qemu/mk-efi-shim.sh tests/qemu/sign-snakeoil.sh \
		$(EFI_OBJ)/shim/mokprobe.efi $(BUILD)/.packages-efi-qemu $(BUILD)/.packages-efi-shim
	@mkdir -p $(@D)
	@$(if $(Q),echo "  WWW     $(@D)")
	$(Q)tests/qemu/mk-efi-shim.sh $(@D) $(EFI_OBJ)/shim/mokprobe.efi

# `make check-qemu` runs three groups that `make check` may run side by side
check-qemu: check-qemu-efi-san check-qemu-efi-linux check-qemu-efi-netimg

# smoke (USB and IDE boot disk), the e1000g driver, SAN boot of GRUB (sanboot
# and chain) from an iSCSI LU
check-qemu-efi-san: $(EFI_OBJ)/smoke/ipxe.usb $(EFI_OBJ)/e1000g/ipxe.usb \
		$(EFI_OBJ)/sanboot/ipxe.usb $(EFI_OBJ)/chain/ipxe.usb \
		$(EFI_OBJ)/sanboot/lu.img $(BUILD)/.packages-efi-qemu
	$(Q)tests/qemu/test_efi_smoke.sh $(EFI_OBJ)/smoke/ipxe.usb
	$(Q)EFI_DISK=ide CPU=max tests/qemu/test_efi_smoke.sh $(EFI_OBJ)/smoke/ipxe.usb
	$(Q)tests/qemu/test_efi_e1000g.sh $(EFI_OBJ)/e1000g/ipxe.usb
	$(Q)tests/qemu/test_efi_sanboot.sh $(EFI_OBJ)/sanboot/ipxe.usb \
		$(EFI_OBJ)/sanboot/lu.img
	$(Q)MODE=chain tests/qemu/test_efi_sanboot.sh $(EFI_OBJ)/chain/ipxe.usb \
		$(EFI_OBJ)/sanboot/lu.img

# Linux from an iSCSI LU reads our iBFT: e1000, e1000e, the NIC's own UNDI/SNP
check-qemu-efi-linux: $(EFI_OBJ)/linux/ipxe.usb $(EFI_OBJ)/linux/snponly.usb \
		$(EFI_OBJ)/linux/lu.img $(BUILD)/.packages-efi-qemu
	$(Q)tests/qemu/test_efi_linux_ibft.sh $(EFI_OBJ)/linux/ipxe.usb $(EFI_OBJ)/linux/lu.img
	$(Q)NIC=e1000e tests/qemu/test_efi_linux_ibft.sh $(EFI_OBJ)/linux/ipxe.usb $(EFI_OBJ)/linux/lu.img
	$(Q)NIC_ROM=1 tests/qemu/test_efi_linux_ibft.sh $(EFI_OBJ)/linux/snponly.usb $(EFI_OBJ)/linux/lu.img

# The Secure Boot test: its files, and how it runs
EFI_SHIM_TEST_FILES := $(EFI_OBJ)/shim/signed/ipxe.usb $(EFI_OBJ)/shim/www/grubcfg.img
EFI_SHIM_TEST := tests/qemu/test_efi_shim.sh $(EFI_OBJ)/shim/signed/ipxe.usb $(EFI_OBJ)/shim/www

# EFI programs, EFI-stub Linux and ISO SAN boot over HTTP(S); Debian's
# GRUB through Debian's shim under Secure Boot
check-qemu-efi-netimg: $(EFI_OBJ)/netimg/ipxe.usb $(EFI_OBJ)/netimg/www/sums \
		$(EFI_OBJ)/netimg/www/probe.efi $(EFI_PKI)/ca.pem $(BUILD)/.packages-efi-qemu \
		$(EFI_SHIM_TEST_FILES)
	$(Q)tests/qemu/test_efi_netimg.sh $(EFI_OBJ)/netimg/ipxe.usb $(EFI_OBJ)/netimg/www \
		$(EFI_PKI)
	$(Q)$(EFI_SHIM_TEST)

# The Secure Boot test alone
check-qemu-efi-shim: $(EFI_SHIM_TEST_FILES) $(BUILD)/.packages-efi-qemu
	$(Q)$(EFI_SHIM_TEST)

# --- Benchmark: lwpxe against Debian's iPXE on the same LUs -------------------

EFI_BENCH_PACKAGES := ipxe

$(eval $(call efi_variant,$(EFI_OBJ)/bench,tests/bench/efi_bench.ipxe,$(EFI_PKI)/ca.pem))

$(BUILD)/.packages-efi-bench:
	$(Q)scripts/need-packages.sh $(EFI_BENCH_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

# Debian's ipxe.efi (package ipxe) as EFI/BOOT/BOOTX64.EFI on a USB image.
$(EFI_OBJ)/debian/ipxe.usb: arch/x86/efi/mkusb.sh $(BUILD)/.packages-efi \
		$(BUILD)/.packages-efi-bench
	@mkdir -p $(@D)
	@$(if $(Q),echo "  USB     $@")
	$(Q)arch/x86/efi/mkusb.sh $@ /usr/lib/ipxe/ipxe.efi

bench-efi: $(EFI_OBJ)/bench/ipxe.usb $(EFI_OBJ)/debian/ipxe.usb \
		$(EFI_OBJ)/sanboot/lu.img $(EFI_OBJ)/linux/lu.img $(EFI_PKI)/ca.pem \
		$(BUILD)/.packages-efi-qemu $(BUILD)/.packages-efi-netimg
	$(Q)tests/bench/efi.sh $(EFI_OBJ)/bench/ipxe.usb $(EFI_OBJ)/debian/ipxe.usb \
		$(EFI_OBJ)/sanboot/lu.img $(EFI_OBJ)/linux/lu.img $(EFI_PKI)

clean-efi:
	rm -rf $(filter-out $(GNUEFI_OBJ),$(wildcard $(EFI_OBJ)/*)) $(EFI_BIN)

.PHONY: efi check-qemu check-qemu-efi-san check-qemu-efi-linux check-qemu-efi-netimg \
	check-qemu-efi-shim \
	bench-efi clean-efi

-include $(shell find $(EFI_OBJ) -name '*.d' 2>/dev/null)
