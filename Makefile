# lwpxe top-level Makefile.
#
#   make                        build every image: the Linux-process build,
#                               the UEFI images (bin-x86_64-efi/) and the BIOS
#                               ones made so far (bin/ipxe.lkrn, bin/ipxe.usb)
#   make bin-x86_64-linux/lwpxe the Linux-process build
#   make check                  unit tests (cmocka, ASan/UBSan), the fuzz
#                               targets' short run, host tests, QEMU tests
#   make fuzz [FUZZ_TIME=s] [TARGET=name]
#                               run the fuzz targets (tests/fuzz/fuzz.mk)
#   make demo [PLATFORM=efi] [NIC=e1000e] [FAULT=name]
#                               boot a QEMU machine from an iSCSI LU over a
#                               TAP in a namespace (tests/demo/demo.sh)
#   make EMBED=a.ipxe[,b.ipxe]  embed scripts (the first runs at start-up)
#   make TRUST=a.pem[,b.pem]    trust these roots instead of Debian's
#                               ca-certificates (every image with HTTPS)
#   make CERT=c.pem PRIVKEY=k.pem  a client certificate and key for TLS
#   make DEBUG=1                debug messages and no optimisation
#   make V=1                    show every command

V ?= 0
DEBUG ?= 0
EMBED ?= scripts/autoboot.ipxe
TRUST ?=
CERT ?=
PRIVKEY ?=

ifeq ($(V),1)
Q :=
else
Q := @
endif

comma := ,
space := $(subst ,, )

BUILD := build
DEPS := $(BUILD)/deps
LWIP := $(DEPS)/lwip
MBEDTLS := $(DEPS)/mbedtls

# Debian packages `make` needs, and those `make check` needs on top.
BUILD_PACKAGES := gcc make binutils xz-utils bzip2 debian-archive-keyring \
	python3 ca-certificates
CHECK_PACKAGES := libcmocka-dev dnsmasq-base iproute2 python3 coreutils tgt \
	tftpd-hpa nginx-light openssl curl chrony faketime xorriso nftables
BENCH_PACKAGES := libiscsi-bin

all: bin-x86_64-linux/lwpxe efi bin/ipxe.lkrn bin/ipxe.usb

# --- Sources ---------------------------------------------------------------

# Features an image may leave out: a folder each, whose code registers
# itself (commands, download protocols) and so is linked only where a
# platform names the folder in its <PLATFORM>_FEATURES list.
FEATURE_DIRS := net/http net/http/range net/tls net/ntp net/diag src/trust src/menu src/ibft/show src/san/sanread src/smbios \
	src/image/shim src/image/archive src/cpuid net/vlan
CORE_SRCS := $(filter-out src/libc/% $(addsuffix /%,$(FEATURE_DIRS)), \
	$(wildcard src/*/*.c net/*.c net/*/*.c))
