# Sourced by tests/qemu/lib.sh and tests/host/lib.sh (the demo).

# console_lines [-u] [FILE...]: a serial console's bytes as lines: each line
# from its last carriage return (a progress line updated in place leaves its
# last state), no screen escapes; -u: line by line, for a live view
console_lines() {
	cl_unbuffered=
	if [ "${1:-}" = -u ]; then
		cl_unbuffered=-u
		shift
	fi
	sed $cl_unbuffered 's/\r$//; s/.*\r//; s/\x1b\[[0-9;=?]*[A-Za-z]//g' "$@"
}
