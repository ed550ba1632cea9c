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

# Note when each stage starts; stop if GRUB gives up or the firmware could
# not seed its random generator (qemu_boot's hook).
qemu_poll() {
	linux_ibft_poll || echo "$lines" | grep -q '^random: no entropy source'
}

qemu_need "$image" "$lu" "$lu.sha256" "$lu.kernel"
linux_lu_target
# Wait for Linux to power off (QEMU exits), GRUB to give up, the firmware
# to move on after our image, or the limit; note when each stage starts.
t_grub='' t_booting='' t_linux='' t_init='' t_done=''
qemu_boot linux "$image" "$limit" -no-reboot \
	-netdev user,id=n0,bootfile="$uri" -device "$nic_dev"
[ -r "$log" ] || { echo "qemu: the serial log $log vanished"; echo "qemu: 0 passed, 1 failed"; exit 1; }

# QEMU's default CPU (no RDRAND) and no virtio-rng: the timing jitter seeds
check_seed "CPU timing jitter (TSC/PIT)"
linux_ibft_nic_checks "$driver on PCI "
linux_ibft_checks
linux_ibft_times "$nic, $driver"
linux_ibft_failure_log "$tmp/linux.err"
qemu_summary
