#!/usr/bin/env python3
"""An 802.1Q peer on a TAP interface, for a kernel without VLAN devices.

usage: vlan_peer.py IFNAME VID ADDRESS LOG

Reads every frame lwpxe sends on IFNAME (the kernel moves an 802.1Q tag
out of the frame into packet metadata; PACKET_AUXDATA gives it back) and
logs each tagged one as "vid=V pcp=P type=0xTTTT".  For VLAN VID it
answers, with tagged frames from its own MAC, ARP requests for ADDRESS and
ICMP echo requests to it, so a ping over a VLAN device gets replies only
if its frames carry the right tag and it takes tagged frames in.  Runs
until killed.
"""
import socket
import struct
import sys

from rawnet import checksum

ETH_P_ALL = 0x0003
ETH_P_8021Q = 0x8100
SOL_PACKET = 263
PACKET_AUXDATA = 8
TP_STATUS_VLAN_VALID = 0x10
PACKET_OUTGOING = 4
PEER_MAC = bytes([0x02, 0, 0, 0, 0x24, 0x01])



def tag_of(frame, ancillary):
    """(tci, untagged frame) of FRAME: the tag from the metadata or the frame; tci None if untagged."""
    for level, kind, data in ancillary:
        if level == SOL_PACKET and kind == PACKET_AUXDATA and len(data) >= 20:
            status, _, _, _, _, tci, _ = struct.unpack("IIIHHHH", data[:20])
            if status & TP_STATUS_VLAN_VALID:
                return tci, frame
    if len(frame) >= 18 and struct.unpack("!H", frame[12:14])[0] == ETH_P_8021Q:
        return struct.unpack("!H", frame[14:16])[0], frame[:12] + frame[16:]
    return None, frame


def tagged(dst, vid, ethertype, payload):
    """A frame to DST on VLAN VID from the peer."""
    return (dst + PEER_MAC + struct.pack("!HHH", ETH_P_8021Q, vid, ethertype)
            + payload)


def arp_reply(frame, address, vid):
    """The tagged reply to ARP request FRAME if it asks for ADDRESS, else None."""
    arp = frame[14:42]
    if len(arp) < 28 or arp[6:8] != b"\0\1" or arp[24:28] != address:
        return None
    body = (b"\0\1\x08\0\6\4\0\2" + PEER_MAC + address + arp[8:14]
            + arp[14:18])
    return tagged(frame[6:12], vid, 0x0806, body)


def echo_reply(frame, address, vid):
    """The tagged reply to ICMP echo request FRAME to ADDRESS, else None."""
    ip = frame[14:]
    if len(ip) < 28 or ip[9] != 1 or ip[16:20] != address:
        return None
    hlen = (ip[0] & 0xF) * 4
    total = struct.unpack("!H", ip[2:4])[0]
    icmp = bytearray(ip[hlen:total])
    if not icmp or icmp[0] != 8:
        return None
    icmp[0] = 0
    icmp[2:4] = b"\0\0"
    icmp[2:4] = struct.pack("!H", checksum(bytes(icmp)))
    header = bytearray(ip[:hlen])
    header[8] = 64
    header[12:16], header[16:20] = ip[16:20], ip[12:16]
    header[10:12] = b"\0\0"
    header[10:12] = struct.pack("!H", checksum(bytes(header)))
    return tagged(frame[6:12], vid, 0x0800, bytes(header) + bytes(icmp))


def main():
    """Log and answer frames on argv[1] until killed."""
    ifname, vid = sys.argv[1], int(sys.argv[2])
    address = socket.inet_aton(sys.argv[3])
    sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                         socket.htons(ETH_P_ALL))
    sock.setsockopt(SOL_PACKET, PACKET_AUXDATA, 1)
    sock.bind((ifname, 0))
    with open(sys.argv[4], "w", encoding="ascii") as log:
        print("listening", file=log, flush=True)
        while True:
            frame, ancillary, _, where = sock.recvmsg(65536, 4096)
            if where[2] == PACKET_OUTGOING:
                continue
            tci, frame = tag_of(frame, ancillary)
            if tci is None or len(frame) < 14:
                continue
            ethertype = struct.unpack("!H", frame[12:14])[0]
            print("vid=%d pcp=%d type=0x%04x" % (tci & 0xFFF, tci >> 13,
                                                 ethertype),
                  file=log, flush=True)
            if tci & 0xFFF != vid:
                continue
            reply = None
            if ethertype == 0x0806:
                reply = arp_reply(frame, address, vid)
            elif ethertype == 0x0800:
                reply = echo_reply(frame, address, vid)
            if reply:
                sock.send(reply)


main()
