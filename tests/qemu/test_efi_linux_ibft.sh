#!/bin/sh
# UEFI Linux iBFT test, the whole seed scenario: tgtd on the host serves an
# LU (tests/qemu/mklu-efi-linux.sh) on 127.0.0.1, which QEMU's user network
# shows the guest as 10.0.2.2.  OVMF boots our USB image; its embedded
# script (tests/qemu/efi_linux_ibft.ipxe) runs dhcp, sets initiator-iqn and
# sanboots the URI QEMU's DHCP hands out.  GRUB starts from the LU through
# our BlockIo handle and boots Debian's kernel + a busybox initramfs read
# through it; the initramfs loads iscsi_ibft, prints every
# /sys/firmware/ibft attribute, the SHA-256 of a file GRUB loaded with it,
# tries DHCP with Linux's own NIC driver, and powers off.  Checks the
# serial log: each iBFT attribute against what the network and the
# script said.
#
# usage: tests/qemu/test_efi_linux_ibft.sh IMAGE.usb LU.img
#        (LU.img.sha256 and LU.img.kernel beside it)
#   KEEP_TMP=1     keep the scratch folder (serial log, tgtd log) for a look
#   NIC=e1000e     the NIC model (default e1000)
#   NIC_ROM=1      keep QEMU's option ROM on the NIC, so the firmware's own
#                  driver offers SNP (for snponly.efi: our snp driver, not
#                  e1000g); by default romfile= is empty and only e1000g can
#                  drive it
set -eu

need_root="qemu: the Linux iBFT test"

. "$(dirname "$0")/lib.sh"

image=$1
lu=$2
limit=600                       # seconds for the whole boot (TCG)
iqn=iqn.2024-01.org.lwpxe:linux-ibft
initiator=iqn.2024-01.org.lwpxe:linux-ibft-initiator   # efi_linux_ibft.ipxe
lun=1
mac=52:54:00:12:34:56           # QEMU's default for the first NIC
nic=${NIC:-e1000}
if [ -n "${NIC_ROM:-}" ]; then
	nic_dev="$nic,netdev=n0"        # QEMU's efi-*.rom: the firmware drives the NIC
	driver=snp
else
	nic_dev="$nic,netdev=n0,romfile="
	driver=e1000g
fi
qemu_mem=1024
qemu_poll_s=0.2

# check_attr DIR/NAME WANT: the iBFT attribute Linux shows equals WANT.
check_attr() {
	ca_got=$(log_lines | sed -n "s@^ibft: /sys/firmware/ibft/$1 = @@p" | head -1)
	if [ "$ca_got" = "$2" ]; then
		pass "iBFT $1 = $2"
	else
		fail "iBFT $1" "Linux shows '${ca_got:-nothing}', want '$2'"
	fi
}

# t_mark VAR PATTERN: set VAR to now if unset and the log has PATTERN (grep -x).
t_mark() {
	eval "[ -n \"\$$1\" ]" && return 0
	echo "$lines" | grep -qx "$2" && eval "$1=\$t"
	return 0
}

# Note when each stage starts; stop if GRUB gives up (qemu_boot's hook).
qemu_poll() {
	t_mark t_grub 'lwpxe-grub-started'
	t_mark t_booting 'lwpxe-grub-linux-booting'
	t_mark t_linux '.*Linux version .*'
	t_mark t_init 'lwpxe-linux-started .*'
	t_mark t_done 'lwpxe-linux-done'
	echo "$lines" | grep -qx 'lwpxe-grub-linux-failed'
}

qemu_need "$image" "$lu" "$lu.sha256" "$lu.kernel"
want_sha=$(cat "$lu.sha256")
want_kernel=$(cat "$lu.kernel")
cp "$lu" "$tmp/lu.img"          # the target may write; keep the build's LU

host_tgtd_need
host_tgt_target 1 "$iqn" "$tmp/lu.img" "$lun"

uri="iscsi:10.0.2.2::$port:$lun:$iqn"
# Wait for Linux to power off (QEMU exits), GRUB to give up, the firmware
# to move on after our image, or the limit; note when each stage starts.
t_grub='' t_booting='' t_linux='' t_init='' t_done=''
qemu_boot linux "$image" "$limit" -no-reboot \
	-netdev user,id=n0,bootfile="$uri" -device "$nic_dev"
[ -r "$log" ] || { echo "qemu: the serial log $log vanished"; echo "qemu: 0 passed, 1 failed"; exit 1; }

if log_lines | grep -q "^net0: .* using $driver on PCI " &&
   ! log_lines | grep -q '^net1: '; then
	pass "ifstat: $(log_lines | grep -o "^net0: .* using $driver on .*")"
