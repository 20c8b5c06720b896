# screen/lib.sh: helpers of the browser's screen tests, on top of
# cli/lib.sh.  A test builds a database with mkdb (tests/screen/mkdb.c),
# writes a script of keys and ':screen' commands, runs nerve on it in
# script mode (no terminal), and compares each screen written with the
# expected one in tests/screen/expected/.
#
# NERVE_UPDATE_SCREENS=1 make check TESTS=screen/X.sh rewrites the
# expected screens from the actual ones (review the diff before
# committing).
. "$TESTLIB"
export TERM=xterm-256color
# no rc file of the user running the tests: only the ones a test names
unset NO_COLOR NERVE_SCRIPT NERVE_RC XDG_CONFIG_HOME LINES COLUMNS
export NERVE_SYSTEM_RC=/dev/null
EXPECTED="$SCREENDIR/expected"

# makedb ARGS...: build $NERVE_DB from test files (see mkdb.c).
makedb() {
	"$MKDB" "$NERVE_DB" "$@" >"$T/mkdb.out" 2>&1 || fail "mkdb $*: $(cat "$T/mkdb.out")"
}

# browse COLSxLINES SCRIPT [NERVE OPTIONS...]: run a scripted session;
# its status in $status, stderr in $T/err.
browse() {
	size=$1 script=$2
	shift 2
	LINES=${size#*x} COLUMNS=${size%x*} timeout 60 "$NERVE" --script "$script" "$@" \
		>"$T/out" 2>"$T/err"
	status=$?
	[ "$status" = 0 ] || fail "nerve --script $script exited $status: $(head -c 600 "$T/err")"
}

# screen NAME: compare $T/NAME.screen with the expected screen.
screen() {
	got="$T/$1.screen" want="$EXPECTED/$1.screen"
	if [ ! -f "$got" ]; then
		fail "no screen $1 was written"
	elif [ "${NERVE_UPDATE_SCREENS:-}" = 1 ]; then
		cp "$got" "$want"
	elif [ ! -f "$want" ]; then
		fail "no expected screen $want"
	elif ! cmp -s "$got" "$want"; then
		fail "screen $1 differs from the expected one:
$(diff -u "$want" "$got" | head -60)"
	fi
}

# dbstate NAME: what the database holds and whether its journal agrees
# (tests/screen/dbcheck), compared with expected/NAME.db; and "nerve
# export --status all" has exactly the same entities.
dbstate() {
	"$DBCHECK" "$NERVE_DB" >"$T/$1.db" 2>&1 || fail "dbcheck $1: $(tail -n 3 "$T/$1.db")"
	if "$NERVE" export --status all -o "$T/$1.csv" 2>"$T/$1.export-err"; then
		csv_entities "$T/$1.csv" | sort >"$T/$1.export"
		db_entities "$T/$1.db" | sort >"$T/$1.tables"
		cmp -s "$T/$1.export" "$T/$1.tables" ||
			fail "nerve export --status all differs from the tables:
$(diff -u "$T/$1.tables" "$T/$1.export" | head -30)"
	else
		fail "nerve export failed: $(head -c 400 "$T/$1.export-err")"
	fi
	got="$T/$1.db" want="$EXPECTED/$1.db"
	if [ "${NERVE_UPDATE_SCREENS:-}" = 1 ]; then
		cp "$got" "$want"
	elif [ ! -f "$want" ]; then
		fail "no expected database state $want"
	elif ! cmp -s "$got" "$want"; then
		fail "the database differs from $1.db:
$(diff -u "$want" "$got" | head -60)"
	fi
}

# csv_entities FILE: the rows of an export CSV (RFC 4180) as "ARTICLE
# START END TYPE STATUS ORIGIN ANNOTATOR 'TEXT'".
csv_entities() {
	tr -d '\r' <"$1" | awk 'NR > 1 {
		n = 0; f = ""; q = 0; line = $0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (q && c == "\"" && substr(line, i + 1, 1) == "\"") { f = f c; i++ }
			else if (c == "\"") q = !q
			else if (c == "," && !q) { v[++n] = f; f = "" }
			else f = f c
		}
		v[++n] = f
		printf "%s %s %s %s %s %s %s \047%s\047\n", v[1], v[4], v[5], v[7], v[8], v[9], v[10], v[6]
	}'
}
# db_entities FILE: the same from the output of dbcheck.
db_entities() {
	awk '/^article / { a = $2; next } /^  / { sub(/^  /, ""); print a, $0 }' "$1"
}

# tmux_start SOCKET CMD: start CMD in a detached 80x24 tmux session named
# t on SOCKET; exit 77 when tmux cannot start one.  After the last
# session is killed its server exits, and a client that reaches it while
# it goes says "server exited unexpectedly": so up to three tries.
tmux_start() {
	for try in 1 2 3; do
		if tmux -S "$1" -f /dev/null new-session -d -s t -x 80 -y 24 "$2" 2>"$T/tmux.err" &&
		   tmux -S "$1" -f /dev/null has-session -t t 2>/dev/null; then
			tmux -S "$1" -f /dev/null set-option -s escape-time 0 >/dev/null 2>&1
			return 0
		fi
		sleep 1
	done
	skip "tmux cannot start a session here: $(cat "$T/tmux.err")"
}

# tm ARGS...: tmux on the test's server, whose socket is $sock.
tm() { tmux -S "$sock" -f /dev/null "$@"; }
# pane_is shown|gone TEXT: wait (10 s at most) until the pane of session
# t shows TEXT, or no longer does; 1 when it never came to that (the
# last capture is in $T/pane).
pane_is() {
	i=0
	while [ $i -lt 100 ]; do
		tm capture-pane -p -t t >"$T/pane" 2>/dev/null
		if grep -qF -- "$2" "$T/pane"; then
			[ "$1" = shown ] && return 0
		else
			[ "$1" = gone ] && return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# wait_for TEXT: wait until the pane shows TEXT (a failure if it never does).
wait_for() {
	pane_is shown "$1" && return 0
	fail "the pane never showed '$1':
$(cat "$T/pane")"
	return 1
}
# wait_gone TEXT: wait until the pane no longer shows TEXT.
wait_gone() {
	pane_is gone "$1" && return 0
	fail "the pane still shows '$1':
$(cat "$T/pane")"
	return 1
}
