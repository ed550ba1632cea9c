#!/bin/sh
# BIOS image formats test: qemu -kernel boots an ipxe.lkrn whose embedded
# script (tests/qemu/bios_images.ipxe) runs dhcp and chains the scenario
# script QEMU's DHCP names as the boot file, from QEMU's TFTP server
# (user network, tftp=DIR).  Three boots:
#
#  Linux (bios_bzimage.ipxe): a PXE boot program (nbp_hello.S: prints to
#    COM1 whether it got a PXE API, returns) with `chain`; a missing file;
#    Debian's kernel (gzip -9'd: `boot` unpacks it and starts what it
#    holds, as iPXE does) and the test initramfs (gzip, passed on as it is)
#    with `kernel`/`initrd`, started with `boot` (Linux boot protocol:
#    real-mode setup in base memory, kernel and initrd high).  They are the files on the UEFI Linux LU
#    (tests/qemu/mklu-efi-linux.sh), whose initramfs prints the SHA-256 of
#    a file inside it, tries DHCP with Linux's own driver and powers off.
#  multiboot, ELF and a.out kludge (bios_multiboot.ipxe): the test kernel
#    mbtest.c, linked at 1 MiB over lwpxe itself, with two modules; it
#    prints what it was handed and ends QEMU through isa-debug-exit.
#
# and two from HTTP.usb (an ipxe.usb with the same embedded script,
# which trusts only the test CA in PKI-DIR) on a USB stick, with nginx on
# the host (10.0.2.2 to the guest) serving the same kernel and initramfs
# over HTTP and HTTPS (PKI-DIR's certificate for 10.0.2.2): QEMU's DHCP
# names bios_http.ipxe there, which refuses a text file and a truncated
# kernel with one line each, fetches both over HTTP, then over HTTPS, and
# boots them; then, on a CPU without long mode (-cpu qemu64,-lm: the
# 32-bit ChaCha20-Poly1305), the initramfs over HTTPS and its SHA-256.
#
# Checks the serial log: each format's lines, sizes and SHA-256 as served,
# the command lines, one line per refusal, and that what was booted ran.
#
# usage: tests/qemu/test_bios_bzimage.sh IMAGE.lkrn LU.img HTTP.usb PKI-DIR
#        (LU.img.sha256 and LU.img.kernel beside it; PKI-DIR from
#        tests/qemu/mk-qemu-pki.sh)
#   NIC=e1000e     the NIC model (default e1000)
#   KEEP_TMP=1     keep the scratch folder (serial logs) for a look
# shellcheck disable=SC2086  # QEMU arguments are split on purpose
set -eu

# shellcheck source=tests/qemu/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=tests/qemu/bios_lib.sh
. "$(dirname "$0")/bios_lib.sh"

here=$(dirname "$0")
image=$1
lu=$2
usb=$3
pki=$(cd "$4" && pwd)
nic=${NIC:-e1000}
limit=600                       # seconds for one boot (TCG)
cmdline='console=ttyS0,115200 panic=-1 rdinit=/init'

need_files "$image" "$lu" "$lu.sha256" "$lu.kernel" "$usb" "$pki/server.pem" \
	"$pki/server.key"

# --- the files each scenario fetches -----------------------------------------

# The kernel and the initramfs from the LU's FAT partition (at 1 MiB), the
# PXE boot program, the multiboot kernel (ELF, and flat with the a.out
# kludge) and its modules.
mkdir -p "$tmp/mb-elf" "$tmp/mb-kludge"
lu_linux_files "$lu" "$tmp/linux"
cp "$here/bios_bzimage.ipxe" "$tmp/linux/"
gcc -m32 -c "$here/nbp_hello.S" -o "$tmp/nbp_hello.o"
ld -m elf_i386 -N -Ttext=0x7c00 -e nbp_start --oformat binary \
	-o "$tmp/linux/hello.0" "$tmp/nbp_hello.o"
gcc -m32 -Os -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
	-fno-asynchronous-unwind-tables -c "$here/mbtest.c" -o "$tmp/mbtest.o"
