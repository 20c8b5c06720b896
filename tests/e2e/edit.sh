# edit.sh: the real binary in a real terminal (tmux) reviewing a report
# with the editing keys, then killed with SIGKILL: the database holds
# exactly the decisions the screen had shown, the journal agrees, and
# "nerve export --status all" shows the same.  Then a second session
# while other processes write into the same database ("nerve import", a
# second browser): the browser shows their changes when it next redraws,
# and after another SIGKILL everything each process did is there, once.
# Skipped when tmux is not installed.
. "$SCREENLIB"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
makedb "$TESTDATA/browse/browse.jsonl"
sock="$T/tmux.sock"
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT

# keys KEY... EXPECTED: type the keys, wait until the pane shows EXPECTED.
keys() {
	n=$#
	i=1
	for k in "$@"; do
		[ $i -lt $n ] && tm send-keys -t t "$k"
		i=$((i + 1))
	done
	eval "last=\${$n}"
	wait_for "$last"
}
# start: nerve in a new tmux session; its pid in $pid.
start() {
	tmux_start "$sock" "'$NERVE' --db '$NERVE_DB'; sleep 60"
	wait_for "nerve: test.db" || finish
	shell=$(tm list-panes -t t -F '#{pane_pid}')
	pid=$(ps -o pid= --ppid "$shell" | head -n 1 | tr -d ' ')
	[ -n "$pid" ] || fail "cannot find nerve's process"
}
# sigkill: kill nerve at once, as a crash would.
sigkill() {
	kill -KILL "$pid"
	tm kill-session -t t
}

start
# one decision at a time: the focus stays on the entity decided
keys : "set auto-advance off" Enter "auto-advance off"
keys Enter "BAKU, Azerbaijan, May 21."
keys Tab a "accept LOC 'Azerbaijan'"
keys Tab Tab x "reject DATE 'May 21'"
keys Tab 2 "set type ORG 'Minister of Defense'"
keys Tab '[' "resize LOC 'the Republic of Azerbaijan'"
keys Tab Tab DC "reject PERSON 'Zakir Hasanov'"
keys u "undid: reject PERSON 'Zakir Hasanov'"
keys Tab t "Type (Enter picks, Esc cancels)"
keys j Enter "set type LOC '1st Army of the Land Forces'"
# l skips the comma after Türkiye
keys Tab l l l v l 7 "create TITLE 'Army General'"
keys '*' "accept TITLE 'Army General' everywhere (1 changed)"
keys C-r "nothing to redo"
sigkill
dbstate e2e-review

# Second session, with company.
start
# one decision at a time: the focus stays on the entity decided
keys : "set auto-advance off" Enter "auto-advance off"
keys Enter "BAKU, Azerbaijan, May 21."
"$NERVE" import "$TESTDATA/edit/edit.jsonl" >"$T/import.out" 2>&1 ||
	fail "nerve import: $(cat "$T/import.out")"
printf '<Enter>\nA\n' >"$T/other.keys"
LINES=24 COLUMNS=80 timeout 60 "$NERVE" --annotator other --script "$T/other.keys" \
	>"$T/other.out" 2>&1 || fail "the second browser failed: $(cat "$T/other.out")"
# the next key redraws the article: the other analyst's decisions show
keys l "16 entities, 0 to decide"
# and the list the imported articles
keys q "1/10"
keys j Enter "東京で開かれた会議に"
keys Tab x "reject PERSON '岸田文雄'"
keys u "undid: reject PERSON '岸田文雄'"
keys u "undid: accept TITLE 'Army General' everywhere (1 changed)"
keys D "mark done 'Turkish Army delegation visits"
sigkill
dbstate e2e-shared
finish