LIBC_SRCS := $(wildcard src/libc/*.c)
# The trust store's certificates, generated from TRUST, CERT and PRIVKEY
TRUST_GEN := $(BUILD)/trust/trusted.c
# $(call feature_srcs,DIRS[,TRUSTED]): the C and assembly sources of
# feature folders DIRS, with TRUSTED (default $(TRUST_GEN)) as src/trust's
# certificates
feature_srcs = $(foreach d,$(1),$(wildcard $(d)/*.c $(d)/*.S)) \
	$(if $(filter src/trust,$(1)),$(or $(2),$(TRUST_GEN))) \
	$(if $(filter net/tls,$(1)),$(MBEDTLS_TLS_SRCS))

LWIP_SRCS := $(addprefix $(LWIP)/src/core/,init.c def.c dns.c inet_chksum.c \
	altcp.c altcp_alloc.c altcp_tcp.c \
	ip.c mem.c memp.c netif.c pbuf.c raw.c stats.c sys.c tcp.c tcp_in.c \
	tcp_out.c timeouts.c udp.c ipv4/acd.c ipv4/autoip.c ipv4/dhcp.c \
	ipv4/etharp.c ipv4/icmp.c ipv4/igmp.c ipv4/ip4.c ipv4/ip4_addr.c \
	ipv4/ip4_frag.c) $(LWIP)/src/netif/ethernet.c $(LWIP)/src/api/err.c
MBEDTLS_SRCS := $(addprefix $(MBEDTLS)/library/,aes.c ctr_drbg.c md5.c \
	sha256.c platform.c platform_util.c asn1parse.c asn1write.c base64.c \
	bignum.c bignum_core.c constant_time.c ecdsa.c ecp.c ecp_curves.c md.c \
	oid.c pem.c pk.c pk_ecc.c pk_wrap.c pkparse.c pkcs7.c rsa.c \
	rsa_alt_helpers.c sha1.c sha512.c x509.c x509_crl.c x509_crt.c)
# mbedTLS's TLS client and what it needs beyond MBEDTLS_SRCS, linked with
# net/tls and configured by src/crypto/mbedtls_tls_config.h (TLS_CFLAGS).
MBEDTLS_TLS_SRCS := $(addprefix $(MBEDTLS)/library/,aesni.c \
	chachapoly.c cipher.c cipher_wrap.c ecdh.c hkdf.c poly1305.c \
	psa_crypto.c psa_crypto_aead.c psa_crypto_cipher.c psa_crypto_client.c \
	psa_crypto_driver_wrappers_no_static.c psa_crypto_ecp.c \
	psa_crypto_ffdh.c psa_crypto_hash.c psa_crypto_mac.c psa_crypto_pake.c \
	psa_crypto_rsa.c psa_crypto_slot_management.c psa_util.c \
	ssl_ciphersuites.c ssl_client.c ssl_msg.c ssl_tls.c ssl_tls12_client.c \
	ssl_tls13_client.c ssl_tls13_generic.c ssl_tls13_keys.c \
	ssl_debug_helpers_generated.c)
TLS_CFLAGS := '-DMBEDTLS_USER_CONFIG_FILE=<mbedtls_tls_config.h>'
# lwIP's raw PCBs and IPv4 counters, for net/diag (`ping`, `ipstat`): set
# where net/diag is linked (with TLS_CFLAGS: Linux, UEFI, unit tests)
DIAG_CFLAGS := -DLWPXE_NET_DIAG=1
# The mbedTLS files that include aesni.h, built for x86_64 with AESNI_CFLAGS
# (Linux and UEFI): mbedTLS then uses its AES-NI intrinsics (aligned round
# keys) instead of its older inline assembly, for the blocks it encrypts
# one at a time (random numbers, AES-192).  TLS's bulk AES-GCM is ours
# (net/tls/gcm.c, and arch/x86/core/gcm_x86_64.c where the CPU can).  The compiler emits those instructions only where the
# intrinsics are written, and mbedTLS runs them only after CPUID says the
# CPU has them (mbedtls_aesni_has_support), so other CPUs keep the tables.
# aesni.c also gets SSSE3 (byte swaps in one PSHUFB): apart from that CPUID
# check, its code runs only on CPUs with AES-NI, which all have SSSE3.
AESNI_SRCS := $(addprefix $(MBEDTLS)/library/,aes.c aesni.c)
AESNI_CFLAGS := -maes -mpclmul
AESNI_ONLY_CFLAGS := -mssse3
DEP_SRCS := $(LWIP_SRCS) $(MBEDTLS_SRCS)

# x86_64 code shared by the Linux and UEFI builds (not the 32-bit BIOS ones):
# a memcpy (REP MOVSB, or a loop where the CPU lacks ERMS) that their links
# put in place of src/libc's, and the AES-NI/PCLMULQDQ engine of AES-GCM
X86_64_SRCS := arch/x86/core/memcpy_x86_64.S arch/x86/core/gcm_x86_64.c
X86_64_LDFLAGS := --wrap=memcpy
LINUX_SRCS := $(wildcard arch/linux/*.c arch/linux/*.S) \
	arch/x86/core/cpuid.c arch/x86/core/crc32c.c \
	$(X86_64_SRCS)
# What the Linux build links, as each platform names it per image: one list
# of feature folders and one of drivers (NIC sources and the drivers they
# hand devices to, each registering itself: see NIC_SOURCE in nic.h).
LINUX_FEATURES_lwpxe := $(FEATURE_DIRS)
# Besides the TAP, the device models (tests/model) and the real drivers
# they stand under: `lwpxe --net nge:tap0` runs drivers/net/nge.c against
# the nForce model, `--net e1000g:tap0` drivers/net/e1000g.c against the
# e1000 one (model_net.c is their NIC source, model_pci.c their PCI platform).
LINUX_DRIVERS_lwpxe := drivers/net/tap.c tests/model/model_net.c \
	tests/model/model_pci.c tests/model/nge_model.c \
	tests/model/e1000g_model.c drivers/bus/pci.c drivers/net/nge.c \
	drivers/net/e1000g.c

# --- Flags -----------------------------------------------------------------

GCC_INCLUDE := $(shell gcc -print-file-name=include)
DEP_INCLUDES := -I$(LWIP)/src/include -Inet/lwip -I$(MBEDTLS)/include \
	-Isrc/crypto '-DMBEDTLS_CONFIG_FILE=<mbedtls_config.h>'
WARN := -Wall -Wextra -Werror -Wno-unused-parameter
ifeq ($(DEBUG),1)
OPT := -O0 -g -DDEBUG=1
else
OPT := -O2 -g
endif

# Objects do not record the flags they were built with: when DEBUG changes
# from the last build, drop the firmware objects so everything is rebuilt.
ifneq ($(DEBUG),$(shell cat $(BUILD)/.debug 2>/dev/null))
$(shell find $(BUILD)/linux $(BUILD)/efi $(BUILD)/pcbios -name '*.o' \
	-not -path '*/gnu-efi/*' -delete 2>/dev/null; \
	mkdir -p $(BUILD) && echo $(DEBUG) > $(BUILD)/.debug)
endif

# Firmware-style (freestanding, our libc): the Linux-process build and later
# the BIOS and UEFI images.
FW_CFLAGS := -std=gnu11 $(OPT) -ffreestanding -fno-stack-protector \
	-fno-strict-aliasing -ffunction-sections -fdata-sections \
	-nostdinc -isystem $(GCC_INCLUDE) -Iinclude/libc -Iinclude $(DEP_INCLUDES)

# Sanitized builds (unit tests, fuzz targets): the code under test (core,
# lwIP, mbedTLS, src/libc) is compiled as in the firmware, freestanding
# against our own libc headers, and linked with our libc ahead of glibc's,
# so its string, number and printf functions are ours; malloc stays the
# sanitizer's, which sees every heap misuse (our heap has no redzones).
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
SAN_LIB_CFLAGS := -std=gnu11 -ffreestanding -fno-strict-aliasing \
	-Iinclude/libc -Iinclude $(DEP_INCLUDES) $(TLS_CFLAGS) $(DIAG_CFLAGS)
# The test programs and their stubs themselves are hosted (glibc, cmocka).
SAN_TEST_CFLAGS := -std=gnu11 -Iinclude $(DEP_INCLUDES) $(TLS_CFLAGS) \
	$(DIAG_CFLAGS) -Itests/unit
UNIT_CFLAGS := $(SAN_FLAGS) -nostdinc -isystem $(GCC_INCLUDE) $(SAN_LIB_CFLAGS)
# (MBEDTLS_SUITES: mbedTLS's test data, whose vectors tests/unit/suite_data.c reads)
UNIT_TEST_CFLAGS := $(SAN_FLAGS) $(SAN_TEST_CFLAGS) \
	'-DMBEDTLS_SUITES="$(MBEDTLS)/tests/suites"'

# --- Dependencies and packages ---------------------------------------------

$(BUILD)/.packages-build:
	$(Q)scripts/need-packages.sh $(BUILD_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

$(BUILD)/.packages-check:
	$(Q)scripts/need-packages.sh $(CHECK_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

$(DEPS)/%/.unpacked: scripts/deps.list | $(BUILD)/.packages-build
	$(Q)scripts/fetch-deps.sh $*

DEPS_READY := $(LWIP)/.unpacked $(MBEDTLS)/.unpacked

# Fetch every pinned dependency (gnu-efi is used by the UEFI images).
deps: $(DEPS_READY) $(DEPS)/gnu-efi/.unpacked

# Dependency sources appear when their package is unpacked.
$(DEP_SRCS) $(MBEDTLS_TLS_SRCS): | $(DEPS_READY)
	@:

# --- Linux-process build ---------------------------------------------------

LINUX_OBJ := $(BUILD)/linux
LINUX_OBJS := $(patsubst %,$(LINUX_OBJ)/%.o,$(CORE_SRCS) $(LIBC_SRCS) \
	$(call feature_srcs,$(LINUX_FEATURES_lwpxe)) $(LINUX_SRCS) \
	$(LINUX_DRIVERS_lwpxe) $(DEP_SRCS)) \
	$(LINUX_OBJ)/embedded.o

$(LINUX_OBJ)/%.c.o: %.c | $(DEPS_READY)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)gcc $(FW_CFLAGS) $(TLS_CFLAGS) $(DIAG_CFLAGS) \
		$(if $(filter $(BUILD)/%,$<),-w,$(WARN)) -MMD -MP -c $< -o $@

# (rebuilt together when the flags may have changed: aes.c must align the
# round keys exactly when aesni.c reads them with aligned loads)
$(patsubst %,$(LINUX_OBJ)/%.o,$(AESNI_SRCS)): Makefile
$(patsubst %,$(LINUX_OBJ)/%.o,$(AESNI_SRCS)): FW_CFLAGS += $(AESNI_CFLAGS)
$(LINUX_OBJ)/$(MBEDTLS)/library/aesni.c.o: FW_CFLAGS += $(AESNI_ONLY_CFLAGS)

$(LINUX_OBJ)/%.S.o: %.S
	@mkdir -p $(@D)
	@$(if $(Q),echo "  AS      $<")
	$(Q)gcc $(FW_CFLAGS) -c $< -o $@

# $(call embed_rules,DIR,SCRIPTS,CFLAGS): DIR/embedded.o holds SCRIPTS
# (comma-separated), rebuilt when the list changes between runs.
define embed_rules
$(1)/embed.list: FORCE
	@mkdir -p $$(@D)
	@echo "$(2)" | cmp -s - $$@ || echo "$(2)" > $$@

$(1)/embedded.c: $(1)/embed.list $(subst $(comma),$(space),$(2))
	$$(Q)scripts/embed.sh $$@ $(2)

$(1)/embedded.o: $(1)/embedded.c
	$$(Q)gcc $(3) $$(WARN) -c $$< -o $$@
endef

$(eval $(call embed_rules,$(LINUX_OBJ),$(EMBED),$(FW_CFLAGS)))

# The trust store: DER certificates in a C source, rebuilt when TRUST, CERT
# or PRIVKEY change between runs, or the files (or the default folder) do.
TRUST_DEFAULT := /usr/share/ca-certificates/mozilla
$(BUILD)/trust/trust.list: FORCE
	@mkdir -p $(@D)
	@echo "$(TRUST)|$(CERT)|$(PRIVKEY)" | cmp -s - $@ || \
		echo "$(TRUST)|$(CERT)|$(PRIVKEY)" > $@

$(TRUST_GEN): $(BUILD)/trust/trust.list scripts/trust.py \
		$(subst $(comma),$(space),$(TRUST)) $(CERT) $(PRIVKEY) \
		$(if $(TRUST),,$(wildcard $(TRUST_DEFAULT))) | $(BUILD)/.packages-build
	@$(if $(Q),echo "  TRUST   $@")
	$(Q)scripts/trust.py $@ "$(TRUST)" "$(CERT)" "$(PRIVKEY)"

bin-x86_64-linux/lwpxe: $(LINUX_OBJS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)gcc -nostdlib -static -no-pie -Wl,--gc-sections \
		$(addprefix -Wl$(comma),$(X86_64_LDFLAGS)) -o $@ $^ -lgcc

# --- Other platforms: each adds its rules in its own fragment ---------------

-include $(wildcard arch/*/*.mk arch/*/*/*.mk)