for v in elf kludge; do
	gcc -m32 $([ $v = kludge ] && echo -DMB_KLUDGE) \
		-c "$here/mbtest_start.S" -o "$tmp/mbtest_start-$v.o"
	ld -m elf_i386 -N -Ttext=0x100000 -e mbtest_start --build-id=none \
		--no-warn-rwx-segments -o "$tmp/mbtest-$v.elf" \
		"$tmp/mbtest_start-$v.o" "$tmp/mbtest.o"
	cp "$here/bios_multiboot.ipxe" "$tmp/mb-$v/"
	printf 'the first module\n' > "$tmp/mb-$v/mod1.txt"
	head -c 5000 /dev/zero | tr '\0' 'M' > "$tmp/mb-$v/mod2.bin"
done
cp "$tmp/mbtest-elf.elf" "$tmp/mb-elf/mbtest"
objcopy -O binary "$tmp/mbtest-kludge.elf" "$tmp/mb-kludge/mbtest"

kernel_size=$(wc -c < "$tmp/linux/vmlinuz")
gzip -9 -n -c "$tmp/linux/vmlinuz" > "$tmp/linux/vmlinuz.gz"
gz_size=$(wc -c < "$tmp/linux/vmlinuz.gz")
initrd_size=$(wc -c < "$tmp/linux/initrd.img")
initrd_sha=$(sha256sum "$tmp/linux/initrd.img" | cut -d' ' -f1)

# Stop early once what was booted is done or the firmware gave up.
qemu_poll() {
	echo "$lines" | grep -q '^lwpxe-linux-done\|^lwpxe-boot-returned\|^lwpxe: exit status'
}

# scenario NAME DIR SCRIPT: boot with DIR as the TFTP folder and SCRIPT
# as the boot file name.
scenario() {
	boot "$1" -kernel "$image" -append debug-exit=0x501 \
		-netdev user,id=n0,tftp="$2",bootfile="$3" \
		-device "$nic,netdev=n0,romfile="
}

# fetch_rate URI SIZE: "T s, R MB/s" from the firmware's line for the
# download of URI (SIZE bytes), or "?"
fetch_rate() {
	fr=$(log_lines | sed -n "s|^$1: ok, $2 bytes in \([0-9.]*\) s (\(.*\))\$|\1 s, \2|p")
	echo "${fr:-?}"
}

# lines_of SCRIPT: the serial log without SCRIPT's name on error lines
lines_of() {
	log_lines | sed "s/^$1:[0-9]*: //"
}

# --- Linux, and a PXE boot program first ------------------------------------

scenario bzimage "$tmp/linux" bios_bzimage.ipxe
f=$failed
if lines_of bios_bzimage.ipxe | grep -xF 'chain: hello.0: no PXE API to pass on (lwpxe was not loaded by a PXE ROM that kept its stack)' >/dev/null &&
	log_lines | grep -v '^timeline: ' |
	grep -A2 -x 'Starting PXE boot program hello.0 (162 bytes) at 0:7C00' |
	tr '\n' ' ' | grep -q 'lwpxe-nbp-hello lwpxe-nbp-pxenv=none $'; then
	pass "chain: the PXE boot program ran at 0:7C00 (no PXE API: one line)"
else
	fail "chain of a PXE boot program" "no 'Starting PXE boot program hello.0' and its output"
fi
expect_then "chain: the PXE boot program returned with AX=0" bios_bzimage.ipxe -F \
	'chain: hello.0 returned; network interfaces are closed' lwpxe-nbp-chain-ok
expect_then "missing file: one line, then the || branch" bios_bzimage.ipxe -F \
	'kernel: tftp://10.0.2.2/missing.img: file not found' lwpxe-missing-refused
if log_lines | grep -q "^tftp://10\.0\.2\.2/vmlinuz\.gz: ok, $gz_size bytes in "; then
	pass "gzipped kernel fetched over TFTP: $gz_size bytes"
else
	fail "kernel fetched" "no 'tftp://10.0.2.2/vmlinuz.gz: $gz_size bytes' line"
