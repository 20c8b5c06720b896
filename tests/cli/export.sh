# export.sh: nerve export — CSV (quoting, CRLF, formula guard, filters),
# JSON Lines round trips, -o FILE written whole or not at all.
. "$TESTLIB"
# records FILE: CSV records (lines ending in CRLF)
records() { grep -c "$(printf '\r')\$" "$1"; }

expect 0 "$NERVE" export --help
contains "$T/out" "Usage: nerve export"
expect 1 "$NERVE" export
contains "$T/err" "no such database"

expect 0 "$NERVE" import "$TESTDATA/annotated.jsonl"
contains "$T/out" "imported: 4, duplicates: 0, failed: 0, entities: 13"

CR=$(printf '\r')
# CSV: header, CRLF line ends, accepted entities by default
expect 0 "$NERVE" export
head -n 1 "$T/out" >"$T/header"
printf 'article_id,article_title,entity_id,start,end,text,type,status,origin,annotator,updated_at,original_start,original_end,original_type,referent_id,referent\r\n' >"$T/want"
same "$T/header" "$T/want"
# every line ends in CRLF but the one inside a quoted cell
grep -v "$CR\$" "$T/out" >"$T/bare"
printf '"quotes,commas","He said ""no"", then left",6,4,23,"Ministry of\n' >"$T/want"
same "$T/bare" "$T/want"
lacks "$T/out" "suggested"
lacks "$T/out" "rejected"
# code point offsets with astral characters before the entities
contains "$T/out" "astral-1,Astral characters before entities,1,12,25,Zakir Hasanov,PERSON,accepted,analyst,ayla,"
contains "$T/out" "astral-1,Astral characters before entities,3,45,49,Bakı,LOC,accepted,import,ayla,"
# quotes, commas and a newline: quoted, quotes doubled
contains "$T/out" '"quotes,commas","He said ""no"", then left",6,4,23,"Ministry of'
contains "$T/out" 'Defense",ORG,accepted,analyst,ayla,'
contains "$T/out" ',29,33,"""no""",MISC,accepted,analyst,"bo, ""the"" second",'
contains "$T/out" ",55,61,O'Neil,PERSON,accepted,"
# formula-like cells get a leading ', a leading ' gets another
contains "$T/out" "'=formula,'=1+1,9,0,22,\"'=HYPERLINK(\"\"http://x\"\")\",MISC,"
contains "$T/out" ",'+Plus,MISC,"
contains "$T/out" ",'-minus,MISC,accepted,analyst,'@ann,"
contains "$T/out" ",'@at,MISC,"
contains "$T/out" ",''quoted,MISC,"
expect 0 "$NERVE" export --no-formula-guard
contains "$T/out" "=formula,=1+1,9,0,22,\"=HYPERLINK(\"\"http://x\"\")\",MISC,"
contains "$T/out" ",'quoted,MISC,"
contains "$T/out" ",-minus,MISC,accepted,analyst,@ann,"
# updated_at as YYYY-MM-DDTHH:MM:SSZ, no original_* (unchanged), then the
# referent's number and name
grep -q ",[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z,,,,[0-9][0-9]*,[^,]*$CR\$" "$T/out" ||
	fail "updated_at is not YYYY-MM-DDTHH:MM:SSZ"

# the CSV text column is the article text sliced by code points: compare
# with bash, whose substrings count characters in a UTF-8 locale
if command -v bash >/dev/null 2>&1; then
	got=$(bash -c 't="📰 𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠: Zakir Hasanov met Metin Tokel in Bakı on May 21."; printf %s "${t:45:4}|${t:12:13}"')
	[ "$got" = "Bakı|Zakir Hasanov" ] || fail "code point slicing by bash gave '$got'"
fi

