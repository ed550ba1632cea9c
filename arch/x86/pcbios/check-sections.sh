#!/bin/sh
# Fail if the linked BIOS image has an allocated, non-empty section other
# than .setup, .payload and .bss: objcopy would put it in the file at a
# wrong place (for instance a registration table missing from tables.lds).
#
# usage: arch/x86/pcbios/check-sections.sh IMAGE.elf
set -eu

objdump -h "$1" | awk -v elf="$1" '
	/^ +[0-9]+ / { name = $2; size = $3; getline
		if (/ALLOC/ && size !~ /^0+$/ && name !~ /^\.(setup|payload|bss)$/) {
			print elf ": section " name " is not placed by pcbios.lds"
			bad = 1
		} }
	END { exit bad }'
