#!/bin/sh
# Run every host test (tests/host/test_*.sh); one summary line at the end.
dir=$(dirname "$0")
out=$(mktemp)
rc=0

# run_one NAME COMMAND...: run one test, print its output and keep it for
# the count; a test that fails without a failure counted (killed before
# its summary line) is counted as one.
run_one() {
	ro_name=$1
	shift
	echo "== $ro_name"
	ro_rc=0
	"$@" > "$out.one" 2>&1 || ro_rc=$?
	if [ "$ro_rc" != 0 ] && ! grep -q '^host: [0-9]* passed, [1-9][0-9]* failed$' "$out.one"; then
		echo "FAIL $ro_name: exit status $ro_rc without a failure counted" >> "$out.one"
		echo "host: 0 passed, 1 failed" >> "$out.one"
	fi
	[ "$ro_rc" = 0 ] || rc=1
	cat "$out.one"
	cat "$out.one" >> "$out"
}

for t in "$dir"/test_*.sh; do
	run_one "$(basename "$t")" sh "$t"
done
# DHCP and iSCSI again through real drivers on device models (lwpxe --net
# nge:tap0): nge on MCP55 (extended descriptors), and on nForce2 (original
# ones) for iSCSI, e1000g on the 82540EM; a 64 MiB LU.
for run in nge:test_dhcp.sh nge:test_iscsi.sh nge/0x0066:test_iscsi.sh \
	e1000g:test_dhcp.sh e1000g:test_iscsi.sh; do
	nic=${run%%:*} t=${run#*:}
	run_one "$t (NIC=$nic)" env NIC="$nic" LU_MB=64 sh "$dir/$t"
done
passed=$(sed -n 's/^host: \([0-9]*\) passed, [0-9]* failed$/\1/p' "$out" | awk '{ n += $1 } END { print n + 0 }')
failed=$(sed -n 's/^host: [0-9]* passed, \([0-9]*\) failed$/\1/p' "$out" | awk '{ n += $1 } END { print n + 0 }')
rm -f "$out" "$out.one"
[ "$failed" = 0 ] || rc=1
echo "host tests: $passed passed, $failed failed"
exit $rc