# --- Unit tests ------------------------------------------------------------

# Sources of the sanitized builds: src/libc without malloc.c (see SAN_FLAGS)
SAN_CORE_SRCS := $(CORE_SRCS) $(call feature_srcs,$(FEATURE_DIRS))
SAN_LIBC_SRCS := $(filter-out src/libc/malloc.c,$(LIBC_SRCS))

# $(call san_build_rules,DIR,CC,LIB_CFLAGS,TEST_CFLAGS,PACKAGES): DIR/libcore.a,
# DIR/libdeps.a and DIR/liblibc.a from the sources above, compiled by CC
# with LIB_CFLAGS; DIR/tests/... from tests/... with TEST_CFLAGS; PACKAGES
# is the stamp of the Debian packages CC needs.  DIR/flags records the
# compiler and flags: when they change, everything in DIR is rebuilt.
define san_build_rules
$(1)/flags: FORCE
	@mkdir -p $$(@D)
	@echo "$(2) $(3) $(4)" | cmp -s - $$@ || echo "$(2) $(3) $(4)" > $$@

$(1)/%.c.o: %.c $(1)/flags | $$(DEPS_READY) $(5)
	@mkdir -p $$(@D)
	@$$(if $$(Q),echo "  CC      $$< ($(notdir $(1)))")
	$$(Q)$(2) $(3) $$(if $$(filter $$(BUILD)/%,$$<),-w,$$(WARN)) \
		-MMD -MP -c $$< -o $$@

