#!/bin/sh
# BIOS smoke test: boot an ipxe.lkrn with `qemu -kernel` (SeaBIOS, TCG, no
# KVM).  The embedded script (tests/qemu/bios_smoke.ipxe) runs dhcp
# against QEMU's user network through our own e1000g driver, echoes the
# address, the SMBIOS and CPU settings, skips `shim` in one line and exits
# 0.  `-append debug-exit=0x501` with QEMU's
# isa-debug-exit device makes the firmware end QEMU with status
# (exit status << 1) | 1, so every boot ends by itself.  The same image
# is then booted by GRUB (i386-pc, from a rescue ISO) with `linux16` (our
# real-mode setup runs) and `linux` (GRUB enters code32_start itself).
#
# usage: tests/qemu/test_bios_lkrn.sh IMAGE.lkrn
#   KEEP_TMP=1  keep the scratch folder (serial logs) for a look
# shellcheck disable=SC2086  # QEMU arguments are split on purpose
set -eu

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/qemu/bios_lib.sh
. "$(dirname "$0")/bios_lib.sh"

image=$1
limit=60                        # seconds for one boot

# grub_iso NAME COMMAND: $tmp/NAME.iso, a GRUB rescue CD that loads the
# image with COMMAND (linux or linux16) and the debug-exit option.
grub_iso() {
	mkdir -p "$tmp/$1/boot/grub"
	cp "$image" "$tmp/$1/ipxe.lkrn"
	cat > "$tmp/$1/boot/grub/grub.cfg" <<-EOF
		serial --unit=0 --speed=115200
		terminal_output serial
		set timeout=0
		menuentry lwpxe {
			$2 /ipxe.lkrn debug-exit=0x501
			boot
		}
	EOF
	grub-mkrescue --directory=/usr/lib/grub/i386-pc -o "$tmp/$1.iso" \
		"$tmp/$1" > "$tmp/$1.mkrescue" 2>&1
}

need_files "$image"

kernel="-kernel $image -append debug-exit=0x501"
net="-netdev user,id=n0 -device e1000,netdev=n0,romfile="

for nic in e1000 e1000e; do
	f=$failed
	boot "$nic" $kernel -netdev user,id=n0 -device "$nic,netdev=n0,romfile="
	check_dhcp "qemu -kernel, $nic"
	expect_exit "qemu -kernel, $nic" 0
	check_once "qemu -kernel, $nic" 'lwpxe .* (pcbios) -- network boot firmware on lwIP'
	check_once "qemu -kernel, $nic" 'lwpxe-bios-ip=10.0.2.15'
	check_machine "qemu -kernel, $nic" 'Standard PC (i440FX + PIIX, 1996)' \
		"${bios_mem:-256}"
	check_once "qemu -kernel, $nic: shim skipped" \
		'bios_smoke.ipxe:7: shim: http://10.0.2.2/shimx64.efi skipped: not supported on this platform (only UEFI Secure Boot uses a shim)'
	check_once "qemu -kernel, $nic: the script goes on after shim" 'lwpxe-shim=went-on'
	if log_lines | grep -q '^console: .* redirected'; then
		fail "qemu -kernel, $nic" "COM1 taken for redirected without sercon"
	else
		pass "qemu -kernel, $nic: COM1 not redirected: lwpxe writes it"
	fi
	[ "$failed" = "$f" ] || show
done

for cmd in linux16 linux; do
	f=$failed
	if grub_iso "grub-$cmd" "$cmd"; then
		boot "grub-$cmd" -cdrom "$tmp/grub-$cmd.iso" $net
		check_dhcp "GRUB $cmd, e1000"
		expect_exit "GRUB $cmd, e1000" 0
		[ "$failed" = "$f" ] || show
	else
		fail "GRUB $cmd" "grub-mkrescue failed: $(tail -1 "$tmp/grub-$cmd.mkrescue")"
	fi
done

# Bad input: no NIC at all: one line, then exit 1.  The boots above run
# on QEMU's default CPU (qemu64, no RDRAND: the seed comes from TSC/PIT
# jitter); a CPU with RDRAND gets a lease too.
f=$failed
boot no-nic $kernel
if log_lines | grep -qx 'bios_smoke.ipxe:2: dhcp: no network interfaces'; then
	pass "no NIC: one line naming the cause"
