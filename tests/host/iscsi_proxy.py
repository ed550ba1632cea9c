#!/usr/bin/env python3
"""An iSCSI proxy for tests/host/test_iscsi_digest.sh, between lwpxe and
tgtd (10.99.0.1:3260): it logs the HeaderDigest and DataDigest each login
offered and chose, follows the target's PDUs with the digests chosen (a
PDU that does not parse so is logged and ends the connection; each 16
MiB of Data-In data followed is logged), and on its
second port damages one PDU of each of the first two connections: the
data of the third Data-In of the first, a header byte of the third
Data-In of the second (what a digest must catch).

usage: iscsi_proxy.py PORT LOG   (listens on PORT, clean, and PORT + 1)"""
import re
import socket
import sys
import threading

TARGET = ("10.99.0.1", 3260)
PORT = int(sys.argv[1])
LOG = sys.argv[2]
# Opcodes a target sends (RFC 7143 11)
TARGET_OPS = {0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x31, 0x32, 0x3F}
# Faults of the second port by connection number: what to damage
FAULTS = {1: "data", 2: "header"}
lock = threading.Lock()
counts = {}


def log(line):
    with lock, open(LOG, "a") as f:
        f.write(line + "\n")


def keys(text, name):
    """The last value of key NAME in login text (bytes), or '-'."""
    found = re.findall(rb"(?:^|\0)" + name.encode() + rb"=([^\0]*)", text)
    return found[-1].decode() if found else "-"


class Connection:
    """One initiator connection and its own connection to tgtd."""

    def __init__(self, client, name, fault):
        self.client = client
        self.name = name
        self.fault = fault
        self.server = socket.create_connection(TARGET)
        self.offer = b""        # the initiator's login text
        self.answer = b""       # the target's login text
        self.full = False       # full feature phase: digests apply
        self.hd = self.dd = 0   # digest lengths chosen
        self.data_ins = 0
        self.data_bytes = 0     # Data-In data followed, in bytes

    def upstream(self):
        """Initiator to target, as it comes; its login text noted."""
        try:
            while True:
                data = self.client.recv(65536)
                if not data:
                    break
                if not self.full and len(self.offer) < 65536:
                    self.offer += data
                self.server.sendall(data)
        except OSError:
            pass
        self.close()

    def login_done(self):
        """The final Login Response went by: digests apply from now on."""
        self.full = True
        hd, dd = keys(self.answer, "HeaderDigest"), keys(self.answer, "DataDigest")
        self.hd = 4 if hd == "CRC32C" else 0
        self.dd = 4 if dd == "CRC32C" else 0
        log("%s: offered HeaderDigest=%s DataDigest=%s; chosen HeaderDigest=%s DataDigest=%s"
            % (self.name, keys(self.offer, "HeaderDigest"),
               keys(self.offer, "DataDigest"), hd, dd))

    def damage(self, pdu, hlen, dlen):
        """Damage the PDU if it is the one this connection's fault names."""
        if pdu[0] & 0x3F != 0x25 or not dlen:
            return pdu
        self.data_ins += 1
        mib = self.data_bytes >> 24
        self.data_bytes += dlen
        if self.data_bytes >> 24 != mib:
            log("%s: %d MiB of Data-In followed" % (self.name, (self.data_bytes >> 24) * 16))
        if self.data_ins != 3 or not self.fault:
            return pdu
        pos = 40 if self.fault == "header" else hlen
        pdu[pos] ^= 0x01
        log("%s: damaged the %s of Data-In 3" % (self.name, self.fault))
        return pdu

    def take(self, buf):
        """Forward whole PDUs from BUF; returns what is left, None if lost."""
        while True:
            hlen = 48 + (self.hd if self.full else 0)
            if len(buf) < hlen:
                return buf
            op = buf[0] & 0x3F
            if op not in TARGET_OPS or buf[4]:
                log("%s: framing lost after %d Data-In PDUs (opcode %#x)"
                    % (self.name, self.data_ins, op))
                return None
            dlen = int.from_bytes(buf[5:8], "big")
            total = hlen + dlen + (-dlen % 4) + (self.dd if self.full and dlen else 0)
            if len(buf) < total:
                return buf
            pdu = bytearray(buf[:total])
            buf = buf[total:]
            if self.full:
                pdu = self.damage(pdu, hlen, dlen)
            else:
                self.answer += bytes(pdu[48:48 + dlen]) + b"\0"
                if op == 0x23 and pdu[1] & 0x83 == 0x83:
                    self.login_done()
            self.client.sendall(pdu)

    def downstream(self):
        """Target to initiator, PDU by PDU."""
        buf = b""
        try:
            while buf is not None:
                data = self.server.recv(262144)
                if not data:
                    break
                buf = self.take(buf + data)
        except OSError:
            pass
        self.close()

    def close(self):
        for s in (self.client, self.server):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(listener, port, faulty):
    """Accept connections on LISTENER (PORT) for ever."""
    while True:
        client, _ = listener.accept()
        with lock:
            counts[port] = counts.get(port, 0) + 1
            n = counts[port]
        conn = Connection(client, "port %d conn %d" % (port, n),
                          FAULTS.get(n) if faulty else None)
        threading.Thread(target=conn.upstream, daemon=True).start()
        threading.Thread(target=conn.downstream, daemon=True).start()


for port in (PORT, PORT + 1):
    threading.Thread(target=serve, daemon=True,
                     args=(socket.create_server(("10.99.0.1", port)), port,
                           port != PORT)).start()
log("listening")
threading.Event().wait()
