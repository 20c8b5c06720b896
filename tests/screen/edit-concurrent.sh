# edit-concurrent.sh: two processes on one database.  A browser reads its
# keys from a pipe, so that another process's writes fall between them:
# a second browser (another analyst) deciding in the same article, and
# "nerve import" adding an article.  The first browser shows their
# changes at its next redraw, neither loses or doubles the other's
# decisions, undo reverts only one's own decisions and refuses what the
# other has changed since, and the journal agrees with the tables.
. "$SCREENLIB"
# these keys decide one entity at a time: auto-advance (tests/screen/review.sh) is off

makedb "$TESTDATA/edit/edit.jsonl"
mkfifo "$T/pipe" || skip "cannot make a named pipe"
LINES=24 COLUMNS=80 timeout 60 "$NERVE" --script "$T/pipe" >"$T/out" 2>"$T/err" &
browser=$!
exec 3>"$T/pipe"

# send LINE...: give the browser keys; shot NAME: have it write its
# screen and wait until it has.
send() { for k in "$@"; do printf '%s\n' "$k" >&3; done; }
shot() {
	send ":screen $T/$1.screen" ":screen $T/$1.done"
	i=0
	while [ ! -f "$T/$1.done" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	[ -f "$T/$1.done" ] || fail "the browser never wrote $1"
}
# other KEYS...: a second browser (annotator "other") runs these keys.
other() {
	for k in ":set auto-advance off" "$@"; do printf '%s\n' "$k"; done >"$T/other.keys"
	LINES=24 COLUMNS=80 timeout 60 "$NERVE" --annotator other --script "$T/other.keys" \
		>"$T/other.out" 2>&1 || fail "the other browser failed: $(cat "$T/other.out")"
}

send ":set auto-advance off" "<Enter>" a
shot concurrent-start
# the other analyst accepts Tokel and rejects Baku in the same article
other "<Enter>" "<Tab>" a "<Tab>" x ":screen $T/concurrent-other.screen"
shot concurrent-seen
# this one rejects Tokel after the other accepted it
send "<Tab>" x
shot concurrent-mine
# the other's undo: the rejection of Baku goes; its acceptance of Tokel,
# which this analyst has changed since, cannot be undone
other "<Enter>" u ":screen $T/concurrent-other-undo.screen" u \
	":screen $T/concurrent-other-undo-refused.screen"
shot concurrent-seen-undo
# an import adds an article while this browser shows the list
send q
"$NERVE" import "$TESTDATA/edit/done.jsonl" >"$T/import.out" 2>&1 ||
	fail "nerve import: $(cat "$T/import.out")"
shot concurrent-imported
# this one's undo takes back only its own decisions
send u
shot concurrent-mine-undo
send u
shot concurrent-mine-undo-2
exec 3>&-
wait $browser || fail "the browser exited $?: $(head -c 400 "$T/err")"
for s in start other seen mine other-undo other-undo-refused seen-undo imported mine-undo \
	mine-undo-2; do
	screen "concurrent-$s"
done
dbstate concurrent
finish
