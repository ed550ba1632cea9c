/** @file Unit tests for the script language, its commands and the shell. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <lwpxe/command.h>
#include <lwpxe/errors.h>
#include <lwpxe/script.h>
#include <lwpxe/settings.h>
#include <lwpxe/time.h>
#include "platform_stub.h"
#include "../../src/script/script_int.h"

/** Empty settings and console before each test */
static int reset(void **state)
{
	(void)state;
	settings_free_block(settings_root());
	stub_console_reset();
	stub_console_input(NULL);
	return 0;
}

/** Run @p line and return what it printed (status in *rc) */
static const char *run(const char *line, int *rc)
{
	stub_console_reset();
	*rc = system_cmd(line);
	return stub_console_output();
}

/** Run a script given as a string and return what it printed */
static const char *script(const char *text, int *rc)
{
	stub_console_reset();
	*rc = script_run("t.ipxe", text, strlen(text));
	return stub_console_output();
}

/** Expand @p text into a static buffer ("<NULL>" on failure) */
static const char *expand(const char *text)
{
	static char buf[256];
	char *s = expand_settings(text);

	snprintf(buf, sizeof(buf), "%s", s ? s : "<NULL>");
	free(s);
	return buf;
}

/** ${...} expansion: plain, typed, scoped, nested, unknown, errors */
static void test_expand(void **state)
{
	struct settings *net0 = settings_new_block(NULL, "net0");

	assert_int_equal(settings_store(net0, "mac", NULL,
					"\x52\x54\x00\x12\x34\x56", 6), 0);
	assert_int_equal(settings_store_text("net0/ip", "10.0.0.5"), 0);
	assert_int_equal(settings_store_text("idx", "0"), 0);
	assert_int_equal(settings_store_text("name", "ip"), 0);

	assert_string_equal(expand("plain text"), "plain text");
	assert_string_equal(expand("ip=${net0/ip}!"), "ip=10.0.0.5!");
	assert_string_equal(expand("${net0/mac:hexhyp}"), "52-54-00-12-34-56");
	assert_string_equal(expand("${mac:hexraw}"), "525400123456");
	assert_string_equal(expand("${net${idx}/ip}"), "10.0.0.5");
	assert_string_equal(expand("${net${idx}/${name}:hex}"), "0a:00:00:05");
	assert_string_equal(expand("[${nothing}]"), "[]");
	assert_string_equal(expand("[${}]"), "[]");
	assert_string_equal(expand("[${net9/ip}]"), "[]");
	assert_string_equal(expand("cost $5 {x}"), "cost $5 {x}");
	assert_string_equal(expand("${ip"), "<NULL>");
	assert_string_equal(expand("a ${net${idx}/ip"), "<NULL>");

	/* values are not expanded again */
	assert_int_equal(settings_store_text("tricky", "${idx}"), 0);
	assert_string_equal(expand("${tricky}"), "${idx}");
}

