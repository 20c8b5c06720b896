# messages.sh: problems that used to get another problem's message.
. "$TESTLIB"

printf 'Zakir Hasanov met them.\n' >"$T/a.txt"
expect 0 "$NERVE" import --no-detect "$T/a.txt"

# a NUL or invalid UTF-8 in a CSV text cell is said as such, not as a
# text that does not match
printf 'article_id,start,end,text,type\na.txt,0,5,"Za\000ir",PERSON\n' >"$T/nul.csv"
expect 1 "$NERVE" import "$T/nul.csv"
contains "$T/err" "nul.csv:2: a NUL byte at byte 44"
lacks "$T/err" "is not the article's text"
printf 'article_id,start,end,text,type\na.txt,0,5,"Za\377ir",PERSON\n' >"$T/bad.csv"
expect 1 "$NERVE" import "$T/bad.csv"
contains "$T/err" "bad.csv:2: invalid UTF-8"
lacks "$T/err" "is not the article's text"

# --replace-invalid on a CSV whose first cell is invalid and others empty
# (UBSan once found a memcpy from NULL here)
printf '\377article_id,start,end,text,type,status\na.txt,0,5,Zakir,PERSON,\n' >"$T/ff.csv"
expect 1 "$NERVE" import --replace-invalid "$T/ff.csv"
contains "$T/err" "ff.csv:1: the header has no article_id column"
printf 'article_id,start,end,text,type,status\n\377,0,5,,PERSON,\n' >"$T/ff2.csv"
expect 1 "$NERVE" import --replace-invalid "$T/ff2.csv"
contains "$T/err" "no article '$(printf '\357\277\275')' in the database; row skipped"

# likewise in a brat .ann
mkdir "$T/b"
printf 'Metin Tokel met.\n' >"$T/b/x.txt"
printf 'T1\tPERSON 0 5\tMetin\nT2\tPERSON 6 11\tTo\377el\n' >"$T/b/x.ann"
expect 1 "$NERVE" import "$T/b"
contains "$T/err" "b/x.ann:2: invalid UTF-8 at byte 37"
lacks "$T/err" "is not the text at those offsets"
printf 'T1\tPERSON 0 5\tMe\000in\n' >"$T/b/x.ann"
expect 1 "$NERVE" import "$T/b"
contains "$T/err" "b/x.ann:1: a NUL byte at byte 16"

# an empty or reversed span is not "outside the text"
printf 'T1\tPERSON 5 5\tx\nT2\tPERSON 5 2\ty\n' >"$T/b/x.ann"
expect 1 "$NERVE" import "$T/b"
contains "$T/err" "b/x.ann:1: entity 1 (5-5): an empty span; skipped"
contains "$T/err" "b/x.ann:2: entity 2 (5-2): a reversed span (it ends before it starts); skipped"
lacks "$T/err" "outside the text"
printf 'article_id,start,end,type\na.txt,3,3,PERSON\na.txt,5,0,PERSON\n' >"$T/spans.csv"
expect 1 "$NERVE" import "$T/spans.csv"
contains "$T/err" "spans.csv:2: 3-3 is an empty span; row skipped"
contains "$T/err" "spans.csv:3: 5-0 is a reversed span (it ends before it starts); row skipped"
lacks "$T/err" "outside"

# a database whose schema version is negative is not a nerve database
if command -v sqlite3 >/dev/null; then
	cp "$NERVE_DB" "$T/neg.db"
	sqlite3 "$T/neg.db" "PRAGMA user_version = -1"
	expect 1 "$NERVE" --db "$T/neg.db" stats
	contains "$T/err" "neg.db: not a nerve database (its schema version is -1)"
	lacks "$T/err" "already exists"
fi

# an empty file is not a new database for a command that reads
: >"$T/empty.db"
for cmd in stats export check "types list"; do
	# shellcheck disable=SC2086
	expect 1 "$NERVE" --db "$T/empty.db" $cmd
	contains "$T/err" "empty.db: the database file is empty (0 bytes), not a nerve database"
done
[ -s "$T/empty.db" ] && fail "a reading command wrote into the empty file"
# (a command that creates a database may start one there)
expect 0 "$NERVE" --db "$T/empty.db" import --no-detect "$T/a.txt"

# a read-only directory holding a writable database: reads still work
mkdir "$T/ro"
expect 0 "$NERVE" --db "$T/ro/r.db" import --no-detect "$T/a.txt"
chmod 555 "$T/ro"
if as_root; then
	echo "SKIP (part): root writes into a read-only directory" >&2
else
	expect 0 "$NERVE" --db "$T/ro/r.db" stats
	contains "$T/out" "articles: 1"
	expect 0 "$NERVE" --db "$T/ro/r.db" export
	expect 1 "$NERVE" --db "$T/ro/r.db" import --no-detect "$T/a.txt"
fi
chmod 755 "$T/ro"
finish
