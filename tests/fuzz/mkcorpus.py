#!/usr/bin/env python3
"""Write the fuzz targets' seed corpora (tests/fuzz/corpus/NAME/): a few
valid and near-valid inputs each.  The TLS target's recorded handshakes
come from tests/fuzz/mktls.sh, its hand-made seeds from here.  corpus/ibft/valid is the table
ibft_build() makes for tests/unit/test_ibft.c's parameters and is kept
as committed; the other iBFT seeds are derived from it.

usage: tests/fuzz/mkcorpus.py   (from the top of the tree)
"""
import lzma
import os
import struct

CORPUS = "tests/fuzz/corpus"


def put(target, name, data):
    """Write one seed"""
    os.makedirs(f"{CORPUS}/{target}", exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(f"{CORPUS}/{target}/{name}", "wb") as f:
        f.write(data)


def uri():
    put("uri", "relative", "http://boot.example/a/b/c?x=1#f\n../d;p?q")
    put("uri", "authority", "https://us%40r:p%3Aw@[fe80::1]:8443/x%20y\n//other.host/z")
    put("uri", "opaque", "iscsi:10.0.0.1::3260:0:iqn.2026-11.x:y\n")
    put("uri", "dots", "tftp://10.0.0.1:69/pxelinux.0\n./a/../../b/.")
    put("uri", "badport", "http://h:99999/\nhttp://[::1")


def tftp():
    put("tftp", "oack", b"\0\6blksize\0" b"1428\0windowsize\0" b"8\0tsize\0" b"1048576\0")
    put("tftp", "oack-too-big", b"\0\6blksize\0" b"99999\0")
    put("tftp", "oack-no-nul", b"\0\6tsize\0" b"12")
    put("tftp", "error", b"\0\5\0\1File not found\0")
    put("tftp", "data", b"\0\3\0\1" + bytes(range(64)))
    put("tftp", "data-window", b"\x08" + b"".join(struct.pack(">H", n) for n in (1, 2, 4, 3, 5, 5, 6, 0xffff, 0)))


def http():
    def seed(name, piece, text):
        put("http", name, bytes([piece]) + text.encode())
    seed("length", 0x10, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nhello")
    seed("chunked", 0x07, "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
        "5;ext=1\r\nhello\r\n1a\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nTrailer: x\r\n\r\n")
    seed("range", 0xff, "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 512-4607/1048576\r\n"
        "Content-Length: 4096\r\n\r\n")
    seed("redirect", 0x00, "HTTP/1.0 302 Found\r\nLocation: http://other.example/x?y#z\r\n\r\n")
    seed("digest", 0x20, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"a\"\r\n"
        "WWW-Authenticate: Digest realm=\"r\", nonce=\"abc\", qop=\"auth,auth-int\", algorithm=MD5\r\n\r\n")
    seed("chunk-overflow", 0x40, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "fffffffffffffffffffff\r\nx\r\n")
    seed("folded", 0x03, "HTTP/1.1 200 OK\r\nX-A: b\r\n continued\r\nContent-Length: 18446744073709551616\r\n\r\n")


def ntp():
    origin = bytes.fromhex("e9a1b2c3d4e5f607")
    good = struct.pack(">BBbbII4s", 0x24, 2, 6, -20, 0x100, 0x200, b"GPS\0")
    good += bytes.fromhex("e9a1b2c300000000") + origin
    good += bytes.fromhex("e9a1b2c380000000") + bytes.fromhex("e9a1b2c380001000")
    put("ntp", "reply", good)
    put("ntp", "kiss-of-death", good[:1] + b"\0" + good[2:12] + b"RATE" + good[16:])
    put("ntp", "client-mode", bytes([0x23]) + good[1:])
    put("ntp", "short", good[:40])


def pe():
    def image(machine, magic, subsystem, lfanew=0x80):
        mz = bytearray(lfanew)
        mz[0:2] = b"MZ"
        struct.pack_into("<I", mz, 0x3c, lfanew)
        coff = struct.pack("<4sHHIIIHH", b"PE\0\0", machine, 1, 0, 0, 0, 0xf0, 0x22)
        opt = bytearray(0xf0)
        struct.pack_into("<H", opt, 0, magic)
        struct.pack_into("<H", opt, 68, subsystem)
        return bytes(mz) + coff + bytes(opt)
    put("pe", "efi-x86_64", image(0x8664, 0x20b, 10))
    put("pe", "efi-i386", image(0x14c, 0x10b, 10))
    put("pe", "windows-console", image(0x8664, 0x20b, 3))
    put("pe", "lfanew-past-end", image(0x8664, 0x20b, 10)[:0x3c] + struct.pack("<I", 0x7ffffff0))
    put("pe", "truncated", image(0x8664, 0x20b, 10)[:0x90])


def eltorito():
    record = bytearray(2048)
    record[0:7] = b"\0CD001\1"
    record[7:39] = b"EL TORITO SPECIFICATION".ljust(32, b"\0")
    struct.pack_into("<I", record, 0x47, 20)

    def validation(platform):
        v = bytearray(32)
        v[0] = 1
        v[1] = platform
        v[4:12] = b"lwpxe   "
        v[0x1e:0x20] = b"\x55\xaa"
        total = sum(struct.unpack("<16H", bytes(v))) & 0xffff
        struct.pack_into("<H", v, 0x1c, (0x10000 - total) & 0xffff)
        return bytes(v)

    def entry(boot, media, seg, count, lba):
        return struct.pack("<BBHBBHI20x", boot, media, seg, 0, 0, count, lba)
    bios = validation(0) + entry(0x88, 0, 0, 4, 30)
    uefi = struct.pack("<BBH28x", 0x91, 0xef, 1) + entry(0x88, 0, 0, 2880, 40)
    put("eltorito", "bios-and-uefi", bytes(record) + bios + uefi)
    put("eltorito", "floppy", bytes(record) + validation(0) + entry(0x88, 2, 0x7c0, 1, 30))
    put("eltorito", "uefi-only", bytes(record) + validation(0xef) + entry(0x88, 0, 0, 1, 30))
    bad = bytearray(bios)
    bad[0x1c] ^= 1
    put("eltorito", "bad-checksum", bytes(record) + bytes(bad))
    put("eltorito", "no-record", bytes(2048) + bios)


def ibft():
    with open(f"{CORPUS}/ibft/valid", "rb") as f:
        table = bytearray(f.read())
    bad = bytearray(table)
    bad[9] ^= 0xff
    put("ibft", "bad-checksum", bytes(bad))
    put("ibft", "truncated", bytes(table[:100]))
    long_len = bytearray(table)
    struct.pack_into("<I", long_len, 4, 0x10000)
    put("ibft", "length-past-end", bytes(long_len))


def settings_types():
    for i, text in enumerate(["string value", "a b/c?d&e", "10.0.2.15", "52:54:00:12:34:56",
                              "52-54-00", "525400ab", "0x2a", "65535", "0xffffffff", "-128",
                              "-32768", "-2147483648", "01234567-89ab-cdef-0123-456789abcdef",
                              "52:54:00:12:34:56"]):
        put("settings_types", f"type{i}", bytes([i + 14 * 9]) + text.encode())
    put("settings_types", "ipv4-bad", bytes([2 + 14 * 9]) + b"10.0.2.256")
    put("settings_types", "hex-odd", bytes([3 + 14 * 9]) + b"5:4:")


def dhcp_options():
    lease = bytes([53, 1, 5, 54, 4, 10, 0, 2, 2, 51, 4, 0, 0, 14, 16, 1, 4, 255, 255, 255, 0,
                   3, 4, 10, 0, 2, 2, 6, 8, 10, 0, 2, 3, 10, 0, 2, 4])
    root = b"iscsi:10.0.2.2::3260:0:iqn.2003-01.org.example:disk1"
    put("dhcp_options", "lease", lease + bytes([17, len(root)]) + root + bytes([255]))
    ipxe = bytes([175, 9, 190, 4, 117, 115, 101, 114, 191, 1, 0])
    put("dhcp_options", "encapsulated", lease + ipxe + bytes([43, 6, 1, 4, 0, 0, 0, 0, 255]))
    put("dhcp_options", "bad-encapsulation", bytes([175, 3, 190, 9, 1, 255]))
    put("dhcp_options", "truncated", lease + bytes([17, 40]) + root[:10])
    put("dhcp_options", "pad-no-end", bytes([0, 0, 12, 5]) + b"host1" + bytes([0]))


def iscsi_rootpath():
    for i, text in enumerate(["iscsi:10.0.2.2::3260:0:iqn.2003-01.org.example:disk1",
                              "iscsi:target.example:6:3261:1:iqn.x:y",
                              "iscsi:[fe80::1]:::0x0102030405060708:iqn.x:y",
                              "iscsi:10.0.2.2::99999:0:iqn.x", "iscsi:::::"]):
        put("iscsi_rootpath", f"path{i}", text)


def iscsi_chap():
    put("iscsi_chap", "hex", "0x" + "0123456789abcdef" * 4)
    put("iscsi_chap", "base64", "0bSGVsbG8gd29ybGQ=")
    put("iscsi_chap", "odd-hex", "0xabc")
    put("iscsi_chap", "bad-base64", "0bSGV=sbG8")


def pdu(op, flags, itt, data=b"", statsn=0, ttt=0xffffffff, word3=0, offset=0, xfer=0, status=0):
    """One target PDU: BHS and padded data"""
    b = bytearray(48)
    b[0] = op
    b[1] = flags
    b[3] = status
    struct.pack_into(">I", b, 4, len(data))
    b[4] = 0
    struct.pack_into(">IIIII", b, 16, itt, ttt, statsn, 1, 64)
    struct.pack_into(">I", b, 36, word3)
    struct.pack_into(">I", b, 40, offset)
    struct.pack_into(">I", b, 44, xfer)
    return bytes(b) + data + bytes(-len(data) % 4)


def keys(*pairs):
    return b"".join(k.encode() + b"\0" for k in pairs)


# Flags of the iscsi_session target (tests/fuzz/fuzz_iscsi_session.c)
CHAP, MUTUAL, LOGGED_IN, TIGHT = 1, 2, 4, 8
# (login seeds come in 17-byte pieces, so the session answers each
# response before the next one is complete, as over TCP)
# Tags the session gives: logins 1.., then READ, WRITE, TEST UNIT READY
READ, WRITE, TUR = 3, 4, 5
OPERATIONAL = keys("MaxRecvDataSegmentLength=8192", "InitialR2T=No",
                   "ImmediateData=Yes", "FirstBurstLength=1024")


def iscsi_session():
    def seed(name, flags, piece, *pdus):
        put("iscsi_session", name, bytes([flags, piece]) + b"".join(pdus))
    data_in = pdu(0x25, 0x81, READ, bytes(range(256)) * 16, statsn=1, xfer=0)
    r2t = pdu(0x31, 0x00, WRITE, ttt=0x10, statsn=2, word3=0, offset=1024, xfer=3072)
    rsp_write = pdu(0x21, 0x80, WRITE, statsn=2)
    rsp_tur = pdu(0x21, 0x80, TUR, statsn=3)
    seed("read-write", LOGGED_IN, 0xff, data_in, r2t, rsp_write, rsp_tur)
    seed("read-write-bytewise", LOGGED_IN, 0, data_in[:48 + 64], )
    sense = struct.pack(">H", 18) + bytes([0x70, 0, 6, 0, 0, 0, 0, 10] + [0] * 4 + [0x29, 0] + [0] * 4)
    seed("unit-attention", LOGGED_IN, 0x10, pdu(0x21, 0x80, TUR, sense, statsn=1, status=2))
    wp = struct.pack(">H", 18) + bytes([0x70, 0, 7, 0, 0, 0, 0, 10] + [0] * 4 + [0x27, 0] + [0] * 4)
    seed("write-protected-early", LOGGED_IN | TIGHT, 0x01, pdu(0x21, 0x80, WRITE, wp, statsn=1, status=2))
    seed("nop-in", LOGGED_IN, 0xff, pdu(0x20, 0x80, 0xffffffff, b"ping1234", ttt=77, statsn=1))
    seed("data-in-overrun", LOGGED_IN, 0xff, pdu(0x25, 0x81, READ, bytes(64), statsn=1, offset=4090))
    seed("reject-async-logout", LOGGED_IN, 0xff, pdu(0x3f, 0x80, 0xffffffff, bytes(48)),
         pdu(0x32, 0x80, 0xffffffff, statsn=1), pdu(0x26, 0x80, 0xffffffff, statsn=2))
    login = pdu(0x23, 0x81, 1, keys("AuthMethod=None")) + pdu(0x23, 0x87, 2, OPERATIONAL, statsn=1)
    seed("login-none", 0, 0x01, login, pdu(0x21, 0x80, TUR, statsn=2))
    seed("login-continued", 0, 0x01, pdu(0x23, 0x41, 1, b"AuthMeth"), pdu(0x23, 0x81, 1, keys("od=None")),
         pdu(0x23, 0x87, 2, OPERATIONAL, statsn=1))
    chal = "CHAP_C=0x" + "5a" * 16
    seed("login-chap", CHAP, 0x01, pdu(0x23, 0x00, 1, keys("AuthMethod=CHAP")),
         pdu(0x23, 0x00, 2, keys("CHAP_A=5", "CHAP_I=7", chal)),
         pdu(0x23, 0x81, 3), pdu(0x23, 0x87, 4, OPERATIONAL, statsn=1))
    seed("login-mutual-wrong", CHAP | MUTUAL, 0x01, pdu(0x23, 0x00, 1, keys("AuthMethod=CHAP")),
         pdu(0x23, 0x00, 2, keys("CHAP_A=5", "CHAP_I=7", chal)),
         pdu(0x23, 0x81, 3, keys("CHAP_N=target", "CHAP_R=0x" + "00" * 16)))
    redirect = bytearray(pdu(0x23, 0x81, 1, keys("TargetAddress=10.0.2.9:3260,1")))
    redirect[36:38] = b"\x01\x01"
    seed("login-redirect", 0, 0xff, bytes(redirect))
    refused = bytearray(pdu(0x23, 0x81, 1))
    refused[36:38] = b"\x02\x03"
    seed("login-not-found", 0, 0xff, bytes(refused))


def dhcp_ack():
    def bootp(opts, op=2, chaddr=bytes.fromhex("525400123456"), file=b"", sname=b""):
        b = bytearray(236)
        b[0:4] = bytes([op, 1, 6, 0])
        b[4:8] = b"\x12\x34\x56\x78"
        b[16:20] = bytes([10, 0, 2, 15])
        b[20:24] = bytes([10, 0, 2, 2])
        b[28:34] = chaddr
        b[44:44 + len(sname)] = sname
        b[108:108 + len(file)] = file
        return bytes(b) + bytes([99, 130, 83, 99]) + opts
    lease = bytes([53, 1, 5, 54, 4, 10, 0, 2, 2, 51, 4, 0, 0, 14, 16, 1, 4, 255, 255, 255, 0,
                   3, 4, 10, 0, 2, 2, 6, 4, 10, 0, 2, 3])
    root = b"iscsi:10.0.2.2::3260:0:iqn.2003-01.org.example:disk1"
    put("dhcp_ack", "ack", bootp(lease + bytes([17, len(root)]) + root + bytes([255])))
    put("dhcp_ack", "overload", bootp(lease + bytes([52, 1, 3, 255]),
                                      file=bytes([67, 9]) + b"boot.ipxe" + bytes([255]),
                                      sname=bytes([12, 4]) + b"host" + bytes([255])))
    put("dhcp_ack", "no-end", bootp(lease + bytes([12, 4]) + b"host"))
    put("dhcp_ack", "other-mac", bootp(lease + bytes([255]), chaddr=bytes(6)))
    put("dhcp_ack", "request", bootp(lease + bytes([255]), op=1))
    put("dhcp_ack", "short", bootp(lease)[:200])


def script():
    put("script", "plain", "${fuzz-ip} and ${fuzz-name}")
    put("script", "nested", "${${fuzz-name}} ${${${fuzz-name}}:ipv4} ${fuzz-mac:hexhyp}")
    put("script", "quotes", "\"a ${fuzz-ip} b\" 'no ${x}' \\${y} c\\ d # a comment ${z")
    put("script", "types", "${fuzz-ip:hex} ${fuzz-mac:string} ${fuzz-empty:uint32} ${fuzz-ip:nosuch}")
    put("script", "unterminated", "\"abc ${fuzz-ip")
    put("script", "deep", "${" * 40 + "fuzz-name" + "}" * 40)


def unlzma():
    payload = b"lwpxe " * 40 + bytes([0xe8, 1, 2, 3, 4, 0xe9, 0, 0, 0, 0]) * 8
    props = bytes([(2 * 5 + 0) * 9 + 3]) + struct.pack("<I", 4096)
    for name, filters in (("plain", []), ("x86", [{"id": lzma.FILTER_X86}])):
        raw = lzma.compress(payload, format=lzma.FORMAT_RAW, filters=filters + [
            {"id": lzma.FILTER_LZMA1, "lc": 3, "lp": 0, "pb": 2, "dict_size": 4096}])
        put("unlzma", name, struct.pack("<H", len(payload)) + props + raw)
    put("unlzma", "wrong-length", struct.pack("<H", len(payload) - 1) + props + raw)
    put("unlzma", "cut", struct.pack("<H", len(payload)) + props + raw[:len(raw) // 2])
    put("unlzma", "big-props", struct.pack("<H", 16) + bytes([224]) + struct.pack("<I", 4096) + raw)


def multiboot_elf():
    def elf(phdrs, entry=0x100010, phentsize=32):
        eh = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)
        eh += struct.pack("<HHIIIIIHHHHHH", 2, 3, 1, entry, 52, 0, 0, 52, phentsize, len(phdrs), 40, 0, 0)
        return eh + b"".join(struct.pack("<8I", *p) for p in phdrs) + bytes(range(256))
    text = (1, 0x74, 0x100000, 0x100000, 0x80, 0x80, 5, 4)
    bss = (1, 0xf4, 0x200000, 0x200000, 0x10, 0x1000, 6, 4)
    put("multiboot_elf", "kernel", elf([text, bss, (4, 0, 0, 0, 0, 0, 0, 0)]))
    put("multiboot_elf", "segment-past-end", elf([(1, 0xf0, 0x100000, 0x100000, 0x1000, 0x1000, 5, 4)]))
    put("multiboot_elf", "phdrs-past-end", elf([text])[:70])
    put("multiboot_elf", "elf64", b"\x7fELF" + bytes([2, 1, 1]) + bytes(57))
    put("multiboot_elf", "virtual-entry", elf([(1, 0x54, 0xc0100000, 0x100000, 0x80, 0x80, 5, 4)],
                                              entry=0xc0100004))


def bzimage():
    def kernel(version=0x020f, sects=4, loadflags=0x01, relocatable=1, align=0x200000,
               pref=0x1000000, init_size=0x2000000, body=4096, syssize=None):
        setup = bytearray((max(sects, 0) or 4) * 512 + 512)
        struct.pack_into("<BHI", setup, 0x1f1, sects, 0, (body if syssize is None else syssize) // 16)
        struct.pack_into("<H", setup, 0x1fe, 0xaa55)
        struct.pack_into("<HIH", setup, 0x200, 0x66eb, 0x53726448, version)
        struct.pack_into("<B", setup, 0x211, loadflags)
        struct.pack_into("<IIBBHI", setup, 0x22c, 0x7fffffff, align, relocatable, 21, 0x7f, 2047)
        struct.pack_into("<QI", setup, 0x258, pref, init_size)
        return bytes(setup) + bytes(range(256)) * (body // 256)
    put("bzimage", "kernel", kernel())
    put("bzimage", "setup-sects-zero", kernel(sects=0))
    put("bzimage", "protocol-2.02", kernel(version=0x0202, relocatable=0))
    put("bzimage", "protocol-2.05", kernel(version=0x0205, align=0x300000))
    put("bzimage", "zimage", kernel(loadflags=0))
    put("bzimage", "setup-too-big", kernel(sects=64))
    put("bzimage", "truncated", kernel(syssize=0x100000))
    put("bzimage", "pref-above-4g", kernel(pref=0x100000000, init_size=0xffffffff))


def multiboot():
    def header(flags, *addrs):
        return struct.pack("<III", 0x1badb002, flags, -(0x1badb002 + flags) & 0xffffffff) + \
            struct.pack(f"<{len(addrs)}I", *addrs)

    def kludge(at, header_addr, load_addr, load_end, bss_end, entry, flags=0x10003, body=4096):
        return bytes(at) + header(flags, header_addr, load_addr, load_end, bss_end, entry) + bytes(body)
    put("multiboot", "kludge", kludge(0x40, 0x100040, 0x100000, 0x101000, 0x108000, 0x100060))
    put("multiboot", "kludge-to-end", kludge(0x40, 0x100040, 0x100000, 0, 0, 0x100060))
    put("multiboot", "kludge-load-end-past-file", kludge(0x40, 0x100040, 0x100000, 0x200000, 0, 0x100060))
    put("multiboot", "kludge-header-before-load", kludge(0x40, 0x100040, 0x100080, 0, 0, 0x100080))
    put("multiboot", "kludge-bss-past-4g", kludge(0x40, 0xfffff040, 0xfffff000, 0, 0xfffff800, 0xfffff060))
    put("multiboot", "header-at-end", bytes(0x1ff4) + header(0x10000))
    put("multiboot", "header-past-8k", bytes(0x2000) + header(0x10000, 0x102000, 0x100000, 0, 0, 0))
    put("multiboot", "unknown-flags", header(0x10009, 0x100000, 0x100000, 0, 0, 0x100000) + bytes(64))
    bad = bytearray(kludge(0, 0x100000, 0x100000, 0, 0, 0x100020))
    bad[8] ^= 1
    put("multiboot", "bad-checksum", bytes(bad))
    eh = b"\x7fELF" + bytes([1, 1, 1]) + bytes(9)
    eh += struct.pack("<HHIIIIIHHHHHH", 2, 3, 1, 0x100010, 52, 0, 0, 52, 32, 1, 40, 0, 0)
    eh += struct.pack("<8I", 1, 0x60, 0x100000, 0x100000, 0x40, 0x1000, 7, 4)
    put("multiboot", "elf", eh + bytes(12) + header(0x3) + bytes(range(64)))


def tls():
    """Hand-made server answers (the recorded handshakes come from tests/fuzz/mktls.sh)"""
    def seed(name, piece, flags, data):
        put("tls", name, bytes([piece, flags]) + data)
    alert = bytes([0x15, 3, 3, 0, 2, 2, 40])
    seed("alert", 0x7f, 0x01, alert)
    seed("alert-bytewise", 0, 0x01, alert)
    seed("alert-unknown", 0x7f, 0x01, bytes([0x15, 3, 3, 0, 2, 2, 200]))
    seed("oversized-record", 0xff, 0x01, bytes([0x16, 3, 3, 0x48, 0x01]) + bytes(0x4801))
    seed("empty-record", 0x7f, 0x01, bytes([0x16, 3, 3, 0, 0]) * 3)
    seed("bogus-version", 0x7f, 0x01, bytes([0x16, 0x7f, 0x7f, 0, 4, 2, 0, 0, 0]))
    seed("short-record-eof", 0x03, 0x01, bytes([0x16, 3, 3, 0x01, 0x00]) + bytes(40))
    seed("short-record-reset", 0x03, 0x02, bytes([0x16, 3, 3, 0x01, 0x00]) + bytes(40))
    seed("http-answer", 0x10, 0x01, b"HTTP/1.1 400 Bad Request\r\n\r\n")
    seed("nothing-eof", 0, 0x01, b"")
    seed("nothing-reset", 0, 0x02, b"")


def dns():
    def seed(name, flags, rcode_flags, counts, answers, raw=0):
        put("dns", name, bytes([raw]) + struct.pack(">H4H", rcode_flags, *counts) + answers)
    a = bytes([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 2, 99])
    seed("a", 0, 0x8180, (1, 1, 0, 0), a)
    cname = bytes([0xc0, 0x0c, 0, 5, 0, 1, 0, 0, 0, 60, 0, 6, 3]) + b"www" + bytes([0xc0, 0x0c])
    seed("cname-then-a", 0, 0x8180, (1, 2, 0, 0), cname + bytes([0xc0, 0x2a]) + a[2:])
    seed("nxdomain", 0, 0x8183, (1, 0, 0, 0), b"")
    seed("name-loop", 0, 0x8180, (1, 1, 0, 0), bytes([0xc0, 0x1c]) + a[2:] + bytes([0xc0, 0x1c]))
    seed("ancount-too-big", 0, 0x8180, (1, 9, 0, 0), a + a[:7])
    seed("ttl-zero", 0, 0x8180, (1, 1, 0, 0), a[:6] + bytes(4) + a[10:])
    seed("raw-question-loop", 0, 0x8180, (1, 1, 0, 0), bytes([0xc0, 0x0c, 0, 1, 0, 1]) + a, raw=1)


def main():
    for gen in (uri, tftp, http, ntp, pe, eltorito, ibft, settings_types, dhcp_options,
                iscsi_rootpath, iscsi_chap, iscsi_session, dhcp_ack, script, unlzma,
                multiboot_elf, dns, bzimage, multiboot, tls):
        gen()


main()
