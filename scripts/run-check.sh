#!/bin/sh
# Run COMMAND (make check's test groups) with its output kept in LOG too;
# when it fails, print again at the end the lines that say what failed,
# since the output of the groups that ended later comes after them.
#
# usage: scripts/run-check.sh LOG COMMAND...
log=$1
shift
mkdir -p "$(dirname "$log")"
{
	"$@" 2>&1
	echo $? > "$log.rc"
} | tee "$log"
rc=$(cat "$log.rc")
rm -f "$log.rc"
if [ "$rc" != 0 ]; then
	echo "== make check failed (exit status $rc); the failures again (all output in $log):"
	grep -E '^FAIL |^\[  FAILED  \]|^unit: failing|^fuzz: .*FAILED|did not start|\*\*\* \[' "$log" || true
fi
exit "$rc"