fi
if log_lines | grep -q "^tftp://10\.0\.2\.2/initrd\.img: ok, $initrd_size bytes in "; then
	pass "initrd fetched by a name relative to next-server: $initrd_size bytes"
else
	fail "initrd fetched" "no 'tftp://10.0.2.2/initrd.img: $initrd_size bytes' line"
fi
if log_lines | grep -qxF "vmlinuz.gz: $gz_size bytes [gzip] [selected] \"$cmdline\""; then
	pass "imgstat: the kernel is gzip, selected, with its command line"
else
	fail "imgstat" "no 'vmlinuz.gz: $gz_size bytes [gzip] [selected] ...' line"
fi
if log_lines | grep -qxF "$initrd_sha  initrd.img"; then
	pass "sha256sum: the initrd as served"
else
	fail "sha256sum" "no '$initrd_sha  initrd.img' line"
fi
if log_lines | grep -q '^Booting vmlinuz: Linux boot protocol'; then
	pass "boot: vmlinuz.gz unpacked, vmlinuz started: $(log_lines | grep '^Booting vmlinuz: ' | sed 's/^Booting vmlinuz: //')"
else
	fail "boot" "no 'Booting vmlinuz: ...' line"
fi
# the initrd alone (padded to 4 bytes): the kernel's archive is none
if log_lines | grep -q "^Booting vmlinuz: .*, $(( (initrd_size + 3) / 4 * 4 )) bytes of initrd at "; then
	pass "boot: the initramfs is the only initrd (not the kernel's archive)"
else
	fail "boot: initrds" "not $(( (initrd_size + 3) / 4 * 4 )) bytes of initrd in the 'Booting vmlinuz:' line"
fi
want_ver=$(cat "$lu.kernel")
# not a whole line: the kernel's messages may share the console line
if log_lines | grep -q "lwpxe-linux-started $want_ver"; then
	pass "Linux $want_ver started"
else
	fail "Linux started" "no line 'lwpxe-linux-started $want_ver'"
fi
if log_lines | grep -q "Command line: $cmdline\$"; then
	pass "Linux got the command line"
else
	fail "Linux command line" "no 'Command line: $cmdline' in its log"
fi
want_sha=$(cat "$lu.sha256")
got_sha=$(log_lines | sed -n 's/^lwpxe-linux-big-sha256 //p' | head -1)
if [ "$got_sha" = "$want_sha" ]; then
	pass "the initramfs ran: SHA-256 of the file inside it matches"
else
	fail "initramfs" "big.bin SHA-256 '${got_sha:-none}', want $want_sha"
fi
if log_lines | grep -qx 'lwpxe-linux-done'; then
	pass "the initramfs ran to the end"
else
	fail "initramfs end" "no line 'lwpxe-linux-done'"
fi
if ! log_lines | grep -q '^lwpxe-boot-returned'; then
	pass "boot did not return"
else
	fail "boot did not return" "$(lines_of bios_bzimage.ipxe | grep -B1 '^lwpxe-boot-returned' | head -1)"
fi
echo "qemu: TFTP (512-byte blocks) fetched the $gz_size-byte gzipped kernel in $(fetch_rate tftp://10.0.2.2/vmlinuz.gz "$gz_size") (TCG, slirp)"
[ "$failed" = "$f" ] || show

# --- Linux over HTTP, then HTTPS, from ipxe.usb ----------------------------------

f=$failed
mkdir -p "$tmp/www"
cp "$tmp/linux/vmlinuz" "$tmp/linux/initrd.img" "$tmp/www/"
echo "not an image" > "$tmp/www/hello.txt"
head -c 65536 "$tmp/linux/vmlinuz" > "$tmp/www/short.img"
big_size=$((80 * 1048576))      # more than the 64 MiB heap lwpxe starts with
head -c "$big_size" /dev/zero > "$tmp/www/big.img"
host_nginx_need "$tmp/www" "" "$pki"
sed "s/TLS_PORT/$sport/" "$here/bios_http.ipxe" > "$tmp/www/bios_http.ipxe"
cp "$usb" "$tmp/http.usb"       # QEMU locks the image; boot a copy
http=http://10.0.2.2:$port
https=https://10.0.2.2:$sport
bios_mem=512 boot http -device qemu-xhci -drive if=none,id=stick,format=raw,file="$tmp/http.usb" \
	-device usb-storage,drive=stick,bootindex=0 \
	-netdev user,id=n0,bootfile="$http/bios_http.ipxe" \
	-device "$nic,netdev=n0,romfile="