$(1)/%.S.o: %.S $(1)/flags | $$(DEPS_READY) $(5)
	@mkdir -p $$(@D)
	@$$(if $$(Q),echo "  AS      $$< ($(notdir $(1)))")
	$$(Q)$(2) -c $$< -o $$@

$(1)/tests/%.c.o: tests/%.c $(1)/flags | $$(DEPS_READY) $(5)
	@mkdir -p $$(@D)
	@$$(if $$(Q),echo "  CC      $$< ($(notdir $(1)))")
	$$(Q)$(2) $(4) $$(WARN) -MMD -MP -c $$< -o $$@

$(1)/libcore.a: $$(patsubst %,$(1)/%.o,$$(SAN_CORE_SRCS))
	$$(Q)rm -f $$@ && ar rcs $$@ $$^

$(1)/libdeps.a: $$(patsubst %,$(1)/%.o,$$(DEP_SRCS))
	$$(Q)rm -f $$@ && ar rcs $$@ $$^

$(1)/liblibc.a: $$(patsubst %,$(1)/%.o,$$(SAN_LIBC_SRCS))
	$$(Q)rm -f $$@ && ar rcs $$@ $$^
endef

# Link flags for a program over a sanitized build in DIR: the core and our
# libc whole (every registration table entry is there, and our libc's
# functions come before glibc's), lwIP and mbedTLS as needed
san_link = -Wl,--whole-archive $(1)/libcore.a $(1)/liblibc.a \
	-Wl,--no-whole-archive $(1)/libdeps.a

