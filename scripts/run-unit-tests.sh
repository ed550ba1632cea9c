#!/bin/sh
# Run each unit test program; print one summary line and fail if any failed.
#
# usage: scripts/run-unit-tests.sh TEST...
passed=0 failed=0 failures=
for t in "$@"; do
	if "$t"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures="$failures $(basename "$t")"
	fi
done
echo "unit: $passed passed, $failed failed"
[ "$failed" = 0 ] || { echo "unit: failing programs:$failures"; exit 1; }
