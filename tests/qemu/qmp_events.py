#!/usr/bin/env python3
"""Log a QEMU's QMP events: connect to its QMP socket (polling for it up
to 60 s), leave capabilities negotiation, then write every event as one
JSON line to OUT until QEMU closes the socket.

usage: qmp_events.py SOCKET OUT
"""
import json
import socket
import sys
import time


def connect(path, deadline):
    """The connected socket at PATH, retried until DEADLINE (time.time())."""
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            return sock
        except OSError:
            sock.close()
            if time.time() > deadline:
                sys.exit("qmp_events: no QMP socket at " + path)
            time.sleep(0.05)


def main():
    """Write the events of the QEMU at argv[1] to argv[2]."""
    sock = connect(sys.argv[1], time.time() + 60)
    stream = sock.makefile('rwb', buffering=0)
    stream.readline()
    stream.write(b'{"execute": "qmp_capabilities"}\n')
    with open(sys.argv[2], 'w', encoding='utf-8') as out:
        for line in stream:
            message = json.loads(line)
            if 'event' in message:
                out.write(json.dumps(message) + '\n')
                out.flush()


main()
