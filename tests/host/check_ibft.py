#!/usr/bin/env python3
"""Check an iBFT file the way Linux's iscsi_ibft reads it.

usage: check_ibft.py FILE TARGET-NAME TARGET-IP PORT LUN [NIC-MAC]

Exits non-zero, saying why, unless the table has the signature, a valid
checksum, structures of exactly the lengths Linux accepts, and a target
with the given name, IPv4 address (as ::ffff:a.b.c.d), port and LUN, and
(if given) a NIC with the MAC address aa:bb:cc:dd:ee:ff.
"""
import ipaddress
import struct
import sys


def fail(why):
    print("ibft check: " + why)
    sys.exit(1)


def string(table, length, offset):
    if length == 0:
        return ""
    if offset + length > len(table):
        fail("string at %d+%d runs past the table" % (offset, length))
    return table[offset:offset + length].decode()


def main():
    path, name, ip, port, lun = sys.argv[1:6]
    table = open(path, "rb").read()
    if len(table) < 48 or table[:4] != b"iBFT":
        fail("no iBFT signature")
    length, revision = struct.unpack_from("<IB", table, 4)
    if length != len(table):
        fail("header length %d but file is %d bytes" % (length, len(table)))
    if revision != 1:
        fail("revision %d" % revision)
    if sum(table) % 256:
        fail("checksum does not sum to zero")
    cid, _, clen = struct.unpack_from("<BBH", table, 48)
    if cid != 1 or clen < 18:
        fail("control structure id %d length %d" % (cid, clen))
    init_off, nic_off, tgt_off = struct.unpack_from("<HHH", table, 48 + 8)
    for off, sid, slen in ((init_off, 2, 74), (nic_off, 3, 102), (tgt_off, 4, 54)):
        if off == 0 or off + slen > len(table):
            fail("structure %d missing or past the end" % sid)
        got_id, _, got_len, _, flags = struct.unpack_from("<BBHBB", table, off)
        if got_id != sid or got_len != slen:
            fail("structure at %d: id %d length %d, want %d/%d" % (off, got_id, got_len, sid, slen))
        if not flags & 1:
            fail("structure %d not valid" % sid)
    t = tgt_off
    addr = ipaddress.IPv6Address(table[t + 6:t + 22])
    if addr.ipv4_mapped != ipaddress.IPv4Address(ip):
        fail("target ip %s, want ::ffff:%s" % (addr, ip))
    (tport,) = struct.unpack_from("<H", table, t + 22)
    if tport != int(port):
        fail("target port %d, want %s" % (tport, port))
    want_lun = struct.pack(">H", int(lun)) + b"\0" * 6
    if table[t + 24:t + 32] != want_lun:
        fail("target LUN %s, want %s" % (table[t + 24:t + 32].hex(), want_lun.hex()))
    nlen, noff = struct.unpack_from("<HH", table, t + 34)
    tname = string(table, nlen, noff)
    if tname != name:
        fail("target name %r, want %r" % (tname, name))
    if len(sys.argv) > 6:
        mac = table[nic_off + 90:nic_off + 96].hex(":")
        if mac != sys.argv[6].lower():
            fail("NIC MAC %s, want %s" % (mac, sys.argv[6]))
    i = init_off
    ilen, ioff = struct.unpack_from("<HH", table, i + 70)
    print("ibft check: ok: initiator %s, target %s at %s:%d LUN %s, %d bytes" %
          (string(table, ilen, ioff), tname, ip, tport, lun, len(table)))


if __name__ == "__main__":
    main()
