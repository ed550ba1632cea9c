#!/bin/sh
# Make a PXE network boot program (bin/ipxe.pxe, bin/undionly.kpxe): the
# prefix (pxeprefix.S, whole sectors) followed by the .lkrn it loads.  The
# last 256 bytes of the prefix are its command-line field: COMMAND-LINE is
# written there (NUL-terminated; none if empty).
#
# usage: mkpxe.sh PREFIX.bin IMAGE.lkrn OUT [COMMAND-LINE]
set -eu

prefix=$1 lkrn=$2 out=$3 cmdline=${4:-}
field=256                       # pxeprefix.S PXE_CMDLINE_MAX

die() {
	echo "mkpxe: $*" >&2
	rm -f "$out.tmp"
	exit 1
}

psize=$(wc -c < "$prefix")
if [ "$psize" -le "$field" ] || [ $((psize % 512)) != 0 ]; then
	die "$prefix: not a PXE prefix of whole sectors"
fi
[ "$(wc -c < "$lkrn")" -gt 512 ] || die "$lkrn: too small for a Linux kernel image"
[ ${#cmdline} -lt "$field" ] || die "command line longer than $((field - 1)) bytes"

cp "$prefix" "$out.tmp"
printf '%s' "$cmdline" |
	dd of="$out.tmp" bs=1 seek=$((psize - field)) conv=notrunc status=none
cat "$lkrn" >> "$out.tmp"
mv "$out.tmp" "$out"