expect_then "a text file over HTTP: one line, then the || branch" bios_http.ipxe '' \
	'chain: hello.txt: not an image pcbios can start (it starts: .*)' lwpxe-http-text-refused
expect_then "a truncated kernel: one line, then the || branch" bios_http.ipxe -F \
	'boot: short.img: truncated: the file is shorter than its header says' lwpxe-http-short-refused
if log_lines | grep -q "^$http/big.img: ok, $big_size bytes in "; then
	pass "an 80 MiB file over HTTP: the heap grows past the 64 MiB it starts with"
else
	fail "an 80 MiB file over HTTP" "$(log_lines | grep "big.img" | head -1)"
fi
kernel_sha=$(sha256sum "$tmp/linux/vmlinuz" | cut -d' ' -f1)
for base in "$http" "$https"; do
	for f_ in vmlinuz:$kernel_size initrd.img:$initrd_size; do
		if log_lines | grep -q "^$base/${f_%:*}: ok, ${f_#*:} bytes in "; then
			pass "${f_%:*} fetched from $base: ${f_#*:} bytes"
		else
			fail "${f_%:*} from $base" "no '$base/${f_%:*}: ok, ${f_#*:} bytes' line"
		fi
	done
done
if [ "$(log_lines | grep -cxF "$kernel_sha  vmlinuz")" = 2 ] &&
   [ "$(log_lines | grep -cxF "$initrd_sha  initrd.img")" = 2 ]; then
	pass "sha256sum: the kernel and the initrd as served, over HTTP and over HTTPS"
else
	fail "sha256sum over HTTP and HTTPS" "not twice '$kernel_sha  vmlinuz' and '$initrd_sha  initrd.img'"
fi
if log_lines | grep -qxF "vmlinuz: $kernel_size bytes [bzImage] [selected] \"$cmdline\""; then
	pass "imgstat: the kernel from HTTPS is a bzImage, selected"
else
	fail "imgstat" "no 'vmlinuz: $kernel_size bytes [bzImage] [selected] ...' line"
fi
if log_lines | grep -q "lwpxe-linux-started $want_ver" &&
   [ "$(log_lines | sed -n 's/^lwpxe-linux-big-sha256 //p' | head -1)" = "$want_sha" ]; then
	pass "Linux $want_ver from HTTPS ran the initramfs: SHA-256 of the file inside it matches"
else
	fail "Linux from HTTPS" "no 'lwpxe-linux-started $want_ver' and big.bin's SHA-256 $want_sha"
fi
if log_lines | grep -qx 'lwpxe-linux-done' && ! log_lines | grep -q '^lwpxe-boot-returned'; then
	pass "the initramfs ran to the end, boot did not return"
else
	fail "Linux from HTTPS: end" "no 'lwpxe-linux-done', or boot returned"
fi
for base in "$http" "$https"; do
	echo "qemu: ${base%%:*} fetched the $kernel_size-byte kernel in $(fetch_rate "$base/vmlinuz" "$kernel_size") (TCG, slirp)"
done
[ "$failed" = "$f" ] || show

# --- HTTPS on a CPU without long mode -------------------------------------------

# The boot above ran ChaCha20-Poly1305 in long mode (arch/x86/pcbios/crypto64);
# a CPU without it (QEMU's default model less lm) runs the same code built
# for 32 bits.  The script ends, the firmware returns to SeaBIOS.
f=$failed
printf '#!ipxe\nimgfetch %s/initrd.img\nsha256sum initrd.img\n' "$https" \
	> "$tmp/www/https32.ipxe"
