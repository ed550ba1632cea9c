#!/usr/bin/env python3
"""TLS peers nginx cannot be: on PORT one that accepts TCP and says
nothing, on PORT+1 one that reads the ClientHello and closes.  Writes
"listening" to LOG when ready; stops by itself after 120 s."""
import selectors
import socket
import sys
import time

port, log = int(sys.argv[1]), sys.argv[2]
sel = selectors.DefaultSelector()
for p in (port, port + 1):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("10.99.0.1", p))
    s.listen(8)
    sel.register(s, selectors.EVENT_READ, ("listen", p))
with open(log, "w") as f:
    f.write("listening\n")
kept = []
end = time.time() + 120
while time.time() < end:
    for key, _ in sel.select(timeout=1):
        kind, p = key.data
        if kind == "listen":
            c, _ = key.fileobj.accept()
            kept.append(c)
            if p == port + 1:
                sel.register(c, selectors.EVENT_READ, ("close", p))
        else:
            key.fileobj.recv(4096)
            sel.unregister(key.fileobj)
            key.fileobj.close()
