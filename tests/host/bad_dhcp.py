#!/usr/bin/env python3
"""Answer every DHCPDISCOVER on an interface with malformed DHCPOFFERs.

usage: bad_dhcp.py IFNAME SECONDS

Each offer breaks the options a different way (lengths that run past the
packet, a truncated option, bad lengths for fixed-size options, a broken
encapsulated option 175, an overlong root-path).  The client must survive
all of them and fail with one clear line.
"""
import socket
import struct
import sys
import time

from rawnet import checksum

ETH_P_ALL = 0x0003
SERVER_IP = bytes([10, 99, 0, 1])
OFFER_IP = bytes([10, 99, 0, 123])
COOKIE = b"\x63\x82\x53\x63"



def frame(src_mac, dst_mac, bootp):
    udp = struct.pack("!HHHH", 67, 68, 8 + len(bootp), 0) + bootp
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17,
                     0, SERVER_IP, b"\xff\xff\xff\xff")
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    return dst_mac + src_mac + b"\x08\x00" + ip + udp


def bootp_reply(xid, chaddr, options):
    hdr = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 2, 1, 6, 0, xid, 0, 0x8000,
                      b"\0" * 4, OFFER_IP, SERVER_IP, b"\0" * 4,
                      chaddr + b"\0" * 10, b"", b"")
    return hdr + COOKIE + options


def bad_option_sets():
    msg = b"\x35\x01\x02"                       # DHCPOFFER
    sid = b"\x36\x04" + SERVER_IP
    ok = msg + sid + b"\x01\x04\xff\xff\xff\x00"
    return [
        ok + b"\x11\xf0iscsi:10.99.0.1::::iqn",  # root-path runs past the end
        ok + b"\x11",                             # option with no length byte
        msg + b"\x36\x02\x0a\x63" + b"\xff",      # server id of 2 bytes
        b"\x35\x05\x02\x02\x02\x02\x02" + sid + b"\xff",  # message type of 5 bytes
        ok + b"\xaf\x06\xbe\x09user" + b"\xff",   # 175 sub-option longer than 175
        ok + b"\xaf\x03\xbe" + b"\xff",           # 175 sub-option with no length
        ok + b"\x01\x03\xff\xff\xff" + b"\xff",   # netmask of 3 bytes
        ok + b"\x03\x00" + b"\xff",               # router of 0 bytes
        ok + b"\x0c\xff" + b"h" * 40,             # hostname longer than the packet
        ok + b"\xcb\x80" + b"x" * 10,             # initiator-iqn truncated
    ]


def main():
    ifname, seconds = sys.argv[1], float(sys.argv[2])
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
    sock.bind((ifname, 0))
    sock.settimeout(0.2)
    my_mac = sock.getsockname()[4]
    print("bad_dhcp: listening on %s" % ifname, flush=True)
    end = time.monotonic() + seconds
    answered = 0
    while time.monotonic() < end:
        try:
            data = sock.recv(2048)
        except socket.timeout:
            continue
        if len(data) < 14 + 20 + 8 + 240 or data[12:14] != b"\x08\x00":
            continue
        ip_len = (data[14] & 0x0F) * 4
        udp = data[14 + ip_len:]
        if data[23] != 17 or struct.unpack("!H", udp[2:4])[0] != 67:
            continue
        bootp = udp[8:]
        if bootp[0] != 1:
            continue
        xid = struct.unpack("!I", bootp[4:8])[0]
        chaddr = bootp[28:34]
        for options in bad_option_sets():
            sock.send(frame(my_mac, data[6:12], bootp_reply(xid, chaddr, options)))
        answered += 1
    print("bad_dhcp: answered %d discovers" % answered)


if __name__ == "__main__":
    main()