bios_mem=512 boot https32 -cpu qemu64,-lm -device qemu-xhci \
	-drive if=none,id=stick,format=raw,file="$tmp/http.usb" \
	-device usb-storage,drive=stick,bootindex=0 \
	-netdev user,id=n0,bootfile="$http/https32.ipxe" \
	-device "$nic,netdev=n0,romfile="
if log_lines | grep -qxF "$initrd_sha  initrd.img"; then
	pass "HTTPS on a CPU without long mode: the initrd as served (32-bit ChaCha20-Poly1305)"
else
	fail "HTTPS without long mode" "no '$initrd_sha  initrd.img' line"
fi
echo "qemu: https without long mode fetched the $initrd_size-byte initrd in $(fetch_rate "$https/initrd.img" "$initrd_size") (TCG, slirp)"
[ "$failed" = "$f" ] || show

# --- multiboot: ELF, then the a.out kludge ------------------------------------

for v in elf kludge; do
	f=$failed
	scenario "mb-$v" "$tmp/mb-$v" bios_multiboot.ipxe
	what="multiboot ($v)"
	case $v in elf) format=ELF ;; *) format='a.out kludge' ;; esac
	if log_lines | grep -q "^Booting mbtest: multiboot $format, entry 0x100000, 1 segment(s), information at 0x"; then
		pass "$what: lwpxe loads it at 1 MiB, over itself"
	else
		fail "$what" "no 'Booting mbtest: multiboot $format, entry 0x100000' line"
	fi
	expect_exit "$what: the kernel" 33
	if log_lines | grep -qx 'lwpxe-mb-magic 0x2badb002'; then
		pass "$what: EAX = 0x2BADB002"
	else
		fail "$what: magic" "$(log_lines | grep '^lwpxe-mb-magic' || echo 'no lwpxe-mb-magic line')"
	fi
	if log_lines | grep -qx 'lwpxe-mb-flags 0x0000024d'; then
		pass "$what: information flags: memory, command line, modules, memory map, loader name"
	else
		fail "$what: flags" "$(log_lines | grep '^lwpxe-mb-flags' || echo 'no lwpxe-mb-flags line')"
	fi
	lower=$(log_lines | sed -n 's/^lwpxe-mb-mem-lower //p')
	upper=$(log_lines | sed -n 's/^lwpxe-mb-mem-upper //p')
	entries=$(log_lines | sed -n 's/^lwpxe-mb-mmap-entries //p')
	if [ "${lower:-0}" -ge 500 ] && [ "${lower:-0}" -le 640 ] &&
	   [ "${upper:-0}" -ge 200000 ] && [ "${entries:-0}" -ge 3 ]; then
		pass "$what: mem_lower $lower KiB, mem_upper $upper KiB, $entries map entries"
	else
		fail "$what: memory" "mem_lower '$lower', mem_upper '$upper', map entries '$entries'"
	fi
	if log_lines | grep -qx 'lwpxe-mb-cmdline mbtest console=ttyS0 lwpxe-marker' &&
	   log_lines | grep -qx 'lwpxe-mb-loader lwpxe'; then
		pass "$what: command line and boot loader name"
	else
		fail "$what: command line" "no 'lwpxe-mb-cmdline mbtest console=ttyS0 lwpxe-marker' line"
	fi
	if log_lines | grep -qx 'lwpxe-mb-mods 2' &&
	   log_lines | grep -qx 'lwpxe-mb-mod mod1.txt first module size=17 page-aligned data=the first module' &&
	   log_lines | grep -qx 'lwpxe-mb-mod mod2.bin size=5000 page-aligned data=MMMMMMMMMMMMMMMM'; then
		pass "$what: two modules, page-aligned, with their command lines, sizes and data"
	else
		fail "$what: modules" "$(log_lines | grep '^lwpxe-mb-mod' | tr '\n' '|')"
	fi
	if log_lines | grep -qx 'lwpxe-mb-bss-zero'; then
		pass "$what: .bss zeroed (over what lwpxe left there)"
	else
		fail "$what: .bss" "no 'lwpxe-mb-bss-zero' line"
	fi
	[ "$failed" = "$f" ] || show
done

qemu_summary
