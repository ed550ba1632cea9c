#!/bin/sh
# BIOS PXE test: QEMU's e1000 (or $NIC) keeps its option ROM (Debian's iPXE-based
# PXE ROM), boots from the network (-boot n) and fetches our image from
# QEMU's user network over TFTP (-netdev user,tftp=DIR,bootfile=NAME), as
# a PXE ROM chainloads any network boot program.  The embedded script
# (tests/qemu/bios_pxe.ipxe) runs `dhcp`, `ifstat`, echoes the address and
# file name, runs `dhcp net0` again (a real exchange through the driver)
# and exits 0; the test image's command line (debug-exit=0x501) makes the
# firmware end QEMU through isa-debug-exit.  Before that it chains
# bios_pxe_http.ipxe over TFTP, which fetches Debian's kernel and the test
# initramfs (from LU.img, as in test_bios_bzimage.sh) over HTTP from nginx on
# the host (10.0.2.2 to the guest), prints their SHA-256 and tries an
# https:// URI (undionly.kpxe has no TLS: one line, then `||`).  QEMU records the wire in a
# pcap (filter-dump): DHCPDISCOVERs are told apart by vendor class (the
# ROM's iPXE says UNDI:002001, lwpxe UNDI:003016).
#   undionly.kpxe: the UNDI driver has the NIC; the first `dhcp` takes
#     the ROM's DHCPACK and sends no DHCP (one lwpxe DHCP exchange on
#     the wire: the second `dhcp`'s)
#   ipxe.pxe: the PXE stack is unloaded and e1000g has the NIC (two
#     lwpxe DHCP exchanges)
# Bad input: a kpxe whose .lkrn is missing: the prefix prints one line
# (shown on serial by SeaBIOS's serial console) and returns to the ROM,
# which falls through to "No bootable device".
#
# usage: tests/qemu/test_bios_pxe.sh UNDIONLY.kpxe IPXE.pxe LU.img
#   NIC=e1000e  the NIC model (default e1000; its PXE ROM is Debian's too)
#   KEEP_TMP=1  keep the scratch folder (serial logs, pcaps) for a look
# shellcheck disable=SC2086  # QEMU arguments are split on purpose
set -eu

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/qemu/bios_lib.sh
. "$(dirname "$0")/bios_lib.sh"

kpxe=$1 pxe=$2 lu=$3
here=$(dirname "$0")
limit=90                        # seconds for one boot (the ROM's DHCP included)
mac=52:54:00:12:34:56           # QEMU's default for the first NIC
nic=${NIC:-e1000}
undi_goal=102400                # issue 5: undionly.kpxe <= 100 KB

need_files "$kpxe" "$pxe" "$lu"

# nginx serves the kernel and the initramfs from the LU's FAT partition
lu_linux_files "$lu" "$tmp/www"
host_nginx_need "$tmp/www"

# pxe_boot NAME FILE [QEMU-ARGS...]: PXE-boot FILE under NAME from
# $tmp/NAME.tftp with the wire in $tmp/NAME.pcap (see boot in bios_lib.sh).
pxe_boot() {
	pb_name=$1 pb_file=$2
	shift 2
	mkdir -p "$tmp/$pb_name.tftp"
	cp "$pb_file" "$tmp/$pb_name.tftp/$pb_name"
	sed "s/HTTP_PORT/$port/" "$here/bios_pxe_http.ipxe" \
		> "$tmp/$pb_name.tftp/bios_pxe_http.ipxe"
	boot "$pb_name" -boot n \
		-netdev "user,id=n0,tftp=$tmp/$pb_name.tftp,bootfile=$pb_name" \
		-device "$nic,netdev=n0" \
		-object "filter-dump,id=f0,netdev=n0,file=$tmp/$pb_name.pcap" "$@"
}

# wire NAME: from $tmp/NAME.pcap, "rrq=FILE rom=N lwpxe=M": the file the
# first TFTP read request asked for, and the DHCP exchanges the ROM and
# lwpxe started (DHCPDISCOVERs with distinct transaction ids, told apart
# by vendor class, option 60; a retransmission keeps its xid, so a slow
# machine that resends a DISCOVER does not count twice).
wire() {
	python3 - "$tmp/$1.pcap" <<-'EOF'
		import struct, sys
		data = open(sys.argv[1], 'rb').read()
		pos, rrq, rom, ours = 24, '-', set(), set()
		while pos + 16 <= len(data):
		    n = struct.unpack_from('<I', data, pos + 8)[0]
		    f = data[pos + 16:pos + 16 + n]
		    pos += 16 + n
		    if len(f) < 42 or f[12:14] != b'\x08\x00' or f[23] != 17:
		        continue
		    udp = 14 + (f[14] & 15) * 4
		    dport = struct.unpack_from('>H', f, udp + 2)[0]
		    body = f[udp + 8:]
		    if dport == 69 and body[:2] == b'\x00\x01' and rrq == '-':
		        rrq = body[2:].split(b'\x00')[0].decode(errors='replace')
		    if dport != 67 or len(body) < 240:
		        continue
		    opts, i, kind, vendor = body[240:], 0, 0, b''
		    while i + 1 < len(opts) and opts[i] != 255:
		        if opts[i] == 0:
		            i += 1
		            continue
		        tag, ln = opts[i], opts[i + 1]
		        if tag == 53:
		            kind = opts[i + 2]
		        if tag == 60:
		            vendor = opts[i + 2:i + 2 + ln]
		        i += 2 + ln
		    if kind == 1:
		        xid = body[4:8]
		        (ours if vendor.endswith(b'UNDI:003016') else rom).add(xid)
		print('rrq=%s rom=%d lwpxe=%d' % (rrq, len(rom), len(ours)))
	EOF
}

