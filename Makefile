# lwpxe top-level Makefile.
#
#   make                        build every image: the Linux-process build,
#                               the UEFI images (bin-x86_64-efi/) and the BIOS
#                               ones made so far (bin/ipxe.lkrn, bin/ipxe.usb)
#   make bin-x86_64-linux/lwpxe the Linux-process build
#   make check                  unit tests (cmocka, ASan/UBSan), host tests,
#                               and the QEMU tests
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
FEATURE_DIRS := net/http net/http/range net/tls net/ntp net/diag src/trust src/menu src/ibft/show src/san/sanread src/smbios
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
MBEDTLS_TLS_SRCS := $(addprefix $(MBEDTLS)/library/,aesni.c chacha20.c \
	chachapoly.c cipher.c cipher_wrap.c ecdh.c gcm.c hkdf.c poly1305.c \
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
# (Linux and UEFI): mbedTLS then uses its AES-NI and PCLMULQDQ intrinsics
# (aligned round keys, GHASH by carry-less multiply) instead of its older
# inline assembly.  The compiler emits those instructions only where the
# intrinsics are written, and mbedTLS runs them only after CPUID says the
# CPU has them (mbedtls_aesni_has_support), so other CPUs keep the tables.
# aesni.c also gets SSSE3 (byte swaps in one PSHUFB): apart from that CPUID
# check, its code runs only on CPUs with AES-NI, which all have SSSE3.
AESNI_SRCS := $(addprefix $(MBEDTLS)/library/,aes.c aesni.c gcm.c)
AESNI_CFLAGS := -maes -mpclmul
AESNI_ONLY_CFLAGS := -mssse3
DEP_SRCS := $(LWIP_SRCS) $(MBEDTLS_SRCS)

# x86_64 code shared by the Linux and UEFI builds (not the 32-bit BIOS ones):
# a REP MOVSB memcpy that their links put in place of src/libc's
X86_64_SRCS := arch/x86/core/memcpy_x86_64.S
X86_64_LDFLAGS := --wrap=memcpy
LINUX_SRCS := $(wildcard arch/linux/*.c arch/linux/*.S) drivers/net/tap.c \
	arch/x86/core/cpuid.c \
	$(X86_64_SRCS)
LINUX_FEATURES := $(FEATURE_DIRS)

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

# Hosted (glibc) for unit tests, with sanitizers.
UNIT_CFLAGS := -std=gnu11 -O1 -g -fsanitize=address,undefined \
	-fno-omit-frame-pointer -fno-sanitize-recover=undefined \
	-Iinclude $(DEP_INCLUDES) $(TLS_CFLAGS) $(DIAG_CFLAGS) -Itests/unit

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
	$(call feature_srcs,$(LINUX_FEATURES)) $(LINUX_SRCS) $(DEP_SRCS)) \
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

UNIT_OBJ := $(BUILD)/unit
UNIT_CORE_OBJS := $(patsubst %,$(UNIT_OBJ)/%.o,$(CORE_SRCS) \
	$(call feature_srcs,$(FEATURE_DIRS)))
UNIT_DEP_OBJS := $(patsubst %,$(UNIT_OBJ)/%.o,$(DEP_SRCS))
UNIT_TESTS := $(patsubst tests/unit/%.c,$(UNIT_OBJ)/%,\
	$(wildcard tests/unit/test_*.c))

$(UNIT_OBJ)/%.c.o: %.c | $(DEPS_READY) $(BUILD)/.packages-check
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $< (unit)")
	$(Q)gcc $(UNIT_CFLAGS) $(if $(filter $(BUILD)/%,$<),-w,$(WARN)) \
		-MMD -MP -c $< -o $@

$(UNIT_OBJ)/libcore.a: $(UNIT_CORE_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

$(UNIT_OBJ)/libdeps.a: $(UNIT_DEP_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

# The core is linked whole, as in the firmware, so every command, setting
# and protocol in the registration tables is there; platform_stub.o stands
# in for the platform (and replaces glibc's printf family), fake_nic.o is
# a NIC driver for the tests that need one.
UNIT_SUPPORT_OBJS := $(UNIT_OBJ)/tests/unit/platform_stub.c.o \
	$(UNIT_OBJ)/tests/unit/fake_nic.c.o
$(UNIT_OBJ)/test_%: $(UNIT_OBJ)/tests/unit/test_%.c.o $(UNIT_OBJ)/libcore.a \
		$(UNIT_OBJ)/libdeps.a $(UNIT_SUPPORT_OBJS)
	$(Q)gcc $(UNIT_CFLAGS) -o $@ $< $(UNIT_SUPPORT_OBJS) \
		-Wl,--whole-archive $(UNIT_OBJ)/libcore.a -Wl,--no-whole-archive \
		$(UNIT_OBJ)/libdeps.a -lcmocka

check-unit: $(UNIT_TESTS)
	$(Q)scripts/run-unit-tests.sh $(UNIT_TESTS)

# --- Host tests (the Linux build against real servers in a namespace) -------

check-host: bin-x86_64-linux/lwpxe $(BUILD)/.packages-check
	$(Q)tests/host/run.sh

check: check-unit check-host check-qemu check-qemu-bios check-demo

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

# make check: the demo in its checking form, and the faults the BIOS
# bad-input test does not already show
check-demo: $(DEMO_pcbios) $(BUILD)/.packages-check $(BUILD)/.packages-pcbios-qemu
	$(Q)DEMO_CHECK=1 tests/demo/demo.sh pcbios $(DEMO_pcbios)
	$(Q)for f in noroot dns notarget chap; do \
		DEMO_CHECK=1 FAULT=$$f tests/demo/demo.sh pcbios $(DEMO_pcbios) || exit 1; \
	done

# --- Benchmarks (figures and ratios, not pass/fail) ------------------------

bench: bin-x86_64-linux/lwpxe $(BUILD)/.packages-check $(BUILD)/.packages-bench
	$(Q)tests/bench/host.sh
	$(Q)$(MAKE) --no-print-directory bench-efi
	$(Q)$(MAKE) --no-print-directory bench-bios

$(BUILD)/.packages-bench:
	$(Q)scripts/need-packages.sh $(BENCH_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

clean: clean-efi clean-pcbios
	rm -rf $(BUILD)/linux $(BUILD)/unit bin-x86_64-linux

distclean: clean
	rm -rf $(BUILD)

.PHONY: all deps bench check check-unit check-host check-demo demo clean distclean FORCE
.DELETE_ON_ERROR:
.SECONDARY:

-include $(shell find $(BUILD)/linux $(BUILD)/unit -name '*.d' 2>/dev/null)
