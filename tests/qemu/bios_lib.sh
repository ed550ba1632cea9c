# Helpers shared by the BIOS QEMU tests (sourced after lib.sh): one boot
# under SeaBIOS that ends by itself (isa-debug-exit), what the firmware's
# exit status was, the DHCP lines of tests/qemu/bios_smoke.ipxe, and the
# log shown after a failure.  Callers set $limit (seconds for one boot).

# boot NAME QEMU-ARGS...: boot with QEMU-ARGS (QEMU's default CPU, qemu64,
# unless they hold -cpu X: only tests of a CPU feature pass one), serial into $tmp/NAME.log,
# $bios_mem MiB (default 256), until QEMU exits, the BIOS gives up on
# every boot device (its serial console or its debug log $tmp/NAME.bios
# says so), qemu_poll (lib.sh) stops it or $limit seconds pass;
# sets $log, $rc (QEMU's exit status, 124 on timeout, 125 when the BIOS
# gave up, 126 when qemu_poll stopped it), $start, $end and $elapsed_ms.
# SERIAL_IN=FILE types FILE's bytes on the serial line (serial_to).
boot() {
	name=$1
	shift
	log=$tmp/$name.log
	: > "$log"
	serial_to "$log" "$name"
	start=$(now_ms)
	qemu-system-x86_64 -accel tcg -m "${bios_mem:-256}" \
		-nodefaults -no-user-config -display none $serial_args \
		-device isa-debug-exit,iobase=0x501,iosize=2 \
		-chardev file,id=biosdbg,path="$tmp/$name.bios" \
		-device isa-debugcon,iobase=0x402,chardev=biosdbg \
		"$@" 2> "$tmp/$name.err" &
	qemu_pid=$!
	rc=
	while [ -z "$rc" ]; do
		lines=$(log_lines 2>/dev/null || true)
		t=$(now_ms)
		if ! kill -0 "$qemu_pid" 2>/dev/null; then
			rc=0
			wait "$qemu_pid" || rc=$?
			qemu_pid=
		elif echo "$lines" | grep -q '^No bootable device' ||
		     grep -qs '^No bootable device' "$tmp/$name.bios"; then
			rc=125
		elif qemu_poll; then
			rc=126
		elif [ $(( (t - start) / 1000 )) -ge $limit ]; then
			rc=124
		else
			sleep 0.2
		fi
	done
	if [ -n "$qemu_pid" ]; then
		kill "$qemu_pid" 2>/dev/null || true
		wait "$qemu_pid" 2>/dev/null || true
		qemu_pid=
	fi
	end=$(now_ms)
	elapsed_ms=$((end - start))
	# the last lines may have come just before QEMU exited
	lines=$(log_lines 2>/dev/null || true)
	t=$end
	qemu_poll || true
	echo "qemu: $name: QEMU exited with $rc after $elapsed_ms ms (TCG)"
}

# expect_exit WHAT STATUS: the firmware ended QEMU with exit status STATUS.
expect_exit() {
	want=$(($2 * 2 + 1))
	if [ "$rc" = "$want" ]; then
		pass "$1: exit status $2 through isa-debug-exit"
	elif [ "$rc" = 124 ]; then
		fail "$1" "QEMU still running after $limit s"
	elif [ "$rc" = 125 ]; then
		fail "$1" "SeaBIOS found no bootable device"
	else
		fail "$1" "QEMU exited with $rc, not $want (exit status $2)"
	fi
}

# show: the last serial log and QEMU's errors, after a failure.
show() {
	log_lines | grep -v '^$' | sed 's/^/    | /' | head -40
	sed 's/^/    qemu: /' "$tmp/$name.err"
}

# check_once WHAT LINE: exactly one line of the serial log is LINE (a grep
# pattern matched against whole lines).
check_once() {
	co_n=$(log_lines | grep -cx "$2" || true)
	if [ "$co_n" = 1 ]; then
		pass "$1: once on the serial line: $2"
	else
		fail "$1" "$co_n lines '$2' on the serial line, not 1"
	fi
}

# check_dhcp WHAT: the banner and the address are in the serial log.
check_dhcp() {
	if log_lines | grep -qx 'lwpxe .* (pcbios) -- network boot firmware on lwIP'; then
		pass "$1: banner on the serial console"
	else
		fail "$1: banner on the serial console" "no 'lwpxe ... (pcbios)' line"
	fi
	if log_lines | grep -qx 'lwpxe-bios-ip=10.0.2.15'; then
		pass "$1: dhcp through e1000g: net0/ip is 10.0.2.15"
	else
		fail "$1: dhcp through e1000g" "no line 'lwpxe-bios-ip=10.0.2.15'"
	fi
}
