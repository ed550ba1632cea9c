#!/bin/sh
# Run the libFuzzer targets.  Each target's seed corpus is
# tests/fuzz/corpus/NAME/ for the binary build/fuzz/fuzz_NAME.
#
# usage: tests/fuzz/run.sh check BIN...   replay every corpus file, then
#                                         FUZZ_RUNS (5000) runs from seed 1
#                                         (FUZZ_RUNS_NAME, if set, for
#                                         target NAME)
#        tests/fuzz/run.sh fuzz BIN...    fuzz each for FUZZ_TIME seconds
#                                         (60), keeping new inputs in
#                                         build/fuzz/found/NAME/corpus
# Crashing inputs are kept as build/fuzz/found/NAME-crash-*; a crash, leak,
# sanitizer report or hang (over 10 s) fails with the target and input named.
set -u

mode=$1
shift
runs=${FUZZ_RUNS:-5000}
time=${FUZZ_TIME:-60}
found=build/fuzz/found
log=$(mktemp)
trap 'rm -f "$log"' EXIT
mkdir -p "$found"
passed=0 failed=0 failures=

# Print the sanitizer's report from the log and say which input failed
report() {
	name=$1 what=$2
	sed -n '/ERROR:\|runtime error:\|ALARM:\|deadly signal\|out-of-memory/,/^SUMMARY/p' \
		"$log" | grep -v '^ *$' | head -40
	echo "fuzz: $name: FAILED on $what"
	failed=$((failed + 1))
	failures="$failures $name"
}

# Number of files in folder $1
count() {
	find "$1" -type f | wc -l
}

# The artifact libFuzzer wrote for the failing input, from its log
artifact() {
	sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1
}

for bin in "$@"; do
	name=${bin##*/fuzz_}
	corpus=tests/fuzz/corpus/$name
	opts="-timeout=10 -artifact_prefix=$found/$name-"
	if [ ! -d "$corpus" ] || [ "$(count "$corpus")" = 0 ]; then
		echo "fuzz: $name: no seed corpus in $corpus"
		failed=$((failed + 1)) failures="$failures $name"
		continue
	fi
	if [ "$mode" = check ]; then
		# shellcheck disable=SC2086
		if ! "$bin" $opts "$corpus"/* >"$log" 2>&1; then
			input=$(sed -n 's/^Running: //p' "$log" | tail -1)
			report "$name" "corpus input $input"
			continue
		fi
		new=$(mktemp -d)
		n=$runs
		eval "n=\${FUZZ_RUNS_$name:-$runs}"
		# shellcheck disable=SC2086
		"$bin" $opts -seed=1 -runs="$n" "$new" "$corpus" >"$log" 2>&1
		rc=$?
		rm -rf "$new"
		if [ $rc != 0 ]; then
			report "$name" "input $(artifact) (-seed=1 -runs=$n; reproduce: $bin $(artifact))"
			continue
		fi
		echo "fuzz: $name: $(count "$corpus") corpus inputs and $n runs, no failure"
	else
		mkdir -p "$found/$name/corpus"
		# shellcheck disable=SC2086
		if ! "$bin" $opts -max_total_time="$time" "$found/$name/corpus" \
				"$corpus" >"$log" 2>&1; then
			report "$name" "input $(artifact) (reproduce: $bin $(artifact))"
			continue
		fi
		echo "fuzz: $name: $(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) .*/\1 runs in \2 s/p' "$log"), no failure; corpus $found/$name/corpus ($(count "$found/$name/corpus") inputs)"
	fi
	passed=$((passed + 1))
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ] || { echo "fuzz: failing targets:$failures"; exit 1; }
