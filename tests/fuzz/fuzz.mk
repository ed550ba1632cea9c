# Fuzz targets (tests/fuzz/fuzz_NAME.c): libFuzzer with ASan and UBSan over
# the unit tests' sanitized build (san_build_rules in the Makefile: the
# same sources against our libc headers, our src/libc linked ahead of
# glibc's), compiled by clang with coverage for the fuzzer (but for the
# arithmetic tests/fuzz/nocoverage.txt names).  One exception
# to "ours": clang 14's ASan turns memcpy/memset/memmove into its own
# checked versions, so src/libc/memory.c is checked by the unit tests only.
#
#   make check-fuzz                    replay each corpus, then a fixed
#                                      number of runs from a fixed seed
#   make fuzz [FUZZ_TIME=s] [TARGET=name]
#                                      fuzz each target (or one) for s
#                                      seconds (60), keeping what is found
#                                      under build/fuzz/found/

FUZZ_PACKAGES := clang-14 libclang-rt-14-dev
FUZZ_CC := clang-14
FUZZ_OBJ := $(BUILD)/fuzz
FUZZ_SAN_FLAGS := $(SAN_FLAGS) -fsanitize=fuzzer-no-link \
	-fsanitize-coverage-ignorelist=tests/fuzz/nocoverage.txt
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS := $(addprefix $(FUZZ_OBJ)/fuzz_,$(FUZZ_NAMES))
FUZZ_TIME ?= 60
TARGET ?=

$(BUILD)/.packages-fuzz:
	$(Q)scripts/need-packages.sh $(FUZZ_PACKAGES)
	$(Q)mkdir -p $(@D) && touch $@

# (-nostdlibinc: no system headers, but clang's own stddef.h, stdint.h...)
$(eval $(call san_build_rules,$(FUZZ_OBJ),$(FUZZ_CC),$(FUZZ_SAN_FLAGS) \
	-nostdlibinc $(SAN_LIB_CFLAGS),$(FUZZ_SAN_FLAGS) $(SAN_TEST_CFLAGS),\
	$(BUILD)/.packages-fuzz))

# What every target links besides its own file: the shared harness, and
# the unit tests' fake platform and NIC
FUZZ_SUPPORT_OBJS := $(FUZZ_OBJ)/tests/fuzz/harness.c.o \
	$(FUZZ_OBJ)/tests/unit/platform_stub.c.o \
	$(FUZZ_OBJ)/tests/unit/fake_nic.c.o
# Link flags of single targets (FUZZ_LDFLAGS_<name>): the TLS target
# gives the code under test its own fixed random numbers
FUZZ_LDFLAGS_tls := -Wl,--wrap=random_bytes
$(FUZZ_OBJ)/fuzz_%: $(FUZZ_OBJ)/tests/fuzz/fuzz_%.c.o $(FUZZ_OBJ)/libcore.a \
		$(FUZZ_OBJ)/liblibc.a $(FUZZ_OBJ)/libdeps.a $(FUZZ_SUPPORT_OBJS)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(FUZZ_CC) $(SAN_FLAGS) -fsanitize=fuzzer $(FUZZ_LDFLAGS_$*) -o $@ $< \
		$(FUZZ_SUPPORT_OBJS) $(call san_link,$(FUZZ_OBJ))

fuzz-build: $(FUZZ_BINS)

# The TLS target's inputs each cost a key exchange, and those that keep a
# recorded handshake whole a certificate check too (up to 70 ms): check
# runs it fewer times than the others
check-fuzz: $(FUZZ_BINS)
	$(Q)FUZZ_RUNS_tls=$${FUZZ_RUNS:-1000} tests/fuzz/run.sh check $(FUZZ_BINS)

fuzz: $(if $(TARGET),$(FUZZ_OBJ)/fuzz_$(TARGET),$(FUZZ_BINS))
	$(Q)FUZZ_TIME=$(FUZZ_TIME) tests/fuzz/run.sh fuzz $^

.PHONY: fuzz fuzz-build check-fuzz
