#!/bin/sh
# Compress the BIOS firmware for the decompressing .lkrn (unpack.S,
# unpack.c, unlzma.c): the .payload section of IPXE.elf (the 32-bit part,
# linked at 32 MiB) followed by its relocation table goes through xz's
# x86 branch filter and LZMA (raw, preset 9e), and CHECK (unpack_check.c:
# the same decoder, built for the host) must give it back.  OUT.o holds 5
# LZMA property bytes and that data in section .unpack_blob, and OUT.lds
# (beside it, for unpack.lds) gives the firmware's link address, size,
# unpacked size with the table, end with .bss and entry.
#
# usage: mkpack.sh IPXE.elf OUT.o CHECK
set -eu

elf=$1 out=$2 check=$3
lds=${out%.o}.lds
dir=$(dirname "$out")
tmp=$dir/pack.tmp

die() {
	echo "mkpack: $*" >&2
	rm -rf "$tmp"
	exit 1
}

# sym NAME: the value of symbol NAME in the ELF file, as 0x...
sym() {
	v=$(nm -P "$elf" | awk -v n="$1" '$1 == n { print $3 }')
	[ -n "$v" ] || die "$elf: no symbol $1"
	echo "0x$v"
}

# LZMA properties: lc=3 literal context bits, lp=0, pb=0 (x86 code has no
# 4-byte rhythm: about 150 bytes less than xz's pb=2 on undionly.kpxe), as
# one byte ((pb * 5 + lp) * 9 + lc); the dictionary covers the whole firmware.
lc=3 lp=0 pb=0
rm -rf "$tmp" && mkdir -p "$tmp"
objcopy -O binary -j .payload "$elf" "$tmp/payload.bin"
size=$(wc -c < "$tmp/payload.bin")
[ "$size" -gt 0 ] || die "$elf: empty .payload section"

# The relocation table, for unpack.c to move the firmware from its link
# address (pcbios.lds) to the top of memory: the offsets in the firmware
# of the 32-bit words that hold addresses inside it
# (R_386_32 against a symbol between _payload and _end; the link kept
# them, --emit-relocs).  A relative reference (R_386_PC32) to anything
# outside would break when the firmware moves: refuse it.
start=$(sym _payload) end=$(sym _end)
readelf -rW "$elf" | awk -v start=$((start)) -v end=$((end)) -v elf="$elf" '
	function hex(s,   i, n) {
		n = 0
		for (i = 1; i <= length(s); i++)
			n = n * 16 + index("0123456789abcdef", substr(tolower(s), i, 1)) - 1
		return n
	}
	/^Relocation section/ { in_payload = ($3 == "'"'"'.rel.payload'"'"'") ; next }
	!in_payload || $3 !~ /^R_386_/ { next }
	{
		off = hex($1); val = hex($4)
		inside = (val >= start && val <= end)
		if ($3 == "R_386_32") { if (inside) print off - start }
		else if ($3 == "R_386_PC32") {
			if (!inside) { print elf ": relative reference to " $5 " outside the firmware" > "/dev/stderr"; exit 1 }
		} else if ($3 != "R_386_NONE") {
			print elf ": relocation " $3 " at " $1 " cannot be moved" > "/dev/stderr"; exit 1
		}
	}' > "$tmp/relocs.txt" || die "$elf: the firmware cannot be moved"
[ -s "$tmp/relocs.txt" ] || die "$elf: no relocations (linked without --emit-relocs?)"
# The table: their count (32 bits), then each offset, in increasing order,
# as its distance from the previous one (the first: from 0) in 7-bit
# groups, low first, bit 7 set on all but the last (most take one byte, and
# they compress far better than 32-bit offsets: 1.2 KB less in
# undionly.kpxe).
# shellcheck disable=SC2046  # one argument per offset
perl -e 'print pack("V", scalar(@ARGV)); my $prev = 0;
	for my $off (sort { $a <=> $b } @ARGV) {
		my $d = $off - $prev; $prev = $off;
		while ($d >= 0x80) { print chr(($d & 0x7f) | 0x80); $d >>= 7 }
		print chr($d);
	}' $(cat "$tmp/relocs.txt") >> "$tmp/payload.bin"
unpacked=$(wc -c < "$tmp/payload.bin")
dict=4096
while [ "$dict" -lt "$unpacked" ]; do dict=$((dict * 2)); done

# shellcheck disable=SC2059  # the format is made of escapes on purpose
{
	printf "$(printf '\\%03o' $(((pb * 5 + lp) * 9 + lc)))"
	printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((dict & 255)) \
		$((dict >> 8 & 255)) $((dict >> 16 & 255)) $((dict >> 24 & 255)))"
	xz -c --format=raw --x86 \
		--lzma1=preset=9e,lc=$lc,lp=$lp,pb=$pb,dict=$dict \
		"$tmp/payload.bin" || die "xz failed"
} > "$tmp/payload.lz"
"$check" "$tmp/payload.lz" "$tmp/payload.bin" ||
	die "our decoder does not give back what xz compressed"

cat > "$lds.tmp" <<-EOF
	/* written by mkpack.sh from $elf: the firmware the .lkrn unpacks */
	unpack_payload_start = $(sym _payload);
	unpack_payload_size = $size;
	unpack_payload_unpacked = $unpacked;
	unpack_payload_end = $(sym _end);
	unpack_payload_entry = $(sym pcbios_start32);
EOF
# a fixed input name keeps objcopy's _binary_* symbols the same for every image
(cd "$tmp" && objcopy -I binary -O elf32-i386 -B i386 \
	--rename-section .data=.unpack_blob,alloc,load,readonly,data,contents \
	payload.lz payload.o) || die "objcopy failed"
mv "$lds.tmp" "$lds"
mv "$tmp/payload.o" "$out"
rm -rf "$tmp"
