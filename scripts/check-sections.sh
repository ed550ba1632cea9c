#!/bin/sh
# Fail if a linked image has an allocated, non-empty section other than the
# ones its linker script places: objcopy would drop it or put it at a wrong
# place (for instance a registration table missing from tables.lds).
#
# usage: scripts/check-sections.sh IMAGE 'SECTION|SECTION|...'
set -eu

objdump -h "$1" | awk -v image="$1" -v keep="^($2)\$" '
	/^ +[0-9]+ / { name = $2; size = $3; getline
		if (/ALLOC/ && size !~ /^0+$/ && name !~ keep) {
			print image ": section " name " is not placed by the linker script"
			bad = 1
		} }
	END { exit bad }'
