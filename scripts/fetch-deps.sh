#!/bin/sh
# Fetch one pinned dependency from its Debian source package with apt's own
# client, using a private sources list and state folder under build/apt
# (no root needed, the system's apt configuration untouched), check the
# upstream tarball's SHA-256 and unpack it to build/deps/<name>.
#
# usage: scripts/fetch-deps.sh NAME   (NAME from scripts/deps.list)
set -eu

name=$1
top=$(cd "$(dirname "$0")/.." && pwd)
apt_dir=$top/build/apt
dl_dir=$top/build/dl
out=$top/build/deps/$name

fail() { echo "fetch-deps: $name: $*" >&2; exit 1; }

line=$(awk -v n="$name" '$1 == n { print }' "$top/scripts/deps.list")
[ -n "$line" ] || fail "not listed in scripts/deps.list"
set -- $line
suite=$2 pkg=$3 tarball=$4 sha=$5

[ -f "$out/.unpacked" ] && exit 0

# Mirror URIs come from the system's own apt sources (deb822 or one-line form).
mirrors() {
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		case $f in
		*.sources) awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' "$f" ;;
		*) awk '$1 == "deb" || $1 == "deb-src" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; break } }' "$f" ;;
		esac
	done | grep -v -e security -e updates | sort -u
}

apt_opts() {
	echo "-o Dir::Etc::SourceList=$apt_dir/sources.list -o Dir::Etc::SourceParts=/dev/null \
-o Dir::State=$apt_dir/state -o Dir::State::Lists=$apt_dir/lists -o Dir::State::status=$apt_dir/state/status \
-o Dir::Cache=$apt_dir/cache -o Debug::NoLocking=1 -o APT::Sandbox::User=root -o Acquire::Retries=2"
}

if [ ! -f "$dl_dir/$tarball" ]; then
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/state" "$apt_dir/cache/archives/partial" "$dl_dir"
	touch "$apt_dir/state/status"
	uris=$(mirrors | grep -E '/debian/?$' || true)
	[ -n "$uris" ] || uris=$(mirrors)
	[ -n "$uris" ] || fail "no Debian mirror found in /etc/apt/sources.list*"
	: > "$apt_dir/sources.list"
	for u in $uris; do
		for s in trixie bookworm; do
			echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $u $s main" >> "$apt_dir/sources.list"
		done
	done
	stamp=$apt_dir/lists/.updated
	if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +1440)" ]; then
		# shellcheck disable=SC2046
		apt-get -q $(apt_opts) update > "$apt_dir/update.log" 2>&1 ||
			fail "cannot reach the Debian mirror ($(echo $uris)): see build/apt/update.log"
		grep -q '^E:' "$apt_dir/update.log" && fail "apt update failed: $(grep '^E:' "$apt_dir/update.log" | head -1)"
		touch "$stamp"
	fi
	tmp=$dl_dir/tmp.$name
	rm -rf "$tmp" && mkdir -p "$tmp"
	# shellcheck disable=SC2046
	(cd "$tmp" && apt-get -q $(apt_opts) source --download-only "$pkg/$suite") > "$tmp.log" 2>&1 ||
		fail "apt-get source $pkg/$suite failed: $(grep -E '^E:' "$tmp.log" | head -1)"
	[ -f "$tmp/$tarball" ] || fail "$pkg/$suite no longer ships $tarball"
	mv "$tmp/$tarball" "$dl_dir/$tarball"
	rm -rf "$tmp" "$tmp.log"
fi

got=$(sha256sum "$dl_dir/$tarball" | cut -d' ' -f1)
if [ "$got" != "$sha" ]; then
	mv "$dl_dir/$tarball" "$dl_dir/$tarball.bad"
	fail "SHA-256 mismatch for $tarball: expected $sha, got $got"
fi

rm -rf "$out" "$out.tmp" && mkdir -p "$out.tmp"
tar -C "$out.tmp" --strip-components=1 -xf "$dl_dir/$tarball" || fail "cannot unpack $tarball"
mv "$out.tmp" "$out"
touch "$out/.unpacked"
echo "fetch-deps: $name: $tarball verified and unpacked to build/deps/$name"
