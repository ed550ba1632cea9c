#!/bin/sh
# Make the certificates the UEFI network image test and the UEFI benchmark
# use for HTTPS, into OUTDIR: a test CA (ca.pem, built into their firmware
# with TRUST=) and a server certificate for 10.0.2.2 (server.pem,
# server.key: nginx on the host, as QEMU's user network shows it to the
# guest), with absolute validity dates (2020 for 100 years).
#
# usage: tests/qemu/mk-qemu-pki.sh OUTDIR
set -eu

. "$(dirname "$0")/../fakeclock.sh"
. "$(dirname "$0")/../mkcert.sh"

mkdir -p "$(dirname "$1")"
PKI=$(mktemp -d "${1%/}.XXXXXX")
trap 'rm -rf "$PKI"' EXIT INT TERM
mkcert ca "lwpxe QEMU test CA" - rsa:2048
mkcert server 10.0.2.2 ca rsa:2048 IP:10.0.2.2
mkdir -p "$1"
mv "$PKI/ca.pem" "$PKI/server.pem" "$PKI/server.key" "$1/"
