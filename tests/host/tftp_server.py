#!/usr/bin/env python3
"""A small TFTP server for what dnsmasq and tftpd-hpa cannot do in a test:
windowsize (RFC 7440), a lost or duplicated block, ERROR 8 to options, a
wrong tsize, and DATA from a third address or port mid-transfer.

The behaviour is chosen by the requested name, BEHAVIOUR-anything, and the
data is ROOT/anything:
  win-F       blksize, tsize and windowsize as asked
  plain-F     ignore every option: DATA 1 at once, 512-byte blocks
  err8-F      answer a request with options by ERROR 8 (once per file)
  lose-F      windowed; block 5 is not sent the first time
  dup-F       windowed; block 7 is sent twice
  stranger-F  windowed; before block 10, a DATA 10 of junk (and an ERROR)
              comes from another port of this address and from --third,
              and datagrams of 0 to 3 bytes from the transfer's own port
  lie-F       windowed; tsize announced one byte larger than the file
Each event goes to --log, one line each, flushed at once.
Usage: tftp_server.py --addr A --port P --root DIR --log FILE [--third B]
"""
import argparse
import os
import select
import socket
import struct

RRQ, DATA, ACK, ERROR, OACK = 1, 3, 4, 5, 6
TIMEOUT = 1.0
TRIES = 10


def log(args, text):
    """Append one line to the log."""
    with open(args.log, "a") as f:
        f.write(text + "\n")


def parse_rrq(pkt):
    """File name and options (lower-case names) of a read request."""
    parts = pkt[2:].split(b"\0")
    name = parts[0].decode()
    opts = {}
    for i in range(2, len(parts) - 1, 2):
        opts[parts[i].decode().lower()] = parts[i + 1].decode()
    return name, opts


def error(code, msg):
    """An ERROR packet."""
    return struct.pack("!HH", ERROR, code) + msg.encode() + b"\0"


