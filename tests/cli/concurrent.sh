# concurrent.sh: two nerve processes importing into one database at the
# same time wait for each other: both succeed, nothing is lost.
. "$TESTLIB"

mkdir -p "$T/a" "$T/b"
i=0
while [ $i -lt 30 ]; do
	for side in a b; do
		printf '{"id": "%s%d", "text": "Report %s %d about Baku and Zakir Hasanov.", "entities": [{"start": 0, "end": 6, "type": "MISC"}]}\n' \
			$side $i $side $i >"$T/$side/$i.jsonl"
	done
	i=$((i + 1))
done
expect 0 "$NERVE" import "$T/a/0.jsonl"
"$NERVE" import --format jsonl "$T/a" >"$T/a.out" 2>"$T/a.err" &
pa=$!
"$NERVE" import --format jsonl "$T/b" >"$T/b.out" 2>"$T/b.err" &
pb=$!
wait $pa || fail "the first import failed: $(cat "$T/a.err")"
wait $pb || fail "the second import failed: $(cat "$T/b.err")"
contains "$T/a.out" "imported: 29, duplicates: 1, failed: 0, entities: 29"
contains "$T/b.out" "imported: 30, duplicates: 0, failed: 0, entities: 30"
expect 0 "$NERVE" stats
contains "$T/out" "articles: 60 "
contains "$T/out" "entities: 60"

finish
