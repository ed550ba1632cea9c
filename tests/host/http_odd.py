#!/usr/bin/env python3
"""HTTP responses nginx cannot give, for tests/host/test_http.sh: odd chunk
sizes, Digest challenges, a stall mid-body, a malformed header, a lying
Content-Length, a redirect loop, a download whose first Range request gets
no answer, and the POSTed form it saw (logged)."""
import hashlib
import http.server
import sys
import time

LOG = sys.argv[2]
REALM = "lwpxe-digest"
NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093"
USER, PASSWORD = "digestuser", "digest pass"
RESUME_BODY = bytes(i % 251 for i in range(300000))


def log(line):
    with open(LOG, "a") as f:
        f.write(line + "\n")


def param(header, name):
    for part in header[len("Digest "):].split(","):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value.strip('"')
    return ""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    resume_ranges = 0

    def log_message(self, fmt, *args):
        log("request " + self.command + " " + self.path)

    def raw(self, data):
        self.wfile.write(data)
        self.wfile.flush()

    def chunked(self):
        self.raw(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
        body = b""
        for n in (1, 0x1F, 4096, 7, 65537):
            piece = bytes((i * 7 + n) & 0xFF for i in range(n))
            body += piece
            self.raw(b"%x;ext=1\r\n" % n + piece + b"\r\n")
        self.raw(b"0\r\nX-Trailer: yes\r\n\r\n")
        log("chunked-sha256 " + hashlib.sha256(body).hexdigest())

    def digest(self, alg):
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Digest "):
            h = hashlib.sha256 if alg == "SHA-256" else hashlib.md5
            hx = lambda s: h(s.encode()).hexdigest()
            ha1 = hx("%s:%s:%s" % (USER, REALM, PASSWORD))
            ha2 = hx("GET:" + param(auth, "uri"))
            want = hx(":".join([ha1, NONCE, param(auth, "nc"),
                                param(auth, "cnonce"), "auth", ha2]))
            if param(auth, "response") == want and param(auth, "opaque") == "op4que":
                body = b"digest-ok " + alg.encode() + b"\n"
                self.raw(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
                return
            log("digest-bad " + auth)
        self.raw(('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="x"\r\n'
                  'WWW-Authenticate: Digest realm="%s", qop="auth,auth-int", '
                  'algorithm=%s, nonce="%s", opaque="op4que"\r\n'
                  'Content-Length: 0\r\n\r\n' % (REALM, alg, NONCE)).encode())

    def resume(self):
        """/resume: 300,000 bytes (Accept-Ranges), cut after 100,000; the
        first Range request then gets no answer at all, the next its 206"""
        rng = self.headers.get("Range")
        log("resume " + (rng or "whole"))
        if rng is None:
            self.raw(b"HTTP/1.1 200 OK\r\nAccept-Ranges: bytes\r\nContent-Length: %d\r\n\r\n"
                     % len(RESUME_BODY) + RESUME_BODY[:100000])
            time.sleep(30)
            return
        Handler.resume_ranges += 1
        if Handler.resume_ranges == 1:
            time.sleep(30)
            return
        first = int(rng[len("bytes="):].rstrip("-"))
        rest = RESUME_BODY[first:]
        self.raw(b"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes %d-%d/%d\r\n"
                 b"Content-Length: %d\r\n\r\n" % (first, len(RESUME_BODY) - 1,
                                                   len(RESUME_BODY), len(rest)) + rest)

    def do_GET(self):
        p = self.path
        if p == "/chunked":
            self.chunked()
        elif p.startswith("/digest-"):
            self.digest("SHA-256" if p.endswith("sha256") else "MD5")
        elif p == "/stall":
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + b"x" * 1000)
            time.sleep(30)
        elif p == "/resume":
            self.resume()
        elif p == "/short":
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n" + b"y" * 1234)
            self.close_connection = True
        elif p == "/badheader":
            self.raw(b"HTTP/1.1 200 OK\r\nContent Length 5\r\n\r\nhello")
        elif p == "/badstatus":
            self.raw(b"HTTP/9 two hundred\r\n\r\n")
        elif p.startswith("/loop"):
            self.raw(b"HTTP/1.1 302 Found\r\nLocation: /loop%d\r\nContent-Length: 0\r\n\r\n"
                     % ((int(p[5:] or 0) + 1) % 3))
        elif p == "/posted.ipxe":
            body = b"#!ipxe\necho posted-answer-ran\n"
            self.raw(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        else:
            self.raw(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")

    def do_HEAD(self):
        self.raw(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        log("post %s %s %s" % (self.path, self.headers.get("Content-Type"), body.decode()))
        log("post-header X-Lwpxe: %s" % self.headers.get("X-Lwpxe"))
        self.raw(b"HTTP/1.1 303 See Other\r\nLocation: /posted.ipxe\r\nContent-Length: 0\r\n\r\n")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


srv = Server(("10.99.0.1", int(sys.argv[1])), Handler)
log("listening")
srv.serve_forever()