/** Words, quoting and escapes; an expanded value stays one argument */
static void test_words(void **state)
{
	int rc;

	assert_string_equal(run("echo  hello   world ", &rc), "hello world\n");
	assert_int_equal(rc, 0);
	assert_string_equal(run("echo \"a  b\" 'c ${x}' d\\ e", &rc),
			    "a  b c ${x} d e\n");
	assert_string_equal(run("echo -n no newline", &rc), "no newline");
	assert_string_equal(run("echo ----", &rc), "----\n");
	assert_string_equal(run("echo Don't panic", &rc), "Don't panic\n");
	assert_string_equal(run("echo foo=\"a b\"", &rc), "foo=\"a b\"\n");
	assert_string_equal(run("echo \\boot\\bcd", &rc), "\\boot\\bcd\n");
	assert_string_equal(run("echo \"say \\\"hi\\\"\"", &rc),
			    "say \"hi\"\n");
	assert_string_equal(run("echo a # comment", &rc), "a\n");
	assert_string_equal(run("echo a#b \\# c", &rc), "a#b # c\n");
	assert_string_equal(run("echo \"a || b\" \\;", &rc), "a || b ;\n");

	run("set x a b", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(run("echo [${x}]", &rc), "[a b]\n");
	run("iseq ${x} \"a b\"", &rc);
	assert_int_equal(rc, 0);
	run("set x ||", &rc);   /* "||" ends the command: set x deletes x */
	assert_int_equal(rc, 0);
	assert_string_equal(run("echo \"[${x}]\"", &rc), "[]\n");
	run("isset ${x}", &rc);
	assert_int_equal(rc, -ENOENT);
}

/** `;`, `&&`, `||`: iPXE's rules, status of the last command run */
static void test_separators(void **state)
{
	int rc;

	assert_string_equal(run("iseq 1 2 || echo yes", &rc), "yes\n");
	assert_int_equal(rc, 0);
	assert_string_equal(run("iseq 1 1 && echo yes", &rc), "yes\n");
	assert_int_equal(rc, 0);
	assert_string_equal(run("iseq 1 2 && echo no", &rc), "");
	assert_int_equal(rc, -ERANGE);
	assert_string_equal(run("iseq 1 1 || echo no", &rc), "");
	assert_int_equal(rc, 0);
	assert_string_equal(run("echo a ; echo b", &rc), "a\nb\n");
	assert_string_equal(run("iseq 1 2 ; echo b", &rc), "b\n");
	assert_int_equal(rc, 0);
	assert_string_equal(run("echo b ; iseq 1 2", &rc), "b\n");
	assert_int_equal(rc, -ERANGE);
	assert_string_equal(run("iseq a b && echo x || echo y", &rc), "y\n");
	assert_string_equal(run("iseq a a && echo x || echo y", &rc), "x\n");
	run("iseq 1 2 ||", &rc);
	assert_int_equal(rc, 0);

	/* each command is expanded just before it runs */
	assert_string_equal(run("set n 1 && echo ${n} ; set n 2 ; echo ${n}",
				&rc), "1\n2\n");
	/* separators must be whole words, as in iPXE */
	assert_string_equal(run("echo a;b a&&b", &rc), "a;b a&&b\n");

	assert_string_equal(run("", &rc), "");
	assert_int_equal(rc, 0);
	assert_string_equal(run("   # only a comment", &rc), "");
	assert_int_equal(rc, 0);
}

/** Unknown commands and syntax errors print one line */
static void test_errors(void **state)
{
	int rc;

	assert_string_equal(run("frobnicate now", &rc),
			    "frobnicate: command not found\n");
	assert_int_equal(rc, -ENOEXEC);
	assert_string_equal(run("frobnicate || echo fallback", &rc),
			    "frobnicate: command not found\nfallback\n");
	assert_int_equal(rc, 0);

	assert_string_equal(run("echo \"abc", &rc),
			    "syntax error: unterminated \" in: echo \"abc\n");
	assert_int_equal(rc, -EINVAL);
	assert_string_equal(run("echo first ; echo ${x", &rc),
			    "syntax error: unterminated ${ in: "
			    "echo first ; echo ${x\n");
	assert_int_equal(rc, -EINVAL);
	assert_string_equal(run("echo 'it", &rc),
			    "syntax error: unterminated ' in: echo 'it\n");
	assert_string_equal(run("echo \"${x\"", &rc),
			    "syntax error: unterminated ${ in: echo \"${x\"\n");
	assert_string_equal(run("iseq 1", &rc), "Usage: iseq value1 value2\n");
	assert_int_equal(rc, -EINVAL);
}

/** Settings commands: set, show, clear, inc, isset */
static void test_settings_commands(void **state)
{
	struct settings *net0 = settings_new_block(NULL, "net0");
	struct settings *dhcp = settings_new_block(net0, "dhcp");
	int rc;

	assert_non_null(dhcp);
	assert_int_equal(settings_store_text("net0.dhcp/ip", "10.0.0.5"), 0);
	assert_string_equal(run("show net0/ip", &rc),
			    "net0.dhcp/ip:ipv4 = 10.0.0.5\n");
	assert_string_equal(run("show ip:hex", &rc),
			    "net0.dhcp/ip:hex = 0a:00:00:05\n");
	assert_string_equal(run("set 17 iscsi:1.2.3.4::::iqn.a", &rc), "");
	assert_string_equal(run("show 17", &rc),
			    "root-path:string = iscsi:1.2.3.4::::iqn.a\n");
	assert_string_equal(run("show nothere", &rc),
			    "show: nothere: No such file or directory\n");
	assert_int_equal(rc, -ENOENT);

	assert_string_equal(run("set ip 10.0.0", &rc),
			    "set: ip: \"10.0.0\" is not a valid value\n");
	assert_int_equal(rc, -EINVAL);
	assert_string_equal(run("set net9/ip 1.2.3.4", &rc),
			    "set: net9/ip: no such settings block\n");
	assert_int_equal(rc, -ENOENT);
	assert_string_equal(run("set net0/ip 10.0.0.9", &rc), "");
	assert_string_equal(run("echo ${net0/ip} ${net0.dhcp/ip}", &rc),
			    "10.0.0.9 10.0.0.5\n");
	assert_string_equal(run("clear net0/ip && echo ${net0/ip}", &rc),
			    "10.0.0.5\n");
	run("clear never-set", &rc);
	assert_int_equal(rc, 0);
	run("clear net9/x", &rc);
	assert_int_equal(rc, -ENOENT);

	run("isset ${net0/ip}", &rc);
	assert_int_equal(rc, 0);
	run("isset ${hostname}", &rc);
	assert_int_equal(rc, -ENOENT);

	assert_string_equal(run("inc i ; inc i 5 ; echo ${i}", &rc), "6\n");
	assert_string_equal(run("set i 0x10 ; inc i ; echo ${i}", &rc), "17\n");
	/* A 32-bit number that wraps, the same on every platform */
	assert_string_equal(run("set i 2147483647 ; inc i ; echo ${i}", &rc),
			    "-2147483648\n");
	assert_string_equal(run("set i -2147483648 ; inc i -1 ; echo ${i}",
				&rc), "2147483647\n");
	assert_string_equal(run("set i 9223372036854775807 ; inc i ; echo ${i}",
				&rc), "0\n");
	assert_string_equal(run("set i 5 ; inc i 0xffffffff ; echo ${i}", &rc),
			    "4\n");
}

/** Nested ${ of @p depth levels around "x" into @p buf, then @p tail */
static const char *nest(char *buf, int depth, const char *tail)
{
	char *p = buf;

	for (int i = 0; i < depth; i++)
		p += sprintf(p, "${");
	p += sprintf(p, "x");
	for (int i = 0; i < depth; i++)
		*p++ = '}';
	strcpy(p, tail);
	return buf;
}

/**
 * ${...} nesting is bounded: a line nested deeper than EXPAND_DEPTH_MAX
 * is one syntax error line that quotes the start of the line (the
 * firmware stacks are small), not a deep recursion; the deepest allowed
 * one still expands
 */
static void test_expand_depth(void **state)
{
	static char line[40000], want[200];
	int rc;

	assert_int_equal(settings_store_text("x", "x"), 0);
	assert_string_equal(expand(nest(line, EXPAND_DEPTH_MAX, "")), "x");
	assert_string_equal(expand(nest(line, 1, "")), "x");
	assert_string_equal(expand(nest(line, EXPAND_DEPTH_MAX + 1, "")),
			    "<NULL>");
	memcpy(line, "echo ", 5);
	nest(line + 5, 3000, "");
	snprintf(want, sizeof(want), "syntax error: ${...} nested more than %d "
		 "deep in: %.60s...\n", EXPAND_DEPTH_MAX, line);
	assert_string_equal(run(line, &rc), want);
	assert_int_equal(rc, -EINVAL);
}

/**
 * Ctrl-C breaks a goto loop with one line (the loop would otherwise run
 * 100000 times, or forever without its counter)
 */
static void test_goto_cancel(void **state)
{
	int rc;
	const char *out;

	stub_console_input("\x03");
	out = script("#!ipxe\n"
		     "set i 0\n"
		     ":loop\n"
		     "inc i\n"
		     "iseq ${i} 100000 || goto loop\n"
		     "echo looped ${i} times\n", &rc);
	assert_int_equal(rc, -ECANCELED);
	assert_string_equal(out, "t.ipxe:5: goto: cancelled (Ctrl-C)\n");
}

/** A goto loop counting with set, inc and iseq */
static void test_script_goto_loop(void **state)
{
	int rc;
	const char *out = script(
		"#!ipxe\n"
		"set i 0\n"
		"set seen\n"
		":loop\n"
		"inc i\n"
		"set seen ${seen}${i}\n"
		"iseq ${i} 4 || goto loop\n"
		"echo seen ${seen}\n"
		"goto end\n"
		"echo skipped\n"
		":end echo at end\n", &rc);

	assert_int_equal(rc, 0);
	assert_string_equal(out, "seen 1234\nat end\n");
}

/** `exit N` ends the script with status N, also from an `||` chain */
static void test_script_exit(void **state)
{
	int rc;
	const char *out;

	out = script("#!ipxe\necho a\nexit 3\necho b\n", &rc);
	assert_string_equal(out, "a\n");
	assert_int_equal(rc, -(SCRIPT_EXIT_BASE + 3));
	assert_int_equal(script_exit_status(rc), 3);

	out = script("#!ipxe\niseq a b || exit 7 ; echo no\necho no\n", &rc);
	assert_string_equal(out, "");
	assert_int_equal(script_exit_status(rc), 7);

	out = script("#!ipxe\nexit\necho no\n", &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(script_exit_status(rc), 0);
	assert_string_equal(out, "");

	out = script("#!ipxe\nexit 0x10 || echo no\n", &rc);
	assert_int_equal(script_exit_status(rc), 16);
	out = script("#!ipxe\nexit lots\n", &rc);
	assert_string_equal(out, "t.ipxe:2: exit: \"lots\" is not a status "
			    "(0-65535)\n");
	assert_int_equal(script_exit_status(rc), 1);

	assert_int_equal(script_exit_status(0), 0);
	assert_int_equal(script_exit_status(-ENOENT), 1);
	assert_int_equal(script_exit_status(-(SCRIPT_EXIT_BASE + 255)), 255);
}

/** A failing command stops the script with one line-numbered message */
static void test_script_failure(void **state)
{
	int rc;
	const char *out;

	out = script("#!ipxe\n"
		     "echo one\n"
		     "\n"
		     "iseq ${x} yes || echo guarded\n"
		     "  iseq a b  \n"
		     "echo never\n", &rc);
	assert_int_equal(rc, -ERANGE);
	assert_string_equal(out, "one\nguarded\n"
			    "t.ipxe:5: iseq a b: Result out of range\n");
	assert_int_equal(script_exit_status(rc), 1);

	/* a command that says why gets the line number in its own message */
	out = script("#!ipxe\r\necho one\r\nnosuchcommand arg\r\necho never\r\n",
		     &rc);
	assert_int_equal(rc, -ENOEXEC);
	assert_string_equal(out, "one\nt.ipxe:3: nosuchcommand: command not found\n");

	out = script("#!ipxe\nset ip 1.2\n", &rc);
	assert_string_equal(out, "t.ipxe:2: set: ip: \"1.2\" is not a valid value\n");

	out = script("#!ipxe\ngoto nowhere\necho never\n", &rc);
	assert_int_equal(rc, -ENOENT);
	assert_string_equal(out, "t.ipxe:2: goto: no label \":nowhere\" in this "
			    "script\n");

	out = script("#!ipxe\necho ok\necho \"unclosed\necho never\n", &rc);
	assert_int_equal(rc, -EINVAL);
	assert_string_equal(out, "ok\nt.ipxe:3: syntax error: unterminated \" "
			    "in: echo \"unclosed\n");
}

/** Header check, continuation lines, labels with commands, CRLF */
static void test_script_lines(void **state)
{
	int rc;
	const char *out;

	out = script("echo hi\n", &rc);
	assert_int_equal(rc, -ENOEXEC);
	assert_string_equal(out, "t.ipxe: not an iPXE script\n");
	out = script("#!ipxenot\necho hi\n", &rc);
	assert_int_equal(rc, -ENOEXEC);
	out = script("#!gpxe\necho old\n", &rc);
	assert_string_equal(out, "old\n");
	out = script("#!ipxe", &rc);
	assert_int_equal(rc, 0);

	out = script("#!ipxe\n"
		     "echo one \\\n"
		     "  two \\\n"
		     "three\n"
		     "iseq 1 \\\n"
		     "2\n", &rc);
	assert_string_equal(out, "one two three\nt.ipxe:5: iseq 1 2: "
			    "Result out of range\n");

	out = script("#!ipxe\n:start echo labelled\n  :x\necho end", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "labelled\nend\n");
	out = script("#!ipxe\ngoto b\n:a\necho a\n:b\necho b\n", &rc);
	assert_string_equal(out, "b\n");
	out = script("#!ipxe\ngoto b ; echo not-run\n:b\n", &rc);
	assert_string_equal(out, "");
}

/** goto outside a script is refused */
static void test_goto_outside(void **state)
{
	int rc;

	assert_string_equal(run("goto x", &rc), "goto: not in a script\n");
	assert_true(rc < 0);
}

/** prompt: timeout, any key, a wanted key, the wrong key */
static void test_prompt(void **state)
{
	uint64_t start = ticks_ms();
	int rc;

	run("prompt --timeout 50 Wait", &rc);
	assert_int_equal(rc, -ETIMEDOUT);
	assert_true(ticks_ms() - start < 2000);
	assert_string_equal(stub_console_output(), "Wait\b \b\b \b\b \b\b \b");

	stub_console_input("x");
	run("prompt", &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(stub_console_output(),
			       "Press any key to continue"));

	stub_console_input("q");
	run("prompt --key q --timeout 1000 Press q", &rc);
	assert_int_equal(rc, 0);
	stub_console_input("x");
	run("prompt --key=q Press q", &rc);
	assert_int_equal(rc, -ECANCELED);
	stub_console_input("\x02");
	run("prompt -k 0x02 -t 1000 Ctrl-B", &rc);
	assert_int_equal(rc, 0);

	assert_string_equal(run("prompt --timeout soon", &rc),
			    "prompt: bad timeout \"soon\"\n");
	assert_int_equal(rc, -EINVAL);
	assert_string_equal(run("prompt --colour red", &rc),
			    "prompt: unknown option \"--colour\"; usage: prompt "
			    "[--key K] [--timeout MS] [text]\n");
	assert_int_equal(rc, -EINVAL);
	assert_string_equal(run("prompt --timeout", &rc),
			    "prompt: option needs a value \"--timeout\"; usage: "
			    "prompt [--key K] [--timeout MS] [text]\n");
}

/** sleep: a number of seconds, cancelled by Ctrl-C */
static void test_sleep(void **state)
{
	uint64_t start = ticks_ms();
	int rc;

	run("sleep 0", &rc);
	assert_int_equal(rc, 0);
	stub_console_input("\x03");
	run("sleep 30", &rc);
	assert_int_equal(rc, -ECANCELED);
	assert_true(ticks_ms() - start < 5000);
	assert_string_equal(run("sleep x", &rc),
			    "sleep: \"x\" is not a number of seconds\n");
	assert_int_equal(rc, -EINVAL);
}

/** parse_options: long, short, --name=value, "--", errors */
static void test_parse_options(void **state)
{
	static const struct command cmd = { "t", "[-a] [--bee B]", NULL };
	static const struct cmd_option opts[] = {
		{ "all", 'a', 0, 1 }, { "bee", 'b', 1, 2 },
	};
	char *argv[] = { "t", "-a", "--bee", "x", "-by", "--bee=z", "--",
			 "-a", NULL };
	int optind = 1;
	char *arg;

	assert_int_equal(parse_options(&cmd, opts, 2, 8, argv, &optind, &arg),
			 1);
	assert_int_equal(parse_options(&cmd, opts, 2, 8, argv, &optind, &arg),
			 2);
	assert_string_equal(arg, "x");
	assert_int_equal(parse_options(&cmd, opts, 2, 8, argv, &optind, &arg),
			 2);
	assert_string_equal(arg, "y");
	assert_int_equal(parse_options(&cmd, opts, 2, 8, argv, &optind, &arg),
			 2);
	assert_string_equal(arg, "z");
	assert_int_equal(parse_options(&cmd, opts, 2, 8, argv, &optind, &arg),
			 0);
	assert_int_equal(optind, 7);

	char *argv2[] = { "t", "--all=1", NULL };
	optind = 1;
	stub_console_reset();
	assert_int_equal(parse_options(&cmd, opts, 2, 2, argv2, &optind, &arg),
			 -EINVAL);
	assert_non_null(strstr(stub_console_output(), "takes no value"));

	/* bundled flags, as iPXE's getopt takes them ("chain -ar") */
	char *argv4[] = { "t", "-aab", "v", "-ax", NULL };
	optind = 1;
	parseopt_reset();
	assert_int_equal(parse_options(&cmd, opts, 2, 4, argv4, &optind, &arg),
			 1);
	assert_int_equal(parse_options(&cmd, opts, 2, 4, argv4, &optind, &arg),
			 1);
	assert_int_equal(parse_options(&cmd, opts, 2, 4, argv4, &optind, &arg),
			 2);
	assert_string_equal(arg, "v");
	assert_int_equal(optind, 3);
	assert_int_equal(parse_options(&cmd, opts, 2, 4, argv4, &optind, &arg),
			 1);
	stub_console_reset();
	assert_int_equal(parse_options(&cmd, opts, 2, 4, argv4, &optind, &arg),
			 -EINVAL);
	assert_non_null(strstr(stub_console_output(), "unknown option \"-ax\""));

	char *argv3[] = { "t", "word", "-a", NULL };
	optind = 1;
	assert_int_equal(parse_options(&cmd, opts, 2, 3, argv3, &optind, &arg),
			 0);
	assert_int_equal(optind, 1);

	assert_non_null(command_find("echo"));
	assert_null(command_find("no-such"));
	stub_console_reset();
	assert_int_equal(command_usage(command_find("sleep")), -EINVAL);
	assert_string_equal(stub_console_output(), "Usage: sleep seconds\n");
}

/** The shell: editing keys, history, exit status */
static void test_shell(void **state)
{
	int rc;

	/* Ctrl-B moves left; backspace deletes; Ctrl-A / Ctrl-E; Ctrl-U */
	stub_console_input("echo bd\x02" "c\r"
			   "echo xy\x7f" "z\r"
			   "cho A\x01" "e\x05!\r"
			   "garbage\x15" "echo clean\r"
			   "echo gone\x03" "echo kept\r"
			   "echo abc\x02\x02\x0b\r"
			   "\x1b[A\r"
			   "exit 4\r");
	stub_console_reset();
	rc = shell();
	assert_int_equal(script_exit_status(rc), 4);
	assert_non_null(strstr(stub_console_output(), "lwpxe> "));
	assert_non_null(strstr(stub_console_output(), "\nbcd\n"));
	assert_non_null(strstr(stub_console_output(), "\nxz\n"));
	assert_non_null(strstr(stub_console_output(), "\nA!\n"));
	assert_non_null(strstr(stub_console_output(), "\nclean\n"));
	assert_null(strstr(stub_console_output(), "\ngone\n"));
	assert_non_null(strstr(stub_console_output(), "\nkept\n"));
	/* "echo a" ran twice: once typed, once from history with Up */
	const char *first = strstr(stub_console_output(), "\na\n");
	assert_non_null(first);
	assert_non_null(strstr(first + 2, "\na\n"));

	/* a script can run the shell and continue after a plain exit */
	stub_console_input("echo inner\rexit\r");
	const char *out = script("#!ipxe\nshell\necho after\n", &rc);
	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "inner\n"));
	assert_non_null(strstr(out, "after\n"));
}

