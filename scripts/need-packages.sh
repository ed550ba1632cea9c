#!/bin/sh
# Install the Debian packages named on the command line that are missing,
# saying what is installed; apt-get as root, else through sudo.
#
# usage: scripts/need-packages.sh PACKAGE...
set -eu

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
# shellcheck disable=SC2086
if ! $sudo apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
	$sudo apt-get update -q >/dev/null 2>&1 || true
	# shellcheck disable=SC2086
	$sudo apt-get install -y -q --no-install-recommends $missing ||
		{ echo "need-packages: apt-get install$missing failed" >&2; exit 1; }
fi
