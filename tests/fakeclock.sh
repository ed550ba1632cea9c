# shellcheck shell=sh
# fake_clock SPEC [NAME=VALUE...] COMMAND...: run COMMAND with libfaketime
# preloaded and its clock set by SPEC, in FAKETIME's syntax ("@2020-01-01
# 00:00:00" starts the clock at that time, "+1000000s" runs it that far
# ahead), and NAME=VALUE in its environment (env(1) takes them: an env
# between would itself start under libfaketime, exec COMMAND and leave its
# files behind).
# libfaketime makes shared memory in /dev/shm named by the process ID and
# removes it at exit; a process killed outright leaves it behind, and a
# later one that gets the same ID then fails at start ("shm_open failed:
# File exists").  So the files of the ID COMMAND will have (this shell's,
# which it keeps through exec) are removed first: no other live process
# can own them.  The faketime wrapper is not used: it makes such files of
# its own.
fake_clock() {
	fc_spec=$1
	shift
	FAKETIME=$fc_spec sh -c 'rm -f "/dev/shm/faketime_shm_$$" "/dev/shm/sem.faketime_sem_$$"
exec env -u FAKETIME_SHARED LD_PRELOAD=/usr/\$LIB/faketime/libfaketime.so.1 "$@"' fake_clock "$@"
}