/** help lists the commands */
static void test_help(void **state)
{
	int rc;
	const char *out = run("help", &rc);

	assert_int_equal(rc, 0);
	assert_non_null(strstr(out, "  echo       [-n] [text...]\n"));
	assert_non_null(strstr(out, "  prompt "));
	assert_true(strstr(out, "  echo ") < strstr(out, "  set "));
	assert_string_equal(run("help goto", &rc), "Usage: goto label\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_expand, reset),
		cmocka_unit_test_setup(test_words, reset),
		cmocka_unit_test_setup(test_separators, reset),
		cmocka_unit_test_setup(test_errors, reset),
		cmocka_unit_test_setup(test_settings_commands, reset),
		cmocka_unit_test_setup(test_script_goto_loop, reset),
		cmocka_unit_test_setup(test_script_exit, reset),
		cmocka_unit_test_setup(test_script_failure, reset),
		cmocka_unit_test_setup(test_script_lines, reset),
		cmocka_unit_test_setup(test_goto_outside, reset),
		cmocka_unit_test_setup(test_expand_depth, reset),
		cmocka_unit_test_setup(test_goto_cancel, reset),
		cmocka_unit_test_setup(test_prompt, reset),
		cmocka_unit_test_setup(test_sleep, reset),
		cmocka_unit_test_setup(test_parse_options, reset),
		cmocka_unit_test_setup(test_shell, reset),
		cmocka_unit_test_setup(test_help, reset),
	};

	return cmocka_run_group_tests(tests, NULL, reset);
}
