#!/bin/sh
# Host tests of iPXE's everyday commands and settings on the Linux build:
# static addressing (set net0/ip, netmask, gateway, dns; no DHCP seen by
# dnsmasq) then HTTP and TFTP-by-name fetches; ping to the namespace's
# address and to a silent one; ipstat; a cpuid-based architecture choice
# and ${cpuvendor}/${cpumodel}/${memsize}/${cpuid/...} against /proc;
# shim skipped, ${secureboot} unset; SMBIOS from sysfs (or cleanly absent); reboot/poweroff
# exit statuses; imgextract (gzip, zlib, damaged archives); VLANs
# (vcreate/vdestroy) against a tagging peer; ifconf,
# iflinkwait, autoboot, time, sync, config, console, chain -ar, kernel
# --timeout, ${netX/...} and ${errno}.
. "$(dirname "$0")/lib.sh"

ns_setup
root=$TMP/files
mkdir -p "$root"
head -c 50000 /dev/urandom > "$root/hello.bin"
printf '#!ipxe\necho autoboot-chained ${netX/ip}\n' > "$root/boot.ipxe"
# imgextract: gzip (-9 and -1, a stored block, an empty file) and zlib
# archives of random bytes followed by text, and damaged ones
(head -c 3000000 /dev/urandom; seq 1 200000) > "$TMP/mix"
# starting archives: a script gzipped, gzipped twice, and as a zlib stream
printf '#!ipxe\necho inner-ran ${phase}\nimgstat\necho inner-end\n' > "$root/inner.ipxe"
gzip -9 -c "$root/inner.ipxe" > "$root/inner.ipxe.gz"
gzip -1 -c "$root/inner.ipxe.gz" > "$root/twice.ipxe.gz.gz"
gzip -9 -c "$TMP/mix" > "$root/mix.gz"
seq 1 100000 | gzip -1 > "$root/seq.gz"
gzip -c < /dev/null > "$root/empty.gz"
python3 - "$TMP/mix" "$root" <<'PY'
import gzip, sys, zlib
src, root = sys.argv[1], sys.argv[2]
data = open(src, 'rb').read()
open(root + '/mix.zlib', 'wb').write(zlib.compress(data, 6))
gz = open(root + '/mix.gz', 'rb').read()
seq = open(root + '/seq.gz', 'rb').read()
bad = bytearray(seq); bad[len(bad) // 2] ^= 0x55
open(root + '/bad.gz', 'wb').write(bad)
crc = bytearray(seq); crc[-8] ^= 1
open(root + '/crc.gz', 'wb').write(crc)
open(root + '/cut.gz', 'wb').write(gz[:5000] + gz[-8:])
open(root + '/huge.gz', 'wb').write(gz[:5000])
open(root + '/stored.gz', 'wb').write(gzip.compress(b'stored', compresslevel=0))
inner = open(root + '/inner.ipxe', 'rb').read()
open(root + '/inner.zlib', 'wb').write(zlib.compress(inner, 9))
PY
chmod 755 "$TMP" "$root"
chmod 644 "$root"/*
DNS_PORT=53 start_dnsmasq --enable-tftp --tftp-root="$root" \
	--dhcp-boot=boot.ipxe,,10.99.0.1 --address=/files.test/10.99.0.1
start_nginx "$root"
hello=$(sha256sum "$root/hello.bin" | cut -d' ' -f1)

# --- static addressing, ping, ipstat -----------------------------------------
discovers() {
	grep -c DHCPDISCOVER "$TMP/dnsmasq.log" || true
}
before=$(discovers)
run_lwpxe static '#!ipxe
ifopen net0
set net0/ip 10.99.0.77
set net0/netmask 255.255.255.0
set net0/gateway 10.99.0.1
set net0/dns 10.99.0.1
route
echo netX ${netX/ip} ${netX/gateway}
imgfetch http://10.99.0.1/hello.bin
sha256sum hello.bin
imgfetch --name bydns tftp://files.test/hello.bin
sha256sum bydns
ping --count 2 --timeout 500 10.99.0.1 && echo ping-answered
ping --count 2 --timeout 300 10.99.0.200 || echo silent-failed errno=${errno}
ipstat
clear net0/ip
route
imgfetch --name again http://10.99.0.1/hello.bin || echo unreachable' --net tap0
out=$TMP/static.out
expect "static: route shows the set address, mask and gateway" "$out" \
	"net0: 10.99.0.77/255.255.255.0 gw 10.99.0.1"
expect "static: \${netX/...} is the NIC opened last" "$out" "netX 10.99.0.77 10.99.0.1"
expect "static: HTTP fetch without DHCP, SHA-256 as on the server" "$out" "$hello  hello.bin"
expect "static: TFTP fetch by a name the set dns server resolves" "$out" "$hello  bydns"
if [ "$(discovers)" = "$before" ]; then
	pass "static: no DHCP message reached dnsmasq"
else
	fail "static: no DHCP message reached dnsmasq" "dnsmasq saw DHCPDISCOVER" "$TMP/dnsmasq.log"
fi
expect "ping: a reply from the namespace's address" "$out" "64 bytes from 10.99.0.1: seq=1"
expect "ping: the command succeeds" "$out" "ping-answered"
expect "ping: no reply from a silent address, one line per request" "$out" \
	"64 bytes from 10.99.0.200: seq=2: timed out"
expect_branch "ping: a silent address fails into ||, \${errno} is iPXE's ETIMEDOUT" "$out" \
	"static.ipxe:14: ping: 10.99.0.200: no reply" "silent-failed errno=0x4c000035"
if grep -q "^  OutTransmits:[1-9][0-9]* OutNoRoutes:" "$out" &&
   grep -q "^  InReceives:[1-9]" "$out"; then
	pass "ipstat: IPv4 counters counted"
else
	fail "ipstat: IPv4 counters counted" "no counts" "$out"
fi
expect_branch "static: clear net0/ip removes the address" "$out" \
	"static.ipxe:18: imgfetch: http://10.99.0.1/hello.bin: Network is unreachable" "unreachable"

# --- cpuid, CPU and machine settings, SMBIOS -----------------------------------
run_lwpxe cpu '#!ipxe
cpuid --ext 29 && set arch x86_64 || set arch i386
echo arch=${arch}
cpuid --ext --ecx 32 || echo bad-bit
cpuid --edx 1 || echo bad-option
echo vendor=${cpuvendor}
echo model=${cpumodel}
echo memsize=${memsize}
echo build ${buildarch} ${platform} ${version}
isset ${manufacturer} && echo manufacturer=${manufacturer} || echo no-smbios
echo smbios=${smbios/1.4.0}
echo cpuid-edx=${cpuid/3.0x80000001}
echo cpuid-vendor=${cpuid/0x822d.0:string}
echo cpuid-model=${cpuid/0x8283e4.2:string}
isset ${cpuid/0x7f.0x40.0.0x7fffffff} || echo no-such-leaf
shim --timeout 1000 http://10.99.0.1/shimx64.efi && echo shim-went-on
shim --key x || echo shim-usage
shim -l --allow-pxe --allow-sbat shimx64.efi && echo shim-ipxe-flags
isset ${secureboot} || echo secureboot-unset' --net tap0
out=$TMP/cpu.out
arch=i386
grep -qw lm /proc/cpuinfo && arch=x86_64
expect "cpuid: --ext 29 chooses the architecture /proc/cpuinfo says" "$out" "arch=$arch"
expect_branch "cpuid: a bit past 31 is one line and ||" "$out" \
	'cpu.ipxe:4: cpuid: "32" is not a bit number (0-31)' "bad-bit"
expect_branch "cpuid: an unknown option is one line and ||" "$out" \
	'cpu.ipxe:5: cpuid: unknown option "--edx"; usage: cpuid [--ext] [--ecx] bit' "bad-option"
expect "\${cpuvendor} as /proc/cpuinfo" "$out" \
	"vendor=$(sed -n 's/^vendor_id[[:space:]]*: //p' /proc/cpuinfo | head -1)"
expect "\${cpumodel} as /proc/cpuinfo" "$out" \
	"model=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -1 | sed 's/ *$//')"
expect "\${memsize} in MiB as /proc/meminfo" "$out" \
	"memsize=$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)"
expect "\${buildarch} \${platform} \${version}" "$out" "build x86_64 linux 0.1"
if [ -r /sys/firmware/dmi/tables/DMI ] && [ -r /sys/class/dmi/id/sys_vendor ]; then
	expect "SMBIOS: \${manufacturer} as sysfs" "$out" \
		"manufacturer=$(cat /sys/class/dmi/id/sys_vendor)"
else
	expect "SMBIOS: absent without /sys/firmware/dmi/tables/DMI" "$out" "no-smbios"
	expect "SMBIOS: \${smbios/...} empty without a table" "$out" "smbios="
fi

edx=$(sed -n 's/^cpuid-edx=//p' "$out")
if [ -n "$edx" ] && [ "$(( (0x$edx >> 29) & 1 ))" = "$([ $arch = x86_64 ] && echo 1 || echo 0)" ]; then
	pass "\${cpuid/3.0x80000001}: EDX bit 29 (long mode) as /proc/cpuinfo says"
else
	fail "\${cpuid/3.0x80000001}: EDX bit 29 (long mode) as /proc/cpuinfo says" "got '$edx'" "$out"
fi
expect "\${cpuid/...}: iPXE's own tag of \${cpuvendor} (EBX, EDX, ECX little-endian)" "$out" \
	"cpuid-vendor=$(sed -n 's/^vendor_id[[:space:]]*: //p' /proc/cpuinfo | head -1)"
expect "\${cpuid/...}: iPXE's own tag of \${cpumodel} (three leaves, four registers)" "$out" \
	"cpuid-model=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -1 | sed 's/ *$//')"
expect "\${cpuid/...}: a leaf past the CPU's highest is unset" "$out" "no-such-leaf"
expect_branch "shim: skipped in one line on Linux, the script goes on" "$out" \
	"cpu.ipxe:16: shim: http://10.99.0.1/shimx64.efi skipped: not supported on this platform (only UEFI Secure Boot uses a shim)" \
	"shim-went-on"
expect_branch "shim: an unknown option is a usage line and ||" "$out" \
	'cpu.ipxe:17: shim: unknown option "--key"; usage: shim [--timeout MS] [--require-loader] [--allow-pxe] [--allow-sbat] [uri|image]' "shim-usage"
expect_branch "shim: iPXE's --require-loader, --allow-pxe and --allow-sbat are accepted" "$out" \
	"cpu.ipxe:18: shim: shimx64.efi skipped: not supported on this platform (only UEFI Secure Boot uses a shim)" \
	"shim-ipxe-flags"
expect "\${secureboot}: unset where there is no UEFI Secure Boot" "$out" "secureboot-unset"

# --- reboot and poweroff -------------------------------------------------------
power_status() {
	run_lwpxe "power$2" "#!ipxe
$1
echo still-running"
	if [ "$status" = "$3" ] && ! grep -q still-running "$TMP/power$2.out"; then
		pass "$1: the process exits with $3"
	else
		fail "$1: the process exits with $3" "status $status" "$TMP/power$2.out"
	fi
}
power_status poweroff 1 200
power_status reboot 2 201
power_status "reboot --warm" 3 202
run_lwpxe power4 '#!ipxe
reboot now || echo refused'
expect_branch "reboot: an operand is a usage line and ||" "$TMP/power4.out" \
	"power4.ipxe:2: Usage: reboot [--warm]" "refused"

# --- imgextract ------------------------------------------------------------------
run_lwpxe extract '#!ipxe
ifopen net0
set net0/ip 10.99.0.78
set net0/netmask 255.255.255.0
imgextract http://10.99.0.1/mix.gz && sha256sum mix
imgfetch http://10.99.0.1/mix.zlib
imgextract --keep --name unz mix.zlib && sha256sum unz
imgextract --timeout 5000 http://10.99.0.1/seq.gz && sha256sum seq
imgextract http://10.99.0.1/stored.gz && sha256sum stored
imgextract http://10.99.0.1/empty.gz && sha256sum empty
imgstat
imgextract http://10.99.0.1/bad.gz || echo bad-refused
imgextract http://10.99.0.1/crc.gz || echo crc-refused
imgextract http://10.99.0.1/cut.gz || echo cut-refused
imgextract http://10.99.0.1/huge.gz || echo huge-refused
imgfetch --name plainz http://10.99.0.1/mix.zlib && imgextract --keep plainz || echo plain-refused
imgextract unz || echo not-archive errno=${errno}
imgextract --keep unz.gz || echo fetch-failed
imgextract || echo usage' --net tap0
out=$TMP/extract.out
sum() {
	sha256sum | cut -d' ' -f1
}
expect "imgextract: a gzip -9 file, SHA-256 as the original" "$out" "$(sum < "$TMP/mix")  mix"
expect "imgextract: a zlib stream (--keep, --name), SHA-256 as the original" "$out" \
	"$(sum < "$TMP/mix")  unz"
expect "imgextract: a gzip -1 file (--timeout)" "$out" "$(seq 1 100000 | sum)  seq"
expect "imgextract: a stored block" "$out" "$(printf stored | sum)  stored"
expect "imgextract: an empty file" "$out" "$(sum < /dev/null)  empty"
if grep -q "^mix.zlib: " "$out" && ! grep -q "^mix.gz: " "$out" &&
   ! grep -q "^seq.gz: " "$out" && grep -q "^unz: " "$out"; then
	pass "imgextract: archives freed, a --keep one kept (imgstat)"
else
	fail "imgextract: archives freed, a --keep one kept (imgstat)" "imgstat differs" "$out"
fi
if strip "$out" | grep -A1 "^extract.ipxe:12: imgextract: bad.gz: ." | tail -1 |
   grep -qx bad-refused; then
	pass "imgextract: a damaged stream is one line and ||"
else
	fail "imgextract: a damaged stream is one line and ||" "no line and ||" "$out"
fi
expect_branch "imgextract: a wrong CRC-32 is one line and ||" "$out" \
	"extract.ipxe:13: imgextract: crc.gz: the CRC-32 in its trailer does not match" "crc-refused"
expect_branch "imgextract: a truncated file is one line and ||" "$out" \
	"extract.ipxe:14: imgextract: cut.gz: the data ends early" "cut-refused"
expect_branch "imgextract: a size the stream cannot hold is one line and ||" "$out" \
	"extract.ipxe:15: imgextract: huge.gz: its trailer gives a size no DEFLATE stream of this length can produce" \
	"huge-refused"
expect_branch "imgextract: --keep with the archive's own name is one line and ||" "$out" \
	"extract.ipxe:16: imgextract: plainz: the extracted image would replace the kept archive (give it a --name)" \
	"plain-refused"
expect_branch "imgextract: a file that is no archive is one line, \${errno} ENOEXEC" "$out" \
	"extract.ipxe:17: imgextract: unz: not an archive we can unpack (gzip, zlib)" \
	"not-archive errno=0x2e000001"
expect "imgextract: no image of that name and no next-server: fails into ||" "$out" "fetch-failed"
expect_branch "imgextract: no operand is a usage line" "$out" \
	"extract.ipxe:19: Usage: imgextract [--name N] [--timeout MS] [--keep] uri|image" "usage"

# --- starting archives (chain, boot, imgexec of gzip and zlib images) -------------
run_lwpxe archexec '#!ipxe
ifopen net0
set net0/ip 10.99.0.79
set net0/netmask 255.255.255.0
set phase gzip
chain http://10.99.0.1/inner.ipxe.gz a1 b=2 && echo gzip-ok
set phase zlib
chain http://10.99.0.1/inner.zlib z1 && echo zlib-ok
set phase twice
chain http://10.99.0.1/twice.ipxe.gz.gz && echo twice-ok
set phase boot
kernel http://10.99.0.1/inner.ipxe.gz k1
boot && imgstat
set phase imgexec
imgargs inner.ipxe.gz k2
imgexec inner.ipxe.gz
boot --autofree
imgstat inner.ipxe.gz || echo archive-freed
chain http://10.99.0.1/crc.gz || echo crc-refused errno=${errno}
chain --replace http://10.99.0.1/cut.gz || echo cut-refused
echo end' --net tap0
out=$TMP/archexec.out
inner_len=$(wc -c < "$root/inner.ipxe")
# phase PHASE: what the inner script printed in the run marked PHASE
phase() {
	awk -v start="inner-ran $1" '$0 == start { on = 1 } on { print } /^inner-end$/ { on = 0 }' \
		"$out" > "$TMP/phase-$1.out"
	echo "$TMP/phase-$1.out"
}
expect "chain of a gzip script: it runs, named without .gz, with the arguments" "$(phase gzip)" \
	"inner.ipxe: $inner_len bytes [script] \"a1 b=2\""
expect "chain of a gzip script: its status is chain's" "$out" "gzip-ok"
expect "chain of a zlib script: it runs, named without its last suffix, with the arguments" \
	"$(phase zlib)" "inner: $inner_len bytes [script] \"z1\""
expect "chain of a gzip file in a gzip file: both unpacked" "$(phase twice)" \
	"twice.ipxe: $inner_len bytes [script]"
expect "kernel + boot of a gzip script: kernel's arguments carried" "$(phase boot)" \
	"inner.ipxe: $inner_len bytes [script] \"k1\""
if ! grep -q "^inner.ipxe.gz: " "$(phase boot)"; then
	pass "boot of a gzip script: the archive is out of the list while it runs"
else
	fail "boot of a gzip script: the archive is out of the list while it runs" \
		"imgstat lists it" "$TMP/phase-boot.out"
fi
if awk '/^inner-end$/ { n++ } n == 4' "$out" | grep -qxF \
	"inner.ipxe.gz: $(wc -c < "$root/inner.ipxe.gz") bytes [gzip] [selected] \"k1\""; then
	pass "boot of a gzip script: the archive back in the list after, still selected"
else
	fail "boot of a gzip script: the archive back in the list after" "no imgstat line" "$out"
fi
expect "imgexec of a gzip script: imgargs carried" "$(phase imgexec)" \
	"inner.ipxe: $inner_len bytes [script] \"k2\""
expect "boot --autofree of a gzip script: the archive freed after" "$out" "archive-freed"
if [ "$(grep -c "^inner\.ipxe: " "$out")" = 4 ]; then
	pass "starting archives: the unpacked image freed when it returns"
else
	fail "starting archives: the unpacked image freed when it returns" \
		"not 4 inner.ipxe lines" "$out"
fi
expect_branch "chain of a damaged gzip: one line naming it and the cause, ||, \${errno} EBADMSG" "$out" \
	"archexec.ipxe:19: chain: crc.gz: the CRC-32 in its trailer does not match" \
	"crc-refused errno=0x9000001"
expect_branch "chain --replace of a damaged gzip: one line, ||, the script goes on" "$out" \
	"archexec.ipxe:20: chain: cut.gz: the data ends early" "cut-refused"
expect "chain --replace of a damaged gzip: the script goes on" "$out" "end"

# --- VLANs (vcreate/vdestroy) -------------------------------------------------------
# The kernel here may lack 802.1Q devices, so tests/host/vlan_peer.py plays
# the VLAN's far end on tap0: it logs every tagged frame and answers ARP
# and ping for 10.99.24.1 on VLAN 24 only, with tagged frames.
in_ns python3 "$top/tests/host/vlan_peer.py" tap0 24 10.99.24.1 "$TMP/vlan.log" \
	> "$TMP/vlan.out" 2>&1 &
host_pids="$host_pids $!"
wait_for_line "$TMP/vlan.log" listening || fail "vlan: the peer starts" "no 'listening'" "$TMP/vlan.out"
run_lwpxe vlan '#!ipxe
vcreate --tag 24 --priority 5 net0
vcreate --tag 25 net0
echo mac ${net0-24/mac} ${net0/mac}
ifopen net0-24
set net0-24/ip 10.99.24.5
set net0-24/netmask 255.255.255.0
ping --count 2 --timeout 2000 10.99.24.1 && echo vlan-ping-ok
set net0/ip 10.99.0.79
set net0/netmask 255.255.255.0
imgfetch http://10.99.0.1/hello.bin && sha256sum hello.bin
ifopen net0-25
set net0-25/ip 10.99.25.5
set net0-25/netmask 255.255.255.0
ping --count 1 --timeout 500 10.99.25.1 || echo vlan25-silent
vcreate --tag 24 net0 || echo dup-refused
vcreate --tag 4095 net0 || echo tag-refused
vcreate --tag 2 net7 || echo trunk-refused
vcreate --tag 3 net0-24 || echo nested-refused
vdestroy net0 || echo not-vlan
vdestroy net0-24 && echo destroyed
ping --count 1 --timeout 500 10.99.24.1 || echo gone
isset ${net0-24/mac} || echo settings-gone
vcreate --tag 24 net0 && echo recreated ${net0-24/mac}' --net tap0
out=$TMP/vlan.out
mac=$(sed -n 's/^mac \([^ ]*\) .*/\1/p' "$out")
if [ -n "$mac" ] && grep -qx "mac $mac $mac" "$out"; then
	pass "vcreate: net0-24 made, with net0's MAC"
else
	fail "vcreate: net0-24 made, with net0's MAC" "no 'mac M M' line" "$out"
fi
expect "vlan: ping over net0-24 answered (tagged frames out and in)" "$out" "vlan-ping-ok"
if grep -q "^vid=24 pcp=5 type=0x0806" "$TMP/vlan.log" &&
   grep -q "^vid=24 pcp=5 type=0x0800" "$TMP/vlan.log"; then
	pass "vlan: ARP and IPv4 leave tagged with VLAN 24, priority 5"
else
	fail "vlan: frames tagged VLAN 24, priority 5" "no such frames seen" "$TMP/vlan.log"
fi
expect "vlan: untagged traffic still on net0 (HTTP fetch)" "$out" "$hello  hello.bin"
if grep -q "^vid=25 pcp=0 type=0x0806" "$TMP/vlan.log" && grep -qx vlan25-silent "$out"; then
	pass "vlan: net0-25 tags with 25; the peer's VLAN 24 answers do not reach it"
else
	fail "vlan: net0-25 tags with 25 and gets no VLAN 24 frames" "no VLAN 25 ARP, or a reply" "$out"
fi
expect_branch "vcreate: a VLAN the trunk has is one line and ||" "$out" \
	"vlan.ipxe:16: vcreate: net0 already has VLAN 24" "dup-refused"
expect_branch "vcreate: tag 4095 is one line and ||" "$out" \
	'vlan.ipxe:17: vcreate: --tag "4095" is not a number from 1 to 4094' "tag-refused"
expect_branch "vcreate: an unknown trunk is one line and ||" "$out" \
	"vlan.ipxe:18: vcreate: net7: no such network interface" "trunk-refused"
expect_branch "vcreate: a VLAN on a VLAN is one line and ||" "$out" \
	"vlan.ipxe:19: vcreate: net0-24 is a VLAN device itself" "nested-refused"
expect_branch "vdestroy: a NIC that is no VLAN is one line and ||" "$out" \
	"vlan.ipxe:20: vdestroy: net0 is not a VLAN device" "not-vlan"
expect "vdestroy: net0-24 removed" "$out" "destroyed"
expect "vdestroy: its address is gone with it" "$out" "gone"
expect "vdestroy: its settings are gone with it" "$out" "settings-gone"
expect "vcreate: the VLAN made again after vdestroy" "$out" "recreated $mac"

# --- interface and script commands ----------------------------------------------
run_lwpxe misc '#!ipxe
iflinkwait --timeout 5000 net0 && echo link-up
ifconf --configurator ipv6 net0 || echo no-ipv6
ifconf --configurator dhcp net0 && echo leased ${netX/ip}
time sync --timeout 100
config net0.dhcp
console --picture http://10.99.0.1/bg.png --x 800 && echo console-ok
chain -ar http://10.99.0.1/missing.ipxe || echo chain-failed errno=${errno}
kernel --timeout 2000 http://10.99.0.1/hello.bin && echo kernel-ok
boot -ar --timeout x || echo boot-bad-timeout
echo end' --net tap0
out=$TMP/misc.out
expect "iflinkwait: the TAP's link comes up" "$out" "link-up"
expect_branch "ifconf --configurator ipv6: one line and ||" "$out" \
	'misc.ipxe:3: ifconf: configurator "ipv6" is not built in (lwpxe has no IPv6)' "no-ipv6"
if grep -qx "leased 10\.99\.0\.1[0-9][0-9]" "$out"; then
	pass "ifconf --configurator dhcp: a lease, \${netX/ip} shows it"
else
	fail "ifconf --configurator dhcp: a lease" "no 'leased' line" "$out"
fi
if grep -qx "sync: [0-9]*\.[0-9][0-9][0-9]s" "$out"; then
	pass "time: says how long the command took"
else
	fail "time: says how long the command took" "no 'sync: S.mmms'" "$out"
fi
expect "config: lists the lease's settings" "$out" "net0.dhcp/next-server:ipv4 = 10.99.0.1"
expect "console: framebuffer options accepted, one line says so" "$out" "console-ok"
expect_branch "chain -ar: bundled flags accepted; a missing file fails into ||" "$out" \
	"misc.ipxe:8: chain: http://10.99.0.1/missing.ipxe: 404 Not Found" "chain-failed errno=0x2d0c613b"
expect "kernel --timeout: accepted" "$out" "kernel-ok"
expect_branch "boot --timeout x: one line and ||" "$out" \
	'misc.ipxe:10: boot: invalid timeout "x"' "boot-bad-timeout"
expect "chain --replace: a failed fetch leaves the script running" "$out" "end"

run_lwpxe autoboot '#!ipxe
autoboot net0
echo after-autoboot' --net tap0
if grep -qx "autoboot-chained 10\.99\.0\.1[0-9][0-9]" "$TMP/autoboot.out"; then
	pass "autoboot: DHCP, then the filename it names runs"
else
	fail "autoboot: DHCP, then the filename it names runs" "no chained line" "$TMP/autoboot.out"
fi

host_summary
