# edit-errors.sh: a decision that cannot be committed (the database
# locked by another process past the busy timeout, a file that cannot
# grow) is shown as an error on the message line, and the screen and the
# database stay as they were: nothing the analyst saw done is lost and
# nothing shown as undone was written.  A read-only database can be
# browsed, and every decision says it cannot be made.
. "$SCREENLIB"
# these keys decide one entity at a time: auto-advance (tests/screen/review.sh) is off

makedb "$TESTDATA/edit/edit.jsonl"

# Locked: another process holds the write lock (until the test removes
# $T/hold, however long the keys take under load); with a busy timeout of
# 300 ms the key fails, and works again once the lock is gone.
: >"$T/hold"
"$HOLDLOCK" "$NERVE_DB" "$T/hold" >"$T/locked" &
locker=$!
i=0
while ! grep -q locked "$T/locked" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
grep -q locked "$T/locked" || fail "the lock was never taken"
cat >"$T/keys" <<END
:set auto-advance off
<Enter>
a
:screen $T/errors-locked.screen
<Tab>
x
D
x
:screen $T/errors-locked-more.screen
END
NERVE_BUSY_TIMEOUT=300 browse 200x24 "$T/keys"
rm -f "$T/hold"
wait $locker
# the message names the database: its temporary directory becomes T
for s in locked locked-more; do
	sed "s|$T|T|g" "$T/errors-$s.screen" >"$T/x" && mv "$T/x" "$T/errors-$s.screen"
	screen "errors-$s"
done
dbstate errors-locked
printf ':set auto-advance off\n<Enter>\na\n:screen %s\n' "$T/errors-unlocked.screen" >"$T/keys"
browse 80x24 "$T/keys"
screen errors-unlocked

# A file that cannot grow (a file size limit: writes past it fail, as on
# a full disk): some decisions go in, the rest are refused, and the
# screen said which.
rm -f "$NERVE_DB" "$NERVE_DB-wal" "$NERVE_DB-shm"
makedb "$TESTDATA/edit/edit.jsonl"
{
	printf ':set auto-advance off\n<Enter>\n'
	for i in 1 2 3 4 5 6 7 8; do printf '<Tab>\na\n:screen %s\n' "$T/full-$i.screen"; done
	printf 'D\n:screen %s\n' "$T/full-done.screen"
} >"$T/keys"
full_untested=1
if (trap '' XFSZ; ulimit -f 100) 2>/dev/null; then
	full_untested=0
	(trap '' XFSZ; ulimit -f 100; LINES=24 COLUMNS=80 "$NERVE" --script "$T/keys" \
		>"$T/out" 2>"$T/err"; echo $? >"$T/status")
	[ "$(cat "$T/status")" = 0 ] || fail "nerve exited $(cat "$T/status"): $(head -c 400 "$T/err")"
	"$DBCHECK" "$NERVE_DB" >"$T/full.db" 2>&1 || fail "dbcheck: $(tail -n 3 "$T/full.db")"
	shown=$(cat "$T"/full-*.screen | grep -c "^accept ")
	errors=$(cat "$T"/full-*.screen | grep -c "committing: ")
	stored=$(grep -c "accepted detector tester" "$T/full.db")
	# nothing refused: the case tested nothing (said at the end)
	[ "$errors" = 0 ] && full_untested=1
	[ "$shown" = "$stored" ] ||
		fail "the screens showed $shown acceptances, the database has $stored"
	# what the screen showed last is what is stored
	for i in 1 2 3 4 5 6 7 8; do
		msg=$(tail -n 1 "$T/full-$i.screen")
		case $msg in
		accept*)
			text=${msg#* * }
			grep -q "accepted detector tester $text" "$T/full.db" ||
				fail "screen $i showed '$msg', the database lacks it";;
		*committing*)
			status=$(sed -n 's/^ \([A-Z]*\) \([a-z]*\) .*/\2/p' "$T/full-$i.screen")
			[ "$status" = suggested ] ||
				fail "screen $i showed an error, but the entity is $status";;
		esac
	done
fi

# A read-only database can be browsed; each decision says it cannot be
# made, and nothing changes.
if [ "$(id -u)" != 0 ]; then
	rm -f "$NERVE_DB" "$NERVE_DB-wal" "$NERVE_DB-shm"
	makedb "$TESTDATA/edit/edit.jsonl"
	"$DBCHECK" "$NERVE_DB" >"$T/before.db" 2>&1
	chmod a-w "$NERVE_DB"
	cat >"$T/keys" <<END
:set auto-advance off
:screen $T/ro-start.screen
<Enter>
<Tab>
a
:screen $T/ro-accept.screen
D
:screen $T/ro-done.screen
END
	browse 200x24 "$T/keys"
	contains "$T/ro-start.screen" "read-only: browsing only"
	for s in accept done; do
		contains "$T/ro-$s.screen" "read-only"
	done
	chmod u+w "$NERVE_DB"
	"$DBCHECK" "$NERVE_DB" >"$T/after.db" 2>&1
	cmp -s "$T/before.db" "$T/after.db" || fail "the read-only database changed"
else
	echo "# running as root: the read-only case is skipped"
fi
if [ "$failures" = 0 ] && [ "$full_untested" = 1 ]; then
	echo "SKIP: the full-disk case tested nothing: the file size limit was never" \
		"reached (or cannot be set), so no decision was refused" >&2
	exit 77
fi
finish