else
	fail "no NIC" "no line 'bios_smoke.ipxe:2: dhcp: no network interfaces'"
fi
expect_exit "no NIC" 1
[ "$failed" = "$f" ] || show

f=$failed
boot rdrand -cpu max $kernel $net
check_dhcp "CPU with RDRAND"
expect_exit "CPU with RDRAND" 0
[ "$failed" = "$f" ] || show

# SeaBIOS's serial console (sercon) copies the screen (INT 10h) to COM1:
# the firmware finds that out, says so once on the screen and leaves
# COM1 to SeaBIOS, so each of its lines is on the serial line once.
f=$failed
printf '\370\003' > "$tmp/sercon"  # etc/sercon-port: 0x3f8, little-endian
boot sercon -fw_cfg name=etc/sercon-port,file="$tmp/sercon" $kernel $net
check_dhcp "SeaBIOS sercon on COM1"
expect_exit "SeaBIOS sercon on COM1" 0
for line in 'console: COM1 (0x3f8) is redirected by the firmware: writing to the screen only' \
	'lwpxe .* (pcbios) -- network boot firmware on lwIP' 'lwpxe-bios-ip=10.0.2.15'; do
	check_once "SeaBIOS sercon on COM1" "$line"
done
if log_lines | grep -q 'llwwppxxee'; then
	fail "SeaBIOS sercon on COM1" "doubled text (llwwppxxee) on COM1"
else
	pass "SeaBIOS sercon on COM1: no doubled text"
fi
[ "$failed" = "$f" ] || show

# Keys typed on COM1 under sercon reach the firmware once, as SeaBIOS's
# key strokes (INT 16h): Ctrl-B opens the command line.  A menu made there
# is drawn on the BIOS screen (INT 10h), which sercon copies to COM1: the
# default item on the highlight colour, the countdown, and `choose
# --timeout` takes the default.  (`prompt` reads the keyboard once more:
# sercon sends the screen's last characters to COM1 only then.)  Then
# `reboot` resets the machine (the FADT's reset register, else the
# keyboard controller or port CF9h): under -no-reboot QEMU ends, and its
# QMP SHUTDOWN event says a guest reset did it.
f=$failed
printf '\002echo lwpxe-shell-ok\rmenu Screen menu\ritem a First\ritem --default b Second\r' > "$tmp/keys"
printf 'choose --timeout 1500 x && echo lwpxe-screen-${x} ; prompt --timeout 300 ; reboot\r' >> "$tmp/keys"
qmp_listen sercon-ctrl-b
SERIAL_IN=$tmp/keys SERIAL_AFTER='Press Ctrl-B' boot sercon-ctrl-b \
	-no-reboot $qmp_args -fw_cfg name=etc/sercon-port,file="$tmp/sercon" $kernel $net
check_once "Ctrl-B under sercon" 'lwpxe-shell-ok'
if grep -qF "$(printf '\033[0;41m Second ')" "$log" &&
   log_lines | grep -q '"Second" in 1 s' && log_lines | grep -q 'lwpxe-screen-b$'; then
	pass "menu on the BIOS screen: Second highlighted, the countdown, the default chosen"
else
	fail "menu on the BIOS screen" "Second not drawn highlighted, no countdown, or no 'lwpxe-screen-b'"
fi
reason=$(qmp_shutdown_reason sercon-ctrl-b)
if [ "$rc" = 0 ] && [ "$reason" = guest-reset ] &&
   ! log_lines | grep -q 'did not restart'; then
	pass "reboot: the machine reset (QMP SHUTDOWN, reason guest-reset)"
else
	fail "reboot" "QEMU exited with $rc, QMP's SHUTDOWN reason '${reason:-none}', not a guest reset"
fi
[ "$failed" = "$f" ] || show

# An ACPI SPCR table naming COM1 (I/O port 0x3f8) says the firmware
# redirects its console there: the firmware leaves COM1 alone without
# probing (only the screen, which nothing copies here, hears from it).
# The table after its header: a 16550, its base address (system I/O,
# 8 bits, 0x3f8), IRQ 4, 115200 8N1, no PCI device.
f=$failed
printf '\000\000\000\000\001\010\000\001\370\003\000\000\000\000\000\000' > "$tmp/spcr"
printf '\001\004\000\000\000\000\007\000\001\000\000\000' >> "$tmp/spcr"
printf '\377\377\377\377\000\000\000\000\000\000\000\000\000\000\000\000' >> "$tmp/spcr"
boot spcr -acpitable sig=SPCR,rev=2,data="$tmp/spcr" $kernel $net
if log_lines | grep -q '^lwpxe\|^console:'; then
	fail "SPCR naming COM1" "the firmware wrote to COM1"