UNIT_OBJ := $(BUILD)/unit
UNIT_TESTS := $(patsubst tests/unit/%.c,$(UNIT_OBJ)/%,\
	$(wildcard tests/unit/test_*.c))
$(eval $(call san_build_rules,$(UNIT_OBJ),gcc,$(UNIT_CFLAGS),\
	$(UNIT_TEST_CFLAGS),$(BUILD)/.packages-check))

# platform_stub.o stands in for the platform, fake_nic.o is a NIC driver
# for the tests that need one.
UNIT_SUPPORT_OBJS := $(UNIT_OBJ)/tests/unit/platform_stub.c.o \
	$(UNIT_OBJ)/tests/unit/fake_nic.c.o $(UNIT_OBJ)/tests/unit/suite_data.c.o \
	$(UNIT_OBJ)/tests/unit/sequence.c.o
# A test may link platform code of the machine it runs on besides
# (UNIT_ARCH_<test>: its sources), to check it where the CPU allows.
UNIT_ARCH_test_crc32c := arch/x86/core/crc32c.c arch/x86/core/cpuid.c
UNIT_ARCH_test_gcm := arch/x86/core/gcm_x86_64.c arch/x86/core/cpuid.c
UNIT_ARCH_test_memory := arch/x86/core/memcpy_x86_64.S
unit_arch_objs = $(patsubst %,$(UNIT_OBJ)/%.o,$(UNIT_ARCH_$(1)))
$(UNIT_OBJ)/test_crc32c: $(call unit_arch_objs,test_crc32c)
$(UNIT_OBJ)/test_gcm: $(call unit_arch_objs,test_gcm)
$(UNIT_OBJ)/test_memory: $(call unit_arch_objs,test_memory)
# A test may link with options of its own (UNIT_LDFLAGS_<test>): with
# -Wl,--wrap=NAME the code under test calls the test's __wrap_NAME.
UNIT_LDFLAGS_test_lwip_rand := -Wl,--wrap=random_u32
$(UNIT_OBJ)/test_%: $(UNIT_OBJ)/tests/unit/test_%.c.o $(UNIT_OBJ)/libcore.a \
		$(UNIT_OBJ)/liblibc.a $(UNIT_OBJ)/libdeps.a $(UNIT_SUPPORT_OBJS)
	$(Q)gcc $(SAN_FLAGS) $(UNIT_LDFLAGS_$(@F)) -o $@ $< $(UNIT_SUPPORT_OBJS) \
		$(call unit_arch_objs,$(@F)) $(call san_link,$(UNIT_OBJ)) -lcmocka

