# check.sh: nerve check (integrity, checksums, counts, full-text index),
# and exports that refuse a text that no longer matches its checksum (a
# damaged page of the database) instead of writing garbage.
. "$TESTLIB"

# a long report, so that its text spans overflow pages of the database
long="$T/long.txt"
{
	printf 'A long report\n\n'
	i=0
	while [ $i -lt 300 ]; do
		printf 'Line %d of the report: the delegation met in Baku. ' $i
		i=$((i + 1))
	done
	printf 'MARKERMARKERMARKER and the end.\n'
} >"$long"
# detected, so that the CSV export has rows of it too
expect 0 "$NERVE" import "$long" "$TESTDATA/corpus.jsonl"
expect 0 "$NERVE" check
contains "$T/out" "ok: "
expect 0 "$NERVE" export --format jsonl --status all -o "$T/before.jsonl"

# flip bytes of the text on the disk, as a bad sector would (found with the
# words after it: an entity or referent named after the marker alone holds
# a copy of it, and the full-text index holds it in lower case)
off=$(grep -boa "MARKERMARKERMARKER and the end" "$NERVE_DB" | head -1 | cut -d: -f1)
if [ -z "$off" ]; then
	fail "the marker is not in the database file (still in the write-ahead log?)"
else
	printf 'GARBAGE' | dd of="$NERVE_DB" bs=1 seek="$off" conv=notrunc 2>/dev/null
	for f in csv jsonl doccano prodigy conll; do
		expect 1 "$NERVE" export --format $f --status all -o "$T/after.$f"
		contains "$T/err" "article long.txt (1): its text does not match its checksum: the database is damaged"
		[ -e "$T/after.$f" ] && fail "export --format $f left $T/after.$f behind"
	done
	expect 1 "$NERVE" export --format brat -o "$T/after.brat"
	[ -e "$T/after.brat" ] && fail "brat export left $T/after.brat behind"
	expect 1 "$NERVE" check
	contains "$T/err" "article long.txt (1): its text does not match its checksum"
	contains "$T/err" "problems found"
fi

# counts that do not match the entities, and SQLite's own findings
if command -v sqlite3 >/dev/null; then
	rm -f "$NERVE_DB"*
	expect 0 "$NERVE" import --no-detect "$TESTDATA/corpus.jsonl"
	sqlite3 "$NERVE_DB" "UPDATE article SET n_suggested = n_suggested + 5 WHERE id = 1;
		UPDATE article_tally SET n = n + 1 WHERE state = 'done';"
	expect 1 "$NERVE" check
	contains "$T/err" "its counts say"
	contains "$T/err" "the count of articles done is 1, but 0 are"
fi
# detection never suggests a span that splits a grapheme cluster (a
# combining mark after a symbol or U+FFFD begins a token of its own: the
# fuzzer found "U.S." + U+0301 suggested as "U.S."), and check would say
rm -f "$NERVE_DB"*
printf 'Colonel General Zakir Hasanov\357\277\275\337\254 met them.\n\nThe U.S.\314\201 Army said troops of the Un\357\277\275\357\277\275\337\254 met.\n' >"$T/marks.txt"
expect 0 "$NERVE" import "$T/marks.txt"
expect 0 "$NERVE" check
contains "$T/out" "ok: 1 articles"
if command -v sqlite3 >/dev/null; then
	sqlite3 "$NERVE_DB" "INSERT INTO entity (article, start, \"end\", type, status, origin, annotator, created_at, updated_at) VALUES (1, 0, 30, 'X', 'accepted', 'analyst', 'a', '', '')" 2>/dev/null &&
	{ expect 1 "$NERVE" check; contains "$T/err" "splits a character (grapheme cluster)"; }
fi

expect 2 "$NERVE" check extra
contains "$T/err" "unexpected argument 'extra'"
expect 0 "$NERVE" check --help
contains "$T/out" "Usage: nerve check"
finish
