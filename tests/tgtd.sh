# shellcheck shell=sh
# Sourced by tests/host/lib.sh and tests/qemu/lib.sh: the control port of
# this script's tgtd (tgtadm -C N), and tgtadm on it.  One tgtd holds each
# port (the lock /var/run/tgtd/socket.N.lock; a second one exits at once),
# and make check runs test scripts side by side, so each takes its process
# ID, mapped one to one onto 1-32767 (tgtadm's range): while process IDs
# stay below 32768 (kernel.pid_max 32768, as on the machines the tests run
# on) no two live scripts share a port; with larger IDs, two 32767 apart
# would.
# shellcheck disable=SC2034 # read by the files that source this one
TGTD_CTL=$(( $$ % 32767 + 1 ))

# tgt ARGS...: tgtadm on our tgtd.
tgt() {
	tgtadm -C "$TGTD_CTL" --lld iscsi "$@"
}

# tgtd_answers: zero if our tgtd answers tgtadm.
tgtd_answers() {
	tgt --op show --mode sys >/dev/null 2>&1
}