# filters
expect 0 "$NERVE" export --status suggested
[ "$(records "$T/out")" = 3 ] || fail "--status suggested: $(cat "$T/out")"
contains "$T/out" ",30,41,Metin Tokel,PERSON,suggested,detector,detector,"
expect 0 "$NERVE" export --status all
[ "$(records "$T/out")" = 14 ] || fail "--status all gave $(records "$T/out") records"
expect 0 "$NERVE" export --status rejected,suggested
[ "$(records "$T/out")" = 4 ] || fail "--status rejected,suggested gave $(records "$T/out") records"
expect 2 "$NERVE" export --status maybe
contains "$T/err" "unknown status 'maybe'"
expect 0 "$NERVE" export --type PERSON,LOC
[ "$(records "$T/out")" = 4 ] || fail "--type PERSON,LOC gave $(records "$T/out") records"
expect 1 "$NERVE" export --type NOPE
contains "$T/err" "no entity type NOPE"
expect 0 "$NERVE" export --article astral-1 --status all
[ "$(records "$T/out")" = 6 ] || fail "--article astral-1 gave $(records "$T/out") records"
expect 0 "$NERVE" export --article 2 -a 3
[ "$(records "$T/out")" = 9 ] || fail "--article 2 -a 3 gave $(records "$T/out") records"
expect 0 "$NERVE" export --article 'quotes,commas'
[ "$(records "$T/out")" = 4 ] || fail "--article 'quotes,commas' gave $(records "$T/out") records"
expect 1 "$NERVE" export --article nope
contains "$T/err" "no article nope"
expect 0 "$NERVE" export --by ayla
[ "$(records "$T/out")" = 9 ] || fail "--by ayla gave $(records "$T/out") records"
expect 0 "$NERVE" export --state done
[ "$(records "$T/out")" = 1 ] || fail "--state done gave $(records "$T/out") records"
expect 0 "$NERVE" export --state new,in_progress
[ "$(records "$T/out")" = 11 ] || fail "--state new,in_progress gave $(records "$T/out") records"
expect 2 "$NERVE" export --state finished
expect 0 "$NERVE" export --since 2000-01-01
[ "$(records "$T/out")" = 11 ] || fail "--since 2000-01-01 gave $(records "$T/out") records"
expect 0 "$NERVE" export --since 2999-01-01T00:00:00Z
[ "$(records "$T/out")" = 1 ] || fail "--since 2999 gave $(records "$T/out") records"
expect 2 "$NERVE" export --since yesterday
contains "$T/err" "not an ISO 8601 date"
expect 2 "$NERVE" export --format xml
contains "$T/err" "unknown format 'xml'"
expect 2 "$NERVE" export --format brat
contains "$T/err" "name it with -o DIR"
expect 2 "$NERVE" export --format text
expect 2 "$NERVE" export extra-argument

# JSON Lines: every article, its selected entities (possibly none)
expect 0 "$NERVE" export --format jsonl
[ "$(rows "$T/out")" = 4 ] || fail "jsonl export gave $(rows "$T/out") lines"
contains "$T/out" '{"id":"plain","title":"No entities in this one, and a date field.","date":"2016-03-05","text":"No entities in this one, and a date field.","entities":[]}'
contains "$T/out" '{"start":12,"end":25,"type":"PERSON","text":"Zakir Hasanov","status":"accepted","origin":"analyst","annotator":"ayla","referent_id":'
grep -q '"text":"Zakir Hasanov",[^}]*"referent":"Zakir Hasanov"}' "$T/out" || fail "no referent in the JSON Lines export"

# round trip: export, import into an empty database, export again: same
expect 0 "$NERVE" export --format jsonl --status all -o "$T/one.jsonl"
contains "$T/one.jsonl" '"confidence":0.875'
expect 0 "$NERVE" --db "$T/two.db" import "$T/one.jsonl"
expect 0 "$NERVE" --db "$T/two.db" export --format jsonl --status all -o "$T/two.jsonl"
same "$T/one.jsonl" "$T/two.jsonl"
# and a corpus file mapped onto nerve's types, with --reviewed
expect 0 "$NERVE" --db "$T/three.db" import --reviewed --map "$TESTDATA/typemap.json" "$TESTDATA/corpus.jsonl"
contains "$T/out" "imported: 2, duplicates: 0, failed: 0, entities: 4"
expect 0 "$NERVE" --db "$T/three.db" export --format jsonl --status all -o "$T/three.jsonl"
lacks "$T/three.jsonl" "Money"
contains "$T/three.jsonl" '{"start":4,"end":13,"type":"NORP","text":"Pakistani","status":"accepted","origin":"import","annotator":"tester","referent_id":'
expect 0 "$NERVE" --db "$T/four.db" import "$T/three.jsonl"
expect 0 "$NERVE" --db "$T/four.db" export --format jsonl --status all -o "$T/four.jsonl"
same "$T/three.jsonl" "$T/four.jsonl"
# the CSV of both databases is the same but for entity_id and updated_at
expect 0 "$NERVE" --db "$T/three.db" export --status all -o "$T/three.csv"
expect 0 "$NERVE" --db "$T/four.db" export --status all -o "$T/four.csv"
cut -d, -f1,2,4-10 "$T/three.csv" >"$T/a"
cut -d, -f1,2,4-10 "$T/four.csv" >"$T/b"
same "$T/a" "$T/b"

# -o FILE: a failed export leaves the old file as it was, and no
# temporary file behind
printf 'old contents\n' >"$T/keep.csv"
expect 1 "$NERVE" --db "$T/missing.db" export -o "$T/keep.csv"
contains "$T/keep.csv" "old contents"
expect 1 "$NERVE" export -o "$T/no/such/dir/x.csv"
contains "$T/err" "x.csv: No such file or directory"
ls "$T" | grep -q 'keep.csv.' && fail "a temporary file was left behind"
expect 0 "$NERVE" export -o "$T/keep.csv"
lacks "$T/keep.csv" "old contents"
[ "$(records "$T/keep.csv")" = 11 ] || fail "-o FILE wrote $(records "$T/keep.csv") records"
ls "$T" | grep -q 'keep.csv.' && fail "a temporary file was left behind"
# a write error on standard output is a failure
if [ -w /dev/full ]; then
	"$NERVE" export --status all >/dev/full 2>"$T/err" && fail "writing to /dev/full succeeded"
	contains "$T/err" "standard output"