else
	fail "ifstat" "no line 'net0: ... using $driver on PCI ...' (or a second NIC): $(log_lines | grep '^net[0-9]: ' | tr '\n' ' ')"
fi
if log_lines | grep -q "^Registered SAN drive 0x80: "; then
	pass "LU registered as SAN drive 0x80"
else
	fail "LU registered" "no 'Registered SAN drive 0x80' line"
fi
if [ -n "$t_grub" ]; then
	pass "GRUB started from the LU ($(log_lines | grep '^lwpxe-grub-root='))"
else
	fail "GRUB started" "no line 'lwpxe-grub-started'"
fi
if [ -n "$t_booting" ]; then
	pass "GRUB loaded the kernel and initramfs through our disk"
else
	fail "GRUB loaded the kernel" "$(log_lines | grep -A3 '^lwpxe-grub-linux-loading' | tail -3 | tr '\n' ' ')"
fi
if log_lines | grep -q "Linux version $want_kernel "; then
	pass "Linux $want_kernel started"
else
	fail "Linux started" "no 'Linux version $want_kernel' line"
fi
if log_lines | grep -qx "lwpxe-linux-started $want_kernel"; then
	pass "the initramfs's /init runs"
else
	fail "the initramfs's /init runs" "no 'lwpxe-linux-started' line"
fi
if ! log_lines | grep -q '^lwpxe-linux-insmod-failed'; then
	pass "iscsi_boot_sysfs, iscsi_ibft, e1000 and e1000e loaded"
else
	fail "modules loaded" "$(log_lines | grep '^lwpxe-linux-insmod-failed' | tr '\n' ' ')"
fi
check_attr initiator/initiator-name "$initiator"
check_attr ethernet0/ip-addr 10.0.2.15
check_attr ethernet0/subnet-mask 255.255.255.0
check_attr ethernet0/prefix-len 24
check_attr ethernet0/gateway 10.0.2.2
check_attr ethernet0/primary-dns 10.0.2.3
check_attr ethernet0/dhcp 10.0.2.2
check_attr ethernet0/mac "$mac"
check_attr target0/target-name "$iqn"
check_attr target0/ip-addr 10.0.2.2
check_attr target0/port "$port"
# Linux prints the 8 LUN bytes (SAM format: LUN < 256 in byte 1) each as %x
check_attr target0/lun "0$(printf %x "$lun")000000"
check_attr target0/nic-assoc 0
got=$(log_lines | sed -n 's/^lwpxe-linux-big-sha256 //p' | head -1)
if [ "$got" = "$want_sha" ]; then
	pass "SHA-256 of big.bin (loaded by GRUB in the initramfs) matches"
else
	fail "SHA-256 of big.bin" "Linux printed '${got:-nothing}', want $want_sha"
fi
if log_lines | grep -qx 'lwpxe-linux-dhcp-ok'; then
	pass "Linux's $nic driver gets a DHCP lease after our ExitBootServices"
else
	fail "Linux's $nic DHCP" "$(log_lines | grep '^lwpxe-linux-dhcp' || echo 'no result line')"
fi
if [ -n "$t_done" ]; then
	pass "the initramfs finished"
else
	fail "the initramfs finished" "no 'lwpxe-linux-done' within $limit s"
fi

echo "qemu: iBFT as Linux shows it:"
log_lines | grep '^ibft: ' | sed 's/^/    /'
log_lines | grep -i 'ibft\|e1000' | grep -v '^ibft: ' | grep '^\[' | sed 's/^/    linux: /' | head -20
# stage times in seconds since power-on (TCG)
secs() {
	[ -n "$1" ] && echo "$(( ($1 - start) / 1000 )) s" || echo "-"
}
echo "qemu: ($nic, $driver) GRUB $(secs "$t_grub"), kernel+initramfs loaded $(secs "$t_booting")," \
	"Linux $(secs "$t_linux"), /init $(secs "$t_init"), done $(secs "$t_done")," \
	"QEMU gone $(secs "$end")"
if [ -n "$t_grub" ] && [ -n "$t_booting" ] && [ "$t_booting" -gt "$t_grub" ]; then
	echo "qemu: GRUB loaded kernel + initramfs in $((t_booting - t_grub)) ms (TCG)"
fi
if [ "$failed" != 0 ]; then
	echo "qemu: serial log:"
	log_lines | grep -v '^$' | sed 's/^/    | /' | tail -80
	echo
	sed 's/^/    qemu: /' "$tmp/linux.err"
fi
qemu_summary