else
	pass "SPCR naming COM1: nothing of the firmware's on COM1"
fi
expect_exit "SPCR naming COM1" 0
[ "$failed" = "$f" ] || show

# Memory: the firmware unpacks itself to the top of memory, so a machine
# with 32 MiB runs it; with 16 MiB there is no room above what boot
# loaders use (unpack.c): one line, and it stops.
f=$failed
bios_mem=32
boot mem-32m $kernel $net
check_dhcp "32 MiB of memory"
expect_exit "32 MiB of memory" 0
[ "$failed" = "$f" ] || show
f=$failed
bios_mem=16 limit=10
boot mem-16m $kernel $net
bios_mem= limit=60
if log_lines | grep -qx 'lwpxe: cannot unpack the firmware: no usable memory for it above 20 MiB'; then
	pass "16 MiB of memory: one line naming the cause"
else
	fail "16 MiB of memory" "no line 'lwpxe: cannot unpack the firmware: no usable memory for it above 20 MiB'"
fi
[ "$failed" = "$f" ] || show

# A damaged image: bytes in the middle of the compressed firmware
# overwritten.  The decompressor (unpack.c) prints one line on COM1 and
# stops: QEMU keeps running, so this boot waits a shorter limit.
f=$failed
cp "$image" "$tmp/bad.lkrn"
printf 'lwpxe-damage' | dd of="$tmp/bad.lkrn" bs=1 \
	seek=$(($(wc -c < "$image") / 2)) conv=notrunc status=none
limit=10
boot damaged -kernel "$tmp/bad.lkrn" -append debug-exit=0x501 $net
limit=60
if log_lines | grep -q '^lwpxe: cannot unpack the firmware: ..*'; then
	pass "damaged image: one line ($(log_lines | grep '^lwpxe: cannot unpack'))"
else
	fail "damaged image" "no line 'lwpxe: cannot unpack the firmware: ...'"
fi
if log_lines | grep -q '^lwpxe .* (pcbios)'; then
	fail "damaged image" "the damaged firmware ran"
else
	pass "damaged image: the firmware does not run"
fi
[ "$failed" = "$f" ] || show

# Ctrl-B at the banner opens the command line instead of the script.  A
# menu there is driven over the serial line: Down (ESC [ B) steps over
# the separator to the second item, drawn highlighted; Enter chooses it.
# Then `poweroff` switches the machine off through ACPI S5 (the FADT's
# PM1a control port, the DSDT's \_S5 sleep type): QEMU ends with 0.
f=$failed
printf '\002echo lwpxe-shell-ok\nmenu Serial menu\nitem a First\nitem --gap -- ----\nitem b Second\n' > "$tmp/keys"
printf 'choose x && echo lwpxe-menu-${x}\n\033[B\rpoweroff\n' >> "$tmp/keys"
SERIAL_IN=$tmp/keys SERIAL_AFTER='Press Ctrl-B' boot ctrl-b $kernel $net
if log_lines | grep -qx 'lwpxe-shell-ok' && ! log_lines | grep -q 'lwpxe-bios-ip='; then
	pass "Ctrl-B: the command line ran instead of the script"
else
	fail "Ctrl-B" "no 'lwpxe-shell-ok' from the command line, or the script ran"
fi
if grep -qF "$(printf '\033[5;1H\033[0;37;41m Second ')" "$log" &&
   log_lines | grep -q 'lwpxe-menu-b$'; then
	pass "menu over the serial line: Down over the separator, Second highlighted, Enter chose b"
else
	fail "menu over the serial line" "Second not drawn highlighted, or no 'lwpxe-menu-b'"
fi
if [ "$rc" = 0 ] && ! log_lines | grep -q 'did not switch off'; then
	pass "poweroff: ACPI S5 switched the machine off (QEMU exited with 0)"
else
	fail "poweroff" "QEMU exited with $rc, not 0 (a guest power-off)"
fi
[ "$failed" = "$f" ] || show

qemu_summary
