#!/usr/bin/env python3
"""A portal for tests/host/test_iscsi.sh that takes each connection and
never answers: it reads what comes (so TCP acknowledges the login PDU) and
logs each connection.

usage: silent_target.py PORT LOG   (listens on 10.99.0.1:PORT)"""
import socket
import sys
import threading

PORT = int(sys.argv[1])
LOG = sys.argv[2]


def log(line):
    with open(LOG, "a") as f:
        f.write(line + "\n")


def drain(conn):
    """Read from CONN until the peer closes it; answer nothing."""
    while conn.recv(65536):
        pass


listener = socket.create_server(("10.99.0.1", PORT))
log("listening")
while True:
    client, _ = listener.accept()
    log("connection")
    threading.Thread(target=drain, args=(client,), daemon=True).start()