class Transfer:
    """One read transfer from its own socket (its transfer ID)."""

    def __init__(self, args, client, behaviour, data, opts):
        self.args, self.client, self.behaviour = args, client, behaviour
        self.data, self.opts = data, opts
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((args.addr, 0))
        self.blksize, self.window = 512, 1
        self.sent_once = set()
        self.strangers = []

    def wait_ack(self):
        """The next ACK's block number, None on timeout or ERROR."""
        while True:
            r, _, _ = select.select([self.sock], [], [], TIMEOUT)
            if not r:
                return None
            pkt, peer = self.sock.recvfrom(65536)
            if peer != self.client or len(pkt) < 4:
                continue
            op, num = struct.unpack("!HH", pkt[:4])
            if op == ERROR:
                log(self.args, "client ERROR %d %s" % (num, pkt[4:].rstrip(b"\0").decode()))
                raise EOFError
            if op == ACK:
                return num

    def negotiate(self):
        """Send the OACK if options were taken; False if the client never ACKed it."""
        oack = {}
        if "blksize" in self.opts:
            self.blksize = min(int(self.opts["blksize"]), 65464)
            oack["blksize"] = self.blksize
        if "windowsize" in self.opts:
            self.window = int(self.opts["windowsize"])
            oack["windowsize"] = self.window
        if "tsize" in self.opts:
            oack["tsize"] = len(self.data) + (1 if self.behaviour == "lie" else 0)
        if not oack:
            return True
        pkt = struct.pack("!H", OACK) + b"".join(
            b"%s\0%d\0" % (k.encode(), v) for k, v in oack.items())
        log(self.args, "OACK " + " ".join("%s=%d" % kv for kv in oack.items()))
        for _ in range(TRIES):
            self.sock.sendto(pkt, self.client)
            if self.wait_ack() == 0:
                return True
        return False

    def block(self, n):
        """DATA packet n (counting from 1, not wrapped)."""
        chunk = self.data[(n - 1) * self.blksize:n * self.blksize]
        return struct.pack("!HH", DATA, n & 0xffff) + chunk

    def intrude(self, n):
        """Junk DATA n and an ERROR from another port and from the third address."""
        junk = struct.pack("!HH", DATA, n & 0xffff) + b"\xa5" * self.blksize
        for addr in [self.args.addr] + ([self.args.third] if self.args.third else []):
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.bind((addr, 0))
            s.sendto(junk, self.client)
            s.sendto(error(0, "intruder says stop"), self.client)
            self.strangers.append(s)
            log(self.args, "stranger %s:%d sent DATA %d" % (addr, s.getsockname()[1], n))
        # Too short for an opcode and a number, from the right transfer ID
        for short in (b"", b"\x00", b"\x00\x03", b"\x00\x03\x00", b"\x00\x05\x00"):
            self.sock.sendto(short, self.client)
        log(self.args, "sent datagrams of 0 to 3 bytes")

    def send_block(self, n):
        """Send block n, with the behaviour's loss, duplicate or intruder."""
        first = n not in self.sent_once
        self.sent_once.add(n)
        if self.behaviour == "lose" and n == 5 and first:
            log(self.args, "lost block 5")
            return
        if self.behaviour == "stranger" and n == 10 and first:
            self.intrude(n)
        self.sock.sendto(self.block(n), self.client)
        if self.behaviour == "dup" and n == 7 and first:
            self.sock.sendto(self.block(n), self.client)
            log(self.args, "sent block 7 twice")

    def run(self):
        """Send the file window by window; True if the last ACK came."""
        if not self.negotiate():
            return False
        last = len(self.data) // self.blksize + 1
        base, tries = 1, 0
        while base <= last:
            for n in range(base, min(base + self.window, last + 1)):
                self.send_block(n)
            ack = self.wait_ack()
            if ack is None:
                tries += 1
                if tries >= TRIES:
                    return False
                continue
            tries = 0
            done = [n for n in range(base - 1, base + self.window)
                    if n & 0xffff == ack]
            if done:
                if done[0] + 1 < min(base + self.window, last + 1):
                    log(self.args, "resend from block %d" % (done[0] + 1))
                base = done[0] + 1
        return True

    def report(self):
        """Log which strangers heard ERROR 5 (unknown transfer ID)."""
        for s in self.strangers:
            r, _, _ = select.select([s], [], [], TIMEOUT)
            if r:
                pkt, _ = s.recvfrom(65536)
                if pkt[:4] == struct.pack("!HH", ERROR, 5):
                    log(self.args, "stranger %s:%d got ERROR 5" % s.getsockname())
            s.close()
        self.sock.close()


def serve(args, sock, refused):
    """Answer one read request."""
    pkt, client = sock.recvfrom(65536)
    if len(pkt) < 4 or struct.unpack("!H", pkt[:2])[0] != RRQ:
        return
    name, opts = parse_rrq(pkt)
    behaviour, _, rest = name.partition("-")
    log(args, "RRQ %s %s" % (name, " ".join("%s=%s" % kv for kv in sorted(opts.items()))))
    path = os.path.join(args.root, os.path.basename(rest))
    if not os.path.isfile(path):
        sock.sendto(error(1, "File not found"), client)
        return
    with open(path, "rb") as f:
        data = f.read()
    if behaviour == "plain":
        opts = {}
    if behaviour == "err8" and opts and name not in refused:
        refused.add(name)
        log(args, "ERROR 8 to options")
        sock.sendto(error(8, "options refused"), client)
        return
    if behaviour not in ("win", "lose", "dup", "stranger", "lie"):
        opts.pop("windowsize", None)
    t = Transfer(args, client, behaviour, data, opts)
    try:
        ok = t.run()
    except EOFError:
        ok = False
    t.report()
    log(args, "done %s %s" % (name, "ok" if ok else "failed"))


def main():
    """Serve requests until killed."""
    p = argparse.ArgumentParser()
    p.add_argument("--addr", required=True)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--root", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--third")
    args = p.parse_args()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((args.addr, args.port))
    log(args, "listening on %s:%d" % (args.addr, args.port))
    refused = set()
    while True:
        serve(args, sock, refused)


if __name__ == "__main__":
    main()
