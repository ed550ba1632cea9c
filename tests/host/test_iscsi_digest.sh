#!/bin/sh
# iSCSI digests: bin-x86_64-linux/lwpxe against tgtd set for CRC32C header
# and data digests (and one that allows both or none), through
# tests/host/iscsi_proxy.py, which logs what each login offered and chose,
# follows every PDU with those digests, and on its second port damages a
# Data-In's data, then a Data-In's header: 64 MiB reads with the right
# SHA-256, each damage caught and recovered from by reconnecting; a bad
# iscsi-digest value is one line.
. "$(dirname "$0")/lib.sh"

IQN=iqn.2026-11.org.lwpxe
LU=$TMP/lu.img
LU_MB=64
PROXY=3261    # clean; $((PROXY + 1)) damages two PDUs

ns_setup
start_dnsmasq
head -c $((LU_MB * 1048576)) /dev/urandom > "$LU"
LU_SHA=$(sha256sum "$LU" | cut -d' ' -f1)
start_tgtd
tgt_target 1 "$IQN:crc32c" "$LU"
tgt_target 2 "$IQN:both" "$LU"
for key in HeaderDigest DataDigest; do
	tgt --op update --mode target --tid 1 --name $key --value CRC32C
	tgt --op update --mode target --tid 2 --name $key --value None,CRC32C
done
start_responder iscsi_proxy.py $PROXY proxy

# digest_read NAME PORT TARGET [SETTING]: read the whole LU of TARGET
# through the proxy's PORT, with iscsi-digest SETTING if given.
digest_read() {
	run_lwpxe "$1" "#!ipxe
dhcp
${4:+set iscsi-digest $4}
sanhook iscsi:10.99.0.1::$2:1:$IQN:$3
sanread" --net tap0
}

# expect_login NAME TEXT: the proxy logs a line with TEXT (it may log a
# connection's end a moment after lwpxe is gone).
expect_login() {
	if wait_for_line "$TMP/proxy.log" "$2"; then
		pass "$1"
	else
		fail "$1" "no proxy line '$2'" "$TMP/proxy.log"
	fi
}

# 1. The target insists on both digests; nothing set: both are used.
digest_read required $PROXY crc32c
expect "required: $LU_MB MiB read with digests, same SHA-256" "$TMP/required.out" "sha256 $LU_SHA"
expect_login "required: offered as acceptable, chosen by the target" \
	"port $PROXY conn 1: offered HeaderDigest=None,CRC32C DataDigest=None,CRC32C; chosen HeaderDigest=CRC32C DataDigest=CRC32C"
expect_login "required: the whole read framed with both digests" \
	"port $PROXY conn 1: $LU_MB MiB of Data-In followed"
# The same straight to tgtd (without the proxy's copy), for the figures:
# with digests, and without them from the target that allows both
digest_read direct 3260 crc32c
expect "required, straight to tgtd: same SHA-256" "$TMP/direct.out" "sha256 $LU_SHA"
digest_read plain 3260 both none
expect "none, straight to tgtd: same SHA-256" "$TMP/plain.out" "sha256 $LU_SHA"
for run in direct plain; do
	rate=$(sed -n 's/^read .*(\(.*\) MB\/s)$/\1/p' "$TMP/$run.out")
	[ $run = direct ] && how="with CRC32C header and data digests" ||
		how="without digests"
	echo "FIGURE iscsi digests: $LU_MB MiB read $how over TAP: $rate MB/s"
done

# 2. The target allows both; iscsi-digest crc32c asks for them.
digest_read asked $PROXY both crc32c
expect "asked: $LU_MB MiB read with digests, same SHA-256" "$TMP/asked.out" "sha256 $LU_SHA"
expect_login "asked: offered first, chosen" \
	"port $PROXY conn 2: offered HeaderDigest=CRC32C,None DataDigest=CRC32C,None; chosen HeaderDigest=CRC32C DataDigest=CRC32C"

# 3. iscsi-digest none: not offered, not used (tgtd gives way).
digest_read refused $PROXY crc32c none
expect "none: read without digests, same SHA-256" "$TMP/refused.out" "sha256 $LU_SHA"
expect_login "none: only None offered and chosen" \
	"port $PROXY conn 3: offered HeaderDigest=None DataDigest=None; chosen HeaderDigest=None DataDigest=None"

# 4. Damaged PDUs: a Data-In's data, then (on the next connection) a
# Data-In's header; each is a connection error, the read goes on after a
# reconnect and ends with the right SHA-256.
digest_read damaged $((PROXY + 1)) crc32c
expect "damaged: read through two damaged PDUs, same SHA-256" "$TMP/damaged.out" "sha256 $LU_SHA"
expect_login "damaged: the proxy damaged a Data-In's data" \
	"port $((PROXY + 1)) conn 1: damaged the data of Data-In 3"
expect_login "damaged: the proxy damaged a Data-In's header" \
	"port $((PROXY + 1)) conn 2: damaged the header of Data-In 3"
expect "damaged: the data digest caught it, reconnected" "$TMP/damaged.out" \
	"iSCSI 10.99.0.1:$((PROXY + 1)): data digest mismatch (CRC32C): the data of a Data-In was damaged on the way; reconnecting (1/10)"
expect "damaged: the header digest caught it, reconnected" "$TMP/damaged.out" \
	"iSCSI 10.99.0.1:$((PROXY + 1)): header digest mismatch (CRC32C): a PDU header was damaged on the way; reconnecting (1/10)"

if grep -q "framing lost" "$TMP/proxy.log"; then
	fail "proxy: every PDU framed as the login said" "framing lost" "$TMP/proxy.log"
else
	pass "proxy: every PDU framed as the login said"
fi

# 5. A bad value: one line, the script's || branch.
run_lwpxe badvalue "#!ipxe
dhcp
set iscsi-digest md5
sanhook iscsi:10.99.0.1:::1:$IQN:crc32c || echo refused" --net tap0
expect_branch "bad iscsi-digest: one line, then ||" "$TMP/badvalue.out" \
	'iSCSI: iscsi-digest "md5" is not auto, crc32c or none' refused

host_summary
