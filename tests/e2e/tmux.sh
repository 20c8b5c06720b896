# tmux.sh: the real binary in a real terminal (tmux): keys typed, the
# screen captured (text and colours), a resize, Esc answering at once,
# and the terminal restored when nerve quits and when it is killed with
# SIGTERM.  Skipped when tmux is not installed.
. "$SCREENLIB"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
makedb "$TESTDATA/browse/browse.jsonl" "$DATADIR"/samples/centcom-*.txt
sock="$T/tmux.sock"
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT

# After nerve, the shell reports its status and the terminal's modes.
run="'$NERVE' --db '$NERVE_DB'; echo EXIT=\$?; stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e echo -e -icanon -e -echo; sleep 60"
tmux_start "$sock" "$run"
wait_for "nerve: test.db" || finish

tm send-keys -t t Enter
wait_for "BAKU, Azerbaijan, May 21."
tm send-keys -t t Tab Tab
wait_for 'DATE accepted "May 21"'
# colours reach the terminal: an escape sequence for a foreground colour
tm capture-pane -p -e -t t >"$T/colours"
grep -q "$(printf '\033')\[[0-9;]*3[0-9]m\|$(printf '\033')\[[0-9;]*38;5;[0-9]*m" "$T/colours" ||
	fail "no colour in the captured pane"

# Esc leaves the prompt (ESCDELAY is short: at once)
tm send-keys -t t / z z
wait_for "/zz"
tm send-keys -t t Escape
wait_gone "/zz"
tm send-keys -t t l l
wait_gone 'DATE accepted "May 21"'
tm send-keys -t t h h
wait_for 'DATE accepted "May 21"'

# a resize lays the text out again, the cursor still on its word
tm resize-window -t t -x 50 -y 15 2>/dev/null || tm resize-pane -t t -x 50 -y 15
wait_for "BAKU, Azerbaijan, May 21. On May 21, the"
tm capture-pane -p -t t >"$T/pane"
grep -q 'DATE accepted' "$T/pane" || fail "the focus was lost in the resize"
# too small, then back
tm resize-window -t t -x 15 -y 5 2>/dev/null
wait_for "Terminal too"
tm resize-window -t t -x 80 -y 24 2>/dev/null
wait_for "BAKU, Azerbaijan, May 21. On May 21, the Minister of Defense of the Republic of"

# quit: q q; the screen and the modes come back
tm send-keys -t t q
wait_for "nerve: test.db"
tm send-keys -t t q
wait_for "EXIT=0"
wait_for "echo"   # stty's line comes after EXIT: wait for it too
tm capture-pane -p -t t >"$T/pane"
grep -q "nerve: test.db" "$T/pane" && fail "the browser's screen stayed after quitting"
grep -qx "icanon" "$T/pane" || fail "the terminal was left out of canonical mode"
grep -qx "echo" "$T/pane" || fail "the terminal was left without echo"
tm kill-session -t t

# The terminal shows what script mode draws: wide characters, combining
# marks and control characters land in the same columns.
tmux_start "$sock" "$run"
wait_for "nerve: test.db" || finish
printf 'j\n<Enter>\n:screen %s\nq\nj\n<Enter>\n:screen %s\nq\nj\n<Enter>\n:screen %s\n' \
	"$T/cjk.screen" "$T/marks.screen" "$T/controls.screen" >"$T/keys"
browse 80x24 "$T/keys"
for name in cjk marks controls; do
	tm send-keys -t t j Enter
	i=0
	while [ $i -lt 100 ]; do
		tm capture-pane -p -t t | sed 's/ *$//' >"$T/$name.pane"
		cmp -s "$T/$name.pane" "$T/$name.screen" && break
		sleep 0.1
		i=$((i + 1))
	done
	cmp -s "$T/$name.pane" "$T/$name.screen" ||
		fail "tmux shows the $name article otherwise than script mode:
$(diff "$T/$name.screen" "$T/$name.pane" | head -20)"
	tm send-keys -t t q
	wait_for "nerve: test.db"
done
tm kill-session -t t

# SIGTERM: the terminal is restored and nerve dies of the signal
tmux_start "$sock" "$run"
wait_for "nerve: test.db" || finish
shell=$(tm list-panes -t t -F '#{pane_pid}')
pid=$(ps -o pid= --ppid "$shell" | head -n 1 | tr -d ' ')
[ -n "$pid" ] || fail "cannot find nerve's process"
kill -TERM "$pid"
wait_for "EXIT=143"
wait_for "echo"   # stty's line comes after EXIT: wait for it too
tm capture-pane -p -t t >"$T/pane"
grep -q "nerve: test.db" "$T/pane" && fail "the browser's screen stayed after SIGTERM"
grep -qx "icanon" "$T/pane" || fail "SIGTERM left the terminal out of canonical mode"
grep -qx "echo" "$T/pane" || fail "SIGTERM left the terminal without echo"
finish
