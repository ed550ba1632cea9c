#!/bin/sh
# Menu host tests: bin-x86_64-linux/lwpxe with keys on standard input
# (no network): a netboot.xyz-style menu tree (`goto ${menu}` into
# sub-menus and back), shortcut keys, --default, --gap separators,
# --timeout running out with the countdown shown, Esc into the || branch,
# colours from cpair in the drawing, read, login and form/present; bad input (a menu
# with no items, choose without a menu, read at end of input): one line
# each and the || branch.
. "$(dirname "$0")/lib.sh"

up='\033[A' down='\033[B' enter='\r' esc='\033'

# 1. A menu tree in the style of netboot.xyz: the main menu stores the
# next menu's label in ${menu} and the script jumps there; each sub-menu
# comes back to the main menu.  Keys: l (shortcut: Linux sub-menu), Down
# Down Enter (its "back"), u (Utilities), Enter on its default memtest.
run_keys tree '#!ipxe
set menu main
:start
goto ${menu}
:main
menu Main menu
item --gap -- Distributions
item --key l linux Linux installs...
item --key u utils Utilities...
item --gap -- Leave
item --key x exit Exit
choose --default linux menu || goto cancelled
goto start
:linux
menu Linux installs
item debian Debian
item fedora Fedora
item main Back to the main menu
choose menu || goto cancelled
iseq ${menu} main && goto start ||
echo install ${menu}
exit
:utils
menu Utilities
item shell iPXE-style shell
item --default memtest Memory test
choose target || goto cancelled
echo utility ${target}
exit
:cancelled
echo menu cancelled' "l${down}${down}${enter}u${enter}"
out=$TMP/tree.out
expect "tree: the main menu's title is drawn" "$out" "                                   Main menu"
expect "tree: a separator is drawn" "$out" " Distributions"
expect "tree: the Linux sub-menu is drawn" "$out" "                                Linux installs"
expect "tree: the Utilities sub-menu is drawn" "$out" "                                   Utilities"
if [ "$(grep -cx '                                   Main menu' "$out")" = 2 ]; then
	pass "tree: back from the sub-menu to the main menu"
else
	fail "tree: back from the sub-menu to the main menu" "main menu not drawn twice" "$out"
fi
expect "tree: shortcut, arrows and --default reach memtest" "$out" "utility memtest"
if [ "$status" = 0 ]; then
	pass "tree: exits 0"
else
	fail "tree: exits 0" "status $status" "$out"
fi

# 2. --gap separators cannot be selected; the highlight is drawn in the
# pair `cpair` defined (yellow on cyan); Enter after Down takes "after".
run_keys gap '#!ipxe
cpair --foreground 3 --background 6 2
menu Gaps
item before Before
item --gap -- ----
item after After
choose x && echo chose ${x}' "${down}${enter}"
expect "gap: Down steps over the separator" "$TMP/gap.out" "chose after"
esc_c=$(printf '\033')
if grep -qF "${esc_c}[0;33;46m After" "$TMP/gap.raw"; then
	pass "gap: highlight drawn in the cpair colours"
else
	fail "gap: highlight drawn in the cpair colours" "no yellow-on-cyan After" "$TMP/gap.out"
fi

# 3. --timeout runs out with no key (input stays open, nobody types): the
# default is taken and the countdown was shown.
run_keys timeout '#!ipxe
menu Timed
item a First
item --default b Second
choose --timeout 300 t && echo chose ${t} || echo timeout failed' "" open
expect "timeout: the default is taken" "$TMP/timeout.out" "chose b"
expect "timeout: the countdown is shown" "$TMP/timeout.out" \
	' "Second" in 1 s (press any key to stop the countdown)'

# 3b. The same with standard input at its end (lwpxe < /dev/null): end of
# input is no key, the countdown still runs out.
run_keys timeout-eof '#!ipxe
menu Timed
item a First
item --default b Second
choose --timeout 300 t && echo chose ${t} || echo timeout failed' ""
expect "timeout at end of input: the default is taken" "$TMP/timeout-eof.out" "chose b"

# 4. A key stops the countdown (Up moves to the first item, Enter takes it).
run_keys stop '#!ipxe
menu Timed
item a First
item --default b Second
choose --timeout 300 t && echo chose ${t}' "${up}${enter}" open
expect "timeout: a key stops it and moves" "$TMP/stop.out" "chose a"

# 5. Esc: the || branch; the key typed after Esc reaches the next command.
run_keys esc '#!ipxe
menu Escape
item a First
choose t || echo escaped
read word && echo read ${word}' "${esc}typed${enter}"
expect_branch "esc: one line, then the || branch" "$TMP/esc.out" \
	"esc.ipxe:4: choose: cancelled" escaped
expect "esc: keys after Esc are kept" "$TMP/esc.out" "read typed"

# 6. login: a form of two fields; the password is drawn masked, both
# settings stored.
run_keys login '#!ipxe
login
echo user ${username}
iseq ${password} s3cret && echo password stored' "alice${enter}s3cret${enter}"
expect "login: the Login form is drawn" "$TMP/login.out" \
	"                                     Login"
expect "login: user name stored" "$TMP/login.out" "user alice"
expect "login: password stored" "$TMP/login.out" "password stored"
expect "login: password drawn masked" "$TMP/login.out" "******"
if grep -q s3cret "$TMP/login.raw"; then
	fail "login: the password never shows" "s3cret on screen" "$TMP/login.out"
else
	pass "login: the password never shows"
fi

# 6b. form/present: fields start with the settings' values, Enter moves to
# the next field (over a separator) and stores all on the last; Esc fails.
run_keys form '#!ipxe
set net9-ip 10.0.0.5
form Static address
item net9-ip Address
item --gap --
item --secret net9-key Key
present && echo ip ${net9-ip} key ${net9-key}
form Again
item x X
present || echo form-escaped' "\1776${enter}k1${enter}${esc}"
expect "form: a field drawn with the setting's value" "$TMP/form.out" "10.0.0.5"
expect "form: edited and stored" "$TMP/form.out" "ip 10.0.0.6 key k1"
expect_branch "form: Esc, one line, then the || branch" "$TMP/form.out" \
	"form.ipxe:10: present: cancelled" form-escaped

# 7. Bad input: one line each, the || branch, no hang (end of input).
run_keys bad '#!ipxe
choose x || echo no-menu-branch
menu Empty
item --gap -- only a separator
choose x || echo empty-branch
read answer || echo eof-branch
echo done' ""
out=$TMP/bad.out
expect_branch "choose without a menu" "$out" \
	"bad.ipxe:2: choose: no menu (make one with \`menu\` first)" no-menu-branch
expect_branch "a menu with no items" "$out" \
	"bad.ipxe:5: choose: the menu has no items to choose from" empty-branch
expect_branch "read at end of input" "$out" \
	"bad.ipxe:6: read: answer: no input (end of input)" eof-branch
expect "bad input: the script goes on" "$out" "done"
run_keys partial '#!ipxe
read answer || echo partial-branch' "half a line"
expect_branch "read: a partial line, then end of input" "$TMP/partial.out" \
	"partial.ipxe:2: read: answer: no input (end of input)" partial-branch

host_summary
