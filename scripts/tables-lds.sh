#!/bin/sh
# Linker-script lines that keep every registration table (TABLE_DECLARE in
# the given headers) between its __start_ and __stop_ symbols.
#
# usage: scripts/tables-lds.sh ALIGN HEADER... > tables.lds
set -eu

align=$1
shift
grep -ho 'TABLE_DECLARE([a-z_0-9]*)' "$@" | grep -v '(table)' | sort -u |
	sed "s/TABLE_DECLARE(\(.*\))/. = ALIGN($align); __start_\1 = .; KEEP(*(\1)) __stop_\1 = .;/"
