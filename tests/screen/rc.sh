# rc.sh: an rc file (--rc FILE, else $NERVE_RC) rebinds and unbinds
# keys, sets options and colours before the first screen; a bad line is
# reported with its file and line (on stderr and the message line) and
# the lines after it still apply; the ':' prompt takes the same lines.
. "$SCREENLIB"

makedb "$TESTDATA/browse/browse.jsonl"
cat >"$T/rc" <<END
# keys
bind list z down
bind list j none
set confirm-threshold = 7
color status red blue bold
color PERSON green
bind list q frobnicate
set auto-advance = off
END
cat >"$T/keys" <<END
:screen --attrs $T/start.screen
j
:screen $T/j.screen
z
:set confirm-threshold
:screen $T/z.screen
:set auto-advance
:screen $T/advance.screen
?
:screen $T/help.screen
END

# check_session: what the rc file did, in the screens of $T/keys
check_session() {
	# the bad line, with file and line, on stderr and the first screen
	contains "$T/err" "$T/rc:7: unknown action 'frobnicate'"
	contains "$T/start.screen" "rc:7: unknown action 'frobnicate'"
	# the status bar in the rc file's colours
	grep -A1 '^ 1/5 ' "$T/start.screen" | grep -q '^@ 0-[0-9]* bold fg=red bg=blue' ||
		fail "the status bar is not bold red on blue: $(grep -A1 '^ 1/5 ' "$T/start.screen")"
	# j unbound, z bound to down, the option set
	contains "$T/j.screen" "j: no such key here"
	contains "$T/z.screen" " 2/5 "
	contains "$T/z.screen" "confirm-threshold 7"
	# the line after the bad one applied
	contains "$T/advance.screen" "auto-advance off"
	# the help overlay shows the keys as bound
	grep -q '^  Down, z  *next article' "$T/help.screen" ||
		fail "the help does not show z for down: $(grep 'next article' "$T/help.screen")"
}

browse 80x24 "$T/keys" --rc "$T/rc"
check_session

# $NERVE_RC does the same
NERVE_RC="$T/rc" browse 80x24 "$T/keys"
check_session

# --rc wins over $NERVE_RC
printf 'bind list z last\n' >"$T/other"
NERVE_RC="$T/other" browse 80x24 "$T/keys" --rc "$T/rc"
check_session

# the XDG file, when neither is given; a missing one is no error
mkdir -p "$T/config/nerve"
cp "$T/rc" "$T/config/nerve/nerverc"
XDG_CONFIG_HOME="$T/config" browse 80x24 "$T/keys"
contains "$T/err" "$T/config/nerve/nerverc:7: unknown action 'frobnicate'"
contains "$T/z.screen" "confirm-threshold 7"
XDG_CONFIG_HOME="$T/none" browse 80x24 "$T/keys"
[ -s "$T/err" ] && fail "a missing XDG rc file was reported: $(cat "$T/err")"
contains "$T/z.screen" "confirm-threshold 20"

# the system file first, then the user's: the user's lines win
printf 'bind list w last\nset confirm-threshold = 9\n' >"$T/system"
cat >"$T/keys2" <<END
w
:set confirm-threshold
:screen $T/system.screen
END
NERVE_SYSTEM_RC="$T/system" browse 80x24 "$T/keys2" --rc "$T/rc"
contains "$T/system.screen" " 5/5 "
contains "$T/system.screen" "confirm-threshold 7"
NERVE_SYSTEM_RC="$T/system" browse 80x24 "$T/keys2"
contains "$T/system.screen" "confirm-threshold 9"

# a file named by --rc or $NERVE_RC must exist
printf ':quit\n' >"$T/quit"
expect 1 env LINES=24 COLUMNS=80 "$NERVE" --script "$T/quit" --rc "$T/missing"
contains "$T/err" "$T/missing: No such file or directory"
NERVE_RC="$T/missing" expect 1 env LINES=24 COLUMNS=80 "$NERVE" --script "$T/quit"
contains "$T/err" "$T/missing: No such file or directory"

# --help names it; an empty name is misuse
expect 0 "$NERVE" --help
contains "$T/out" "--rc FILE"
expect 2 "$NERVE" --rc ""
contains "$T/err" "--rc needs a file"

# the prompt: :bind, :color, and :set in the rc file's form
cat >"$T/keys" <<END
:bind list x last
x
:screen $T/bind.screen
:bind list x none
x
:screen $T/unbind.screen
:color nosuch red
:screen $T/color-bad.screen
:color title yellow
:screen --attrs $T/color.screen
:set confirm-threshold = 3
:screen $T/set.screen
:set confirm-threshold 4
:screen $T/set-old.screen
:bind article y frobnicate
:screen $T/bind-bad.screen
END
browse 80x24 "$T/keys"
contains "$T/bind.screen" " 5/5 "
contains "$T/unbind.screen" "x: no such key here"
contains "$T/color-bad.screen" "'nosuch' is neither an area"
grep -A1 '^ nerve: ' "$T/color.screen" | grep -q '^@ 0-79 fg=yellow bg=default' ||
	fail "the title is not yellow: $(grep -A1 '^ nerve: ' "$T/color.screen")"
contains "$T/set.screen" "confirm-threshold 3"
contains "$T/set-old.screen" "confirm-threshold 4"
contains "$T/bind-bad.screen" "unknown action 'frobnicate'"
finish