check-unit: $(UNIT_TESTS)
	$(Q)scripts/run-unit-tests.sh $(UNIT_TESTS)

# --- Fuzz targets (libFuzzer over the same sanitized build) ------------------

include tests/fuzz/fuzz.mk

# --- Host tests (the Linux build against real servers in a namespace) -------

check-host: bin-x86_64-linux/lwpxe $(BUILD)/.packages-check
	$(Q)tests/host/run.sh

# make check: install what the tests need, then run the test groups two at a
# time (CHECK_JOBS; most are single-threaded QEMU runs), each group's output
# printed whole when it ends, and the failures once more at the very end.
CHECK_JOBS ?= 2
CHECK_PACKAGES_ALL := $(BUILD)/.packages-check $(BUILD)/.packages-efi-qemu \
	$(BUILD)/.packages-efi-sanboot $(BUILD)/.packages-efi-linux \
	$(BUILD)/.packages-efi-netimg $(BUILD)/.packages-efi-shim \
	$(BUILD)/.packages-pcbios-qemu \
	$(BUILD)/.packages-fuzz

check: $(CHECK_PACKAGES_ALL)
	$(Q)scripts/run-check.sh $(BUILD)/check.log \
		$(MAKE) --no-print-directory -j$(CHECK_JOBS) -O check-groups

check-groups: check-unit check-fuzz check-host check-qemu check-qemu-bios check-demo

# --- The demo: the reference scenario on one machine (tests/demo/demo.sh) ----

PLATFORM ?= pcbios
NIC ?= e1000
FAULT ?=
DEMO_pcbios := $(PCBIOS_OBJ)/demo/ipxe.usb $(PCBIOS_OBJ)/linux/lu.img
DEMO_efi := $(EFI_OBJ)/demo/ipxe.usb $(EFI_OBJ)/linux/lu.img
ifeq ($(DEMO_$(PLATFORM)),)
demo:
	$(error PLATFORM=$(PLATFORM): use pcbios or efi)
else
demo: $(DEMO_$(PLATFORM)) $(BUILD)/.packages-check $(BUILD)/.packages-$(PLATFORM)-qemu
	$(Q)NIC=$(NIC) FAULT=$(FAULT) tests/demo/demo.sh $(PLATFORM) $(DEMO_$(PLATFORM))
endif

# make check: the demo in its checking form, and each fault's one line
# (each a target of its own, so that make check runs them side by side)
DEMO_FAULTS := nodhcp nolink noroot dns unreachable refused notarget chap \
	nolun noboot ibft
check-demo: check-demo-boot $(addprefix check-demo-,$(DEMO_FAULTS))

check-demo-boot: $(DEMO_pcbios) $(BUILD)/.packages-check $(BUILD)/.packages-pcbios-qemu
	$(Q)DEMO_CHECK=1 tests/demo/demo.sh pcbios $(DEMO_pcbios)

$(addprefix check-demo-,$(DEMO_FAULTS)): check-demo-%: $(DEMO_pcbios) \
		$(BUILD)/.packages-check $(BUILD)/.packages-pcbios-qemu
	$(Q)DEMO_CHECK=1 FAULT=$* tests/demo/demo.sh pcbios $(DEMO_pcbios)

# --- Benchmarks (figures and ratios, not pass/fail) ------------------------

bench: bin-x86_64-linux/lwpxe $(BUILD)/.packages-check $(BUILD)/.packages-bench
	$(Q)tests/bench/host.sh
	$(Q)$(MAKE) --no-print-directory bench-efi
	$(Q)$(MAKE) --no-print-directory bench-bios

$(BUILD)/.packages-bench:
	$(Q)scripts/need-packages.sh $(BENCH_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

clean: clean-efi clean-pcbios
	rm -rf $(BUILD)/linux $(BUILD)/unit $(BUILD)/fuzz bin-x86_64-linux

distclean: clean
	rm -rf $(BUILD)

.PHONY: all deps bench check check-groups check-unit check-host check-demo check-demo-boot \
	$(addprefix check-demo-,$(DEMO_FAULTS)) demo clean distclean FORCE
.DELETE_ON_ERROR:
.SECONDARY:

-include $(shell find $(BUILD)/linux $(BUILD)/unit $(BUILD)/fuzz -name '*.d' 2>/dev/null)
