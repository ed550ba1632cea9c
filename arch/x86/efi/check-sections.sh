#!/bin/sh
# Fail if the linked image has an allocated section that the PE conversion
# would drop (for instance a registration table missing from tables.lds).
#
# usage: arch/x86/efi/check-sections.sh IMAGE.so
set -eu

objdump -h "$1" | awk -v so="$1" '
	/^ +[0-9]+ / { name = $2; getline
		if (/ALLOC/ && name !~ /^\.(hash|gnu\.hash|text|reloc|data|dynamic|rela|dynsym|dynstr)$/) {
			print so ": section " name " would be lost in the PE image"
			bad = 1
		} }
	END { exit bad }'
