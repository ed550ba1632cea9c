# Helpers shared by the UEFI QEMU tests (sourced, POSIX sh): a scratch
# folder, PASS/FAIL counting, the serial log, and one boot of a USB image
# under QEMU + OVMF (TCG, no KVM) until our image returns to the firmware.
#
# After sourcing: $tmp is the scratch folder (kept with KEEP_TMP=1), $log
# the serial log of the last qemu_boot.  EFI_DISK=ide attaches the image as
# an IDE/SATA disk instead of a usb-storage stick.

ovmf=/usr/share/OVMF
tmp=$(mktemp -d /tmp/lwpxe-qemu.XXXXXX)
log=$tmp/serial.log
qemu_pid=
passed=0
failed=0

# Stop QEMU and remove the scratch folder.
qemu_cleanup() {
	[ -n "$qemu_pid" ] && kill "$qemu_pid" 2>/dev/null || true
	[ -n "$qemu_pid" ] && wait "$qemu_pid" 2>/dev/null || true
	[ -n "${KEEP_TMP:-}" ] || rm -rf "$tmp"
}
trap qemu_cleanup EXIT INT TERM

# pass WHAT: count and print a passed check.
pass() {
	passed=$((passed + 1))
	echo "PASS $1"
}

# fail WHAT WHY: count and print a failed check.
fail() {
	failed=$((failed + 1))
	echo "FAIL $1: $2"
}

# The serial log as lines (without CR and the firmware's screen escapes).
log_lines() {
	tr -d '\r' < "$log" | sed 's/\x1b\[[0-9;=?]*[A-Za-z]//g'
}

# Milliseconds since the epoch.
now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# qemu_need FILE...: end the test as failed unless every FILE is readable.
qemu_need() {
	for qn_file in "$@" $ovmf/OVMF_CODE.fd $ovmf/OVMF_VARS.fd; do
		[ -r "$qn_file" ] && continue
		echo "qemu: missing $qn_file"
		echo "qemu: 0 passed, 1 failed"
		exit 1
	done
}

# qemu_boot NAME IMAGE LIMIT QEMU-ARGS...: boot IMAGE with the extra
# QEMU-ARGS (the NIC), serial into $tmp/NAME.log (then $log), until the
# firmware moves on after our image or LIMIT seconds pass.  Sets $returned
# (1 if the firmware moved on) and $elapsed_ms.
qemu_boot() {
	qb_name=$1 qb_image=$2 qb_limit=$3
	shift 3
	log=$tmp/$qb_name.log
	: > "$log"
	cp $ovmf/OVMF_VARS.fd "$tmp/$qb_name.vars.fd"
	cp "$qb_image" "$tmp/$qb_name.img"    # QEMU locks the image; boot a copy
	if [ "${EFI_DISK:-usb}" = ide ]; then
		qb_disk="-drive file=$tmp/$qb_name.img,format=raw,if=ide,index=0"
	else
		qb_disk="-device qemu-xhci -drive if=none,id=stick,format=raw,file=$tmp/$qb_name.img
		      -device usb-storage,drive=stick,bootindex=0"
	fi
	qb_start=$(now_ms)
	# shellcheck disable=SC2086
	qemu-system-x86_64 -machine q35 -accel tcg -cpu max -m 512 \
		-nodefaults -no-user-config -display none -serial "file:$log" \
		-drive if=pflash,format=raw,readonly=on,file=$ovmf/OVMF_CODE.fd \
		-drive if=pflash,format=raw,file="$tmp/$qb_name.vars.fd" \
		$qb_disk "$@" 2> "$tmp/$qb_name.err" &
	qemu_pid=$!
	returned=
	while kill -0 "$qemu_pid" 2>/dev/null; do
		if log_lines 2>/dev/null | sed -n '/^lwpxe /,$p' |
		   grep -q '^BdsDxe: \(loading\|failed\)'; then
			returned=1
			break
		fi
		[ $(( ($(now_ms) - qb_start) / 1000 )) -ge "$qb_limit" ] && break
		sleep 0.5
	done
	elapsed_ms=$(( $(now_ms) - qb_start ))
	kill "$qemu_pid" 2>/dev/null || true
	wait "$qemu_pid" 2>/dev/null || true
	qemu_pid=
}

# Nonzero unless our image returned to the firmware, and with success.
qemu_returned_ok() {
	[ -n "$returned" ] &&
	! log_lines | grep -q '^BdsDxe: failed to start Boot.*QEMU.*\(HARDDISK\|HARDDRIVE\)'
}

# qemu_return_why LIMIT: why qemu_returned_ok failed, for a FAIL line.
qemu_return_why() {
	if [ -n "$returned" ]; then
		echo "our image returned an error to the firmware"
	else
		echo "no return within $1 s"
	fi
}

# qemu_show_log NAME: print the serial log and QEMU's errors of boot NAME.
qemu_show_log() {
	echo "qemu: serial log ($1):"
	tr -d '\r' < "$tmp/$1.log" | sed 's/\x1b\[[0-9;=?]*[A-Za-z]//g' |
		grep -v '^$' | sed 's/^/    | /' | head -80
	echo
	sed 's/^/    qemu: /' "$tmp/$1.err"
}

# Print the totals; succeed only if nothing failed.
qemu_summary() {
	echo "qemu: $passed passed, $failed failed"
	[ "$failed" = 0 ]
}