# has WHAT LINE-REGEX: pass if a serial line matches, else fail.
has() {
	if log_lines | grep -Eq "^$2\$"; then
		pass "$1"
	else
		fail "$1" "no line matching '$2'"
	fi
}

# has_line WHAT LINE: pass if LINE is a serial line, else fail.
has_line() {
	if log_lines | grep -Fqx "$2"; then
		pass "$1"
	else
		fail "$1" "no line '$2'"
	fi
}

# check_pxe NAME DRIVER DHCP-SUFFIX LWPXE-DISCOVERS: the checks of one
# boot: DHCP-SUFFIX ends the first `dhcp` line, LWPXE-DISCOVERS is how many
# DHCP exchanges (DISCOVER transaction ids) lwpxe started in all.
check_pxe() {
	w=$(wire "$1")
	echo "qemu: $1: on the wire: $w"
	case "$w" in
	"rrq=$1 "*) pass "$1: the PXE ROM fetched $1 over TFTP" ;;
	*) fail "$1: the PXE ROM fetched $1" "no TFTP read request for it" ;;
	esac
	has "$1: chainloaded, lwpxe's banner on the serial console" \
		'lwpxe .* \(pcbios\) -- network boot firmware on lwIP'
	has "$1: $2 drives the NIC" \
		"net0: $mac using $2 on PCI 00:0[0-9a-f]\.0 \(open\)"
	has_line "$1: dhcp: ok$3" "Configuring (net0 $mac)... ok$3"
	has "$1: net0/ip is 10.0.2.15" 'lwpxe-bios-ip=10\.0\.2\.15'
	has "$1: net0/filename is $1 (the ROM's boot file)" \
		"lwpxe-bios-filename=$1"
	case "$w" in
	*" lwpxe=$4") pass "$1: $4 DHCP exchange(s) started by lwpxe on the wire" ;;
	*) fail "$1: lwpxe's DHCPDISCOVERs" "want $4 from lwpxe: $w" ;;
	esac
	has "$1: a second dhcp through $2 gets the lease" \
		'lwpxe-bios-ip2=10\.0\.2\.15'
	for f_ in vmlinuz initrd.img; do
		has "$1: $f_ over HTTP through $2: $(wc -c < "$tmp/www/$f_") bytes" \
			"http://10\.0\.2\.2:$port/$f_: ok, $(wc -c < "$tmp/www/$f_") bytes in .*"
		has_line "$1: sha256sum: $f_ as served" \
			"$(sha256sum "$tmp/www/$f_" | cut -d' ' -f1)  $f_"
	done
	has "$1: imgstat: the kernel is a bzImage" \
		"vmlinuz: $(wc -c < "$tmp/www/vmlinuz") bytes \[bzImage\] \[selected\] .*"
	t=$(log_lines | sed -n "s|^http://10\.0\.2\.2:$port/vmlinuz: ok, [0-9]* bytes in \(.*\)\$|\1|p")
	echo "qemu: $1: HTTP through $2 fetched the kernel in ${t:-?} (TCG, slirp)"
	expect_exit "$1" 0
}

if [ "$(wc -c < "$kpxe")" -le "$undi_goal" ]; then
	pass "undionly.kpxe (with HTTP): $(wc -c < "$kpxe") bytes <= $undi_goal"
else
	fail "undionly.kpxe size" "$(wc -c < "$kpxe") bytes > $undi_goal"
fi
echo "qemu: ipxe.pxe: $(wc -c < "$pxe") bytes"

f=$failed
pxe_boot undionly.kpxe "$kpxe"
check_pxe undionly.kpxe undi " (the boot ROM's DHCPACK, no new DHCP)" 1
expect_then "undionly.kpxe: an https:// URI: no TLS, one line, then the || branch" \
	bios_pxe_http.ipxe -F \
	"imgfetch: https://10.0.2.2:$port/initrd.img: this image has no TLS (built without HTTPS)" \
	lwpxe-bios-https-refused
[ "$failed" = "$f" ] || show

f=$failed
pxe_boot ipxe.pxe "$pxe"
check_pxe ipxe.pxe e1000g "" 2
[ "$failed" = "$f" ] || show

# Bad input: the prefix with no .lkrn after it.  The .lkrn starts on a
# sector boundary (the prefix is whole sectors) with "HdrS" 0x202 bytes in.
f=$failed
psize=$(grep -obUa HdrS "$kpxe" | cut -d: -f1 |
	awk '$1 > 514 && ($1 - 514) % 512 == 0 { print $1 - 514; exit }')
head -c "${psize:-0}" "$kpxe" > "$tmp/broken"
head -c 4096 /dev/zero >> "$tmp/broken"
printf '\370\003' > "$tmp/sercon"  # SeaBIOS: INT 10h output to COM1 (0x3f8)
pxe_boot broken.kpxe "$tmp/broken" -fw_cfg name=etc/sercon-port,file="$tmp/sercon"
if log_lines | grep -q '^lwpxe: no Linux boot header after the PXE prefix: broken image$'; then
	pass "broken kpxe: one line naming the cause"
else
	fail "broken kpxe" "no line 'lwpxe: no Linux boot header after the PXE prefix: broken image'"
fi
if [ "$rc" = 125 ]; then
	pass "broken kpxe: back in the PXE ROM, which tried the next boot device"
else
	fail "broken kpxe: back to the ROM" "QEMU exited with $rc, not 125 (no bootable device)"
fi
[ "$failed" = "$f" ] || show

qemu_summary
