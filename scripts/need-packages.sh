#!/bin/sh
# Install the Debian packages named on the command line that are missing,
# saying what is installed; apt-get as root, else through sudo.  When
# another apt or dpkg holds its lock (an unattended upgrade on a new
# machine), wait for it, up to NEED_PACKAGES_LOCK_WAIT seconds (600), and
# say so.
#
# usage: scripts/need-packages.sh PACKAGE...
set -eu

lock_wait=${NEED_PACKAGES_LOCK_WAIT:-600}

missing=
for pkg in "$@"; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

echo "need-packages: installing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then
	sudo=
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo -n"
else
	echo "need-packages: missing$missing and not root (no sudo): install them with apt-get" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Say once that apt is waiting for a lock, naming who holds it ($out: apt's output).
said_wait=
say_wait() {
	[ -z "$said_wait" ] || return 0
	holder=$(grep -o 'held by process [0-9]* ([^)]*)' "$out" | head -1)
	[ -n "$holder" ] || return 0
	echo "need-packages: another apt/dpkg holds the package lock ($holder): waiting up to $lock_wait s"
	said_wait=1
}

# apt-get ARGS...: apt-get waiting for the dpkg lock; output in $out.
apt_get() {
	# shellcheck disable=SC2086
	$sudo apt-get -o DPkg::Lock::Timeout="$lock_wait" "$@" > "$out" 2>&1 &
	ag_pid=$!
	while kill -0 "$ag_pid" 2>/dev/null; do
		grep -q '^Waiting for cache lock' "$out" && say_wait
		sleep 1
	done
	wait "$ag_pid"
}

# apt-get update, retried while another apt holds the lists lock (apt
# does not wait for that one itself).
apt_update() {
	au_start=$(date +%s)
	while ! apt_get update -q; do
		grep -q 'Could not get lock' "$out" || return 1
		say_wait
		[ $(( $(date +%s) - au_start )) -lt "$lock_wait" ] || return 1
		sleep 5
	done
}

# shellcheck disable=SC2086
if ! apt_get install -y -q --no-install-recommends $missing; then
	apt_update || true
	# shellcheck disable=SC2086
	apt_get install -y -q --no-install-recommends $missing || {
		cat "$out" >&2
		echo "need-packages: apt-get install$missing failed" >&2
		exit 1
	}
fi
