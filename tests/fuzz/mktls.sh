#!/bin/sh
# Record the seeds of the TLS target (tests/fuzz/fuzz_tls.c) from real
# servers: certificates made with tests/mkcert.sh, their CA written to
# tests/fuzz/tls_ca.h and the target rebuilt with it, then for each seed
# an openssl s_server on 127.0.0.1 that the target, in its recording mode,
# shakes hands with (and sends a request to) while it writes everything
# the server sends to tests/fuzz/corpus/tls/NAME.  The target's random
# numbers and clock are fixed, so each seed replays the same handshake,
# as long as the client's messages stay the same: after a change to what
# it offers (suites, groups, extensions, mbedTLS), run this again.
# (corpus/tls also holds hand-made seeds from mkcorpus.py and inputs the
# fuzzer found, kept as they are: unknown-signature-algorithm.)
#
# usage: tests/fuzz/mktls.sh   (from the top of the tree; needs openssl
#        and faketime, as the host tests do)
set -eu

PKI=$(mktemp -d)
srv=
trap 'rm -rf "$PKI"; [ -z "$srv" ] || kill "$srv" 2>/dev/null' EXIT
# shellcheck source=tests/fakeclock.sh
. tests/fakeclock.sh
# shellcheck source=tests/mkcert.sh
. tests/mkcert.sh
corpus=tests/fuzz/corpus/tls
port=${FUZZ_TLS_PORT:-44315}
name=DNS:fuzz.example

openssl ecparam -name prime256v1 -out "$PKI/p256.param"
ec="ec:$PKI/p256.param"
mkcert ca "lwpxe fuzz CA" - "$ec"
mkcert ec fuzz.example ca "$ec" "$name"
mkcert rsa fuzz.example ca rsa:2048 "$name"
mkcert other other.example ca "$ec" DNS:other.example
mkcert old fuzz.example ca "$ec" "$name" "2021-01-01 00:00:00" 30
mkcert rogue_ca "lwpxe rogue CA" - "$ec"
mkcert rogue fuzz.example rogue_ca "$ec" "$name"

{
	echo "/** @file The CA the recorded seeds of fuzz_tls.c chain to (written by tests/fuzz/mktls.sh). */"
	echo "static const char fuzz_tls_ca[] ="
	sed 's/.*/\t"&\\n"/' "$PKI/ca.pem"
	printf '\t;\n'
} > tests/fuzz/tls_ca.h
make -s build/fuzz/fuzz_tls

# record NAME PIECE FLAGS CERT S_SERVER_OPTIONS...: one seed; PIECE and
# FLAGS are the input's first two bytes, in octal
record() {
	seed=$1 head="\\$2\\$3" cert=$4
	shift 4
	log=$PKI/server.log
	openssl s_server -accept "127.0.0.1:$port" -naccept 1 -www \
		-cert "$PKI/$cert.pem" -key "$PKI/$cert.key" "$@" >"$log" 2>&1 &
	srv=$!
	# wait (up to 10 s) until it listens
	i=0
	until grep -q ACCEPT "$log"; do
		i=$((i + 1))
		[ $i -le 100 ] || { echo "mktls: s_server did not start:"; cat "$log"; exit 1; }
		sleep 0.1
	done
	# shellcheck disable=SC2059  # the format is the two bytes
	printf "$head" > "$PKI/head"
	FUZZ_TLS_SERVER=$port FUZZ_TLS_RECORD=$corpus/$seed \
		build/fuzz/fuzz_tls "$PKI/head" 2>&1 | grep '^fuzz: tls:' | sed "s|^|$seed: |"
	kill "$srv" 2>/dev/null || true
	wait "$srv" 2>/dev/null || true
	srv=
}

mkdir -p "$corpus"
# pieces: 0205 = 6 * 128 bytes, 037 = 32, 0 = 1, 0377 = 16 KiB
# flags: 01 EOF, 02 reset, 04 the application aborts, 010 tight, 020 acks
record tls13-ec 0205 01 ec -tls1_3
record tls13-bytewise-tight 0 030 ec -tls1_3
record tls13-app-aborts 0377 05 ec -tls1_3
record tls12-ec 037 021 ec -tls1_2
record tls12-rsa 0205 01 rsa -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256
record tls12-no-common-suite 0205 01 rsa -tls1_2 -cipher AES128-SHA
record untrusted 0205 01 rogue -tls1_3
record untrusted-tls12 0205 01 rogue -tls1_2
record name-mismatch 0205 01 other -tls1_3
record name-mismatch-tls12 0205 01 other -tls1_2
record expired 0205 02 old -tls1_2