fi

finish

# an entity whose span or type was changed keeps the detector's: three
# columns after updated_at, three fields in JSON Lines; empty otherwise
export NERVE_DB="$T/orig.db"
cat >"$T/orig.jsonl" <<'JSONL'
{"id": "o1", "title": "Bridge", "text": "Mayor Ann Smith opened the Riverside bridge.", "entities": [{"start": 10, "end": 15, "type": "PERSON", "status": "suggested", "origin": "detector", "annotator": "detector", "confidence": 0.5}, {"start": 27, "end": 36, "type": "LOC", "status": "suggested", "origin": "detector", "annotator": "detector", "confidence": 0.5}]}
JSONL
expect 0 "$NERVE" import "$T/orig.jsonl"
# a file that retypes a suggestion changes a detector's entity
printf 'article_id,start,end,type,status,origin,annotator\r\no1,27,36,FAC,accepted,analyst,ann\r\n' \
	>"$T/retype.csv"
expect 0 "$NERVE" import "$T/retype.csv"
expect 0 "$NERVE" export --status all -o "$T/orig.csv"
contains "$T/orig.csv" ",PERSON,suggested,detector,detector,"
grep -q ",PERSON,suggested,detector,detector,[0-9TZ:-]*,,,,,$CR\$" "$T/orig.csv" ||
	fail "an unchanged entity has original_* cells: $(cat "$T/orig.csv")"
grep -q ",Riverside,FAC,accepted,analyst,ann,[0-9TZ:-]*,27,36,LOC,,$CR\$" "$T/orig.csv" ||
	fail "no original span and type: $(cat "$T/orig.csv")"
expect 0 "$NERVE" export --format jsonl --status all -o "$T/orig1.jsonl"
contains "$T/orig1.jsonl" '"annotator":"ann","original_start":27,"original_end":36,"original_type":"LOC"}'
# both round trips lossless: into a database with the articles alone
for f in csv jsonl; do
	rm -f "$T/bare.db"*
	expect 0 "$NERVE" export --format jsonl --by nobody -o "$T/bare.jsonl"
	expect 0 "$NERVE" --db "$T/bare.db" import "$T/bare.jsonl"
	if [ $f = csv ]; then
		expect 0 "$NERVE" --db "$T/bare.db" import "$T/orig.csv"
	else
		expect 0 "$NERVE" --db "$T/bare.db" import "$T/orig1.jsonl"
	fi
	expect 0 "$NERVE" --db "$T/bare.db" export --format jsonl --status all -o "$T/orig2.jsonl"
	same "$T/orig1.jsonl" "$T/orig2.jsonl"
done
# the CSV again, its cells compared (entity_id and updated_at aside)
expect 0 "$NERVE" --db "$T/bare.db" export --status all -o "$T/orig2.csv"
cut -d, -f1,2,4-10,12- "$T/orig.csv" >"$T/c1"
cut -d, -f1,2,4-10,12- "$T/orig2.csv" >"$T/c2"
same "$T/c1" "$T/c2"
# the header with referent columns but no original_* ones still reads
printf 'article_id,article_title,entity_id,start,end,text,type,status,origin,annotator,updated_at,referent_id,referent\r\no1,Bridge,1,6,9,Ann,PERSON,accepted,analyst,ann,2026-01-01T00:00:00Z,,\r\n' \
	>"$T/old.csv"
expect 0 "$NERVE" --db "$T/bare.db" import "$T/old.csv"
contains "$T/out" "entities: 1"
# a database of schema 3 (before original_*) gets the columns, empty
if command -v sqlite3 >/dev/null 2>&1; then
	expect 0 "$NERVE" --db "$T/v3.db" import "$T/orig.jsonl"
	sqlite3 "$T/v3.db" "ALTER TABLE entity DROP COLUMN original_start;
		ALTER TABLE entity DROP COLUMN original_end;
		ALTER TABLE entity DROP COLUMN original_type; PRAGMA user_version = 3;" ||
		fail "could not make a schema 3 database"
	expect 0 "$NERVE" --db "$T/v3.db" export --status all
	contains "$T/out" ",PERSON,suggested,detector,detector,"
	lacks "$T/out" ",10,15,PERSON"
	[ "$(sqlite3 "$T/v3.db" 'PRAGMA user_version')" = 4 ] || fail "schema 3 was not migrated"
fi
