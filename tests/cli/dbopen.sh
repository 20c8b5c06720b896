# dbopen.sh: every way the database can be unusable gets one clear
# message, exit status 1, and nothing written; a locked database is
# waited for.
. "$TESTLIB"

printf 'One report.\n' >"$T/one.txt"
printf 'Another report.\n' >"$T/two.txt"
expect 0 "$NERVE" import "$T/one.txt"

# the default database: $XDG_DATA_HOME/nerve/nerve.db, directory created
unset NERVE_DB
expect 0 "$NERVE" import "$T/one.txt"
[ -f "$XDG_DATA_HOME/nerve/nerve.db" ] || fail "the XDG default database was not created"
export NERVE_DB="$T/test.db"

# a path whose directory is missing: error, nothing created
expect 1 "$NERVE" --db "$T/missing/x.db" import "$T/one.txt"
contains "$T/err" "the directory $T/missing does not exist"
[ -e "$T/missing" ] && fail "a missing directory was created"
expect 1 "$NERVE" --db "$T" stats
contains "$T/err" "is a directory"

# set_version FILE N: write N into the user_version field (offset 60)
set_version() {
	printf "\\000\\000\\000\\$(printf %o "$2")" | dd of="$1" bs=1 seek=60 conv=notrunc 2>/dev/null
}

# a database written by a newer nerve
cp "$T/test.db" "$T/newer.db"
set_version "$T/newer.db" 9
cp "$T/newer.db" "$T/newer.orig"
expect 1 "$NERVE" --db "$T/newer.db" import "$T/two.txt"
contains "$T/err" "newer.db: the database was written by a newer nerve (schema 9"
expect 1 "$NERVE" --db "$T/newer.db" stats
contains "$T/err" "newer nerve"
same "$T/newer.db" "$T/newer.orig"
[ -e "$T/newer.db-wal" ] && fail "a -wal file was created for a newer database"

# a corrupt database (its schema page overwritten)
cp "$T/test.db" "$T/corrupt.db"
dd if=/dev/zero of="$T/corrupt.db" bs=1 seek=100 count=3900 conv=notrunc 2>/dev/null
printf 'garbage garbage garbage' | dd of="$T/corrupt.db" bs=1 seek=2000 conv=notrunc 2>/dev/null
cp "$T/corrupt.db" "$T/corrupt.orig"
expect 1 "$NERVE" --db "$T/corrupt.db" import "$T/two.txt"
contains "$T/err" "corrupt.db: opening: the database file is corrupt"
expect 1 "$NERVE" --db "$T/corrupt.db" export
contains "$T/err" "the database file is corrupt"
same "$T/corrupt.db" "$T/corrupt.orig"

# a file that is not a database at all
printf 'Just some text, not a database.\n%.0s' 1 2 3 4 5 6 7 8 9 10 >"$T/text.db"
cp "$T/text.db" "$T/text.orig"
expect 1 "$NERVE" --db "$T/text.db" import "$T/two.txt"
contains "$T/err" "text.db: not a nerve database"
same "$T/text.db" "$T/text.orig"

# an SQLite database of another program (no user_version): not touched
cp "$T/test.db" "$T/other.db"
set_version "$T/other.db" 0
cp "$T/other.db" "$T/other.orig"
expect 1 "$NERVE" --db "$T/other.db" import "$T/two.txt"
contains "$T/err" "other.db: not a nerve database (an SQLite database of something else)"
same "$T/other.db" "$T/other.orig"

# a read-only database: writing commands refuse, reading ones work
if as_root; then
	echo "SKIP (part): read-only database, running as root" >&2
else
	cp "$T/test.db" "$T/ro.db"
	chmod 444 "$T/ro.db"
	cp "$T/ro.db" "$T/ro.orig"
	expect 1 "$NERVE" --db "$T/ro.db" import "$T/two.txt"
	contains "$T/err" "ro.db: the database is read-only"
	same "$T/ro.db" "$T/ro.orig"
	expect 0 "$NERVE" --db "$T/ro.db" stats
	contains "$T/out" "articles: 1 "
	expect 0 "$NERVE" --db "$T/ro.db" export --format jsonl
	contains "$T/out" "One report."
	expect 1 "$NERVE" --db "$T/ro.db" types add X
	same "$T/ro.db" "$T/ro.orig"
fi

# a database locked by another process for a second: nerve waits, then
# succeeds
"$HOLDLOCK" "$NERVE_DB" 1 >"$T/lock.out" 2>&1 &
holder=$!
i=0
while ! grep -q locked "$T/lock.out" 2>/dev/null && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
grep -q locked "$T/lock.out" || fail "the lock holder did not start: $(cat "$T/lock.out")"
expect 0 "$NERVE" import "$T/two.txt"
contains "$T/out" "imported: 1, duplicates: 0, failed: 0"
wait $holder || fail "the lock holder failed: $(cat "$T/lock.out")"

finish
