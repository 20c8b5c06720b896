# formats-csv.sh: CSV import — an export's rows applied to the articles
# with those external ids already in the database (a colleague's copy),
# each row's text checked against its article, the formula guard's ' taken
# off, bad rows skipped with FILE:LINE, files that do not parse rejected
# whole; the CSV round trip.
. "$TESTLIB"
. "${TESTLIB%lib.sh}formats-lib.sh"

export NERVE_DB="$T/one.db"
expect 0 "$NERVE" import "$TESTDATA/annotated.jsonl" "$D/docs.jsonl"
expect 0 "$NERVE" export --status all -o "$T/one.csv"
# a colleague's copy: the same articles, none of the entities
expect 0 "$NERVE" export --format jsonl --by nobody -o "$T/bare.jsonl"
expect 0 "$NERVE" --db "$T/two.db" import "$T/bare.jsonl"
contains "$T/out" "imported: 9, duplicates: 0, failed: 0"

# the CSV goes in: every row onto its article, annotators kept; exported
# again, the same rows but for entity_id and updated_at
expect 0 "$NERVE" --db "$T/two.db" import "$T/one.csv"
contains "$T/out" "imported: 0, duplicates: 0, failed: 0, entities: 28"
expect 0 "$NERVE" --db "$T/two.db" export --status all -o "$T/two.csv"
if have_sqlite; then
	csv_rows "$T/one.csv" >"$T/rows1"
	csv_rows "$T/two.csv" >"$T/rows2"
	same "$T/rows1" "$T/rows2"
	[ "$(rows "$T/rows1")" = 30 ] || fail "the CSV has $(rows "$T/rows1") rows" # two over two lines each
	# formula-like cells came back without the guard's ', and went out with it
	contains "$T/rows2" "'=formula|'=1+1|0|22|'=HYPERLINK(\"http://x\")|MISC|accepted|analyst|ayla"
	contains "$T/rows2" "|40|47|''quoted|MISC|"
	contains "$T/rows2" "|'-minus|MISC|accepted|analyst|'@ann"
	# offsets slice the same words out of the colleague's articles
	db_entities "$T/two.db" | grep '^astral|' >"$T/got"
	cat >"$T/want" <<'EOF'
astral|14|29|TITLE|suggested|[Colonel General]
astral|30|43|PERSON|accepted|[Zakir Hasanov]
astral|48|59|PERSON|rejected|[𝑴𝒆𝒕𝒊𝒏 Tokel]
astral|63|67|LOC|accepted|[Bakı]
astral|71|77|DATE|accepted|[21 May]
EOF
	same "$T/got" "$T/want"
fi
# a row that would split a character (the emoji and its skin tone)
printf 'article_id,start,end,text,type\r\nastral,10,11,👍,MISC\r\nastral,10,12,👍🏽,MISC\r\n' >"$T/split.csv"
expect 1 "$NERVE" --db "$T/two.db" import "$T/split.csv"
contains "$T/err" "split.csv:2: 10-11 splits a character (grapheme cluster); row skipped"
contains "$T/out" "entities: 1, entities skipped: 1"
expect 0 "$NERVE" --db "$T/two.db" export --format jsonl --status all -a "=formula"
contains "$T/out" '{"start":40,"end":47,"type":"MISC","text":"'"'"'quoted","status":"accepted","origin":"analyst","annotator":"ayla","referent_id":'
# the CSV's referent column linked it again, by its name
contains "$T/out" '"referent":"'"'"'quoted"}'
contains "$T/out" '"annotator":"@ann"'
# the same file again changes nothing
expect 0 "$NERVE" --db "$T/two.db" import "$T/one.csv"
contains "$T/out" "imported: 0, duplicates: 0, failed: 0, unchanged: 28"
# an export without the formula guard reads the same
expect 0 "$NERVE" export --status all --no-formula-guard -o "$T/raw.csv"
expect 0 "$NERVE" --db "$T/three.db" import "$T/bare.jsonl"
expect 0 "$NERVE" --db "$T/three.db" import "$T/raw.csv"
contains "$T/out" "entities: 28"
expect 0 "$NERVE" --db "$T/three.db" export --status all -o "$T/three.csv"
if have_sqlite; then
	csv_rows "$T/three.csv" >"$T/rows3"
	same "$T/rows1" "$T/rows3"
fi

# decisions travel: the colleague's suggestion of the same span is
# accepted (and retyped) rather than doubled; a new span is added; a
# spreadsheet's CR LF inside a cell matches the article's LF
printf '{"id": "s", "text": "Zakir Hasanov met the Ministry of\\nDefense.", "entities": [{"start": 0, "end": 13, "type": "ORG", "status": "suggested", "origin": "detector", "annotator": "detector", "confidence": 0.5}]}\n' >"$T/s.jsonl"
expect 0 "$NERVE" --db "$T/four.db" import "$T/s.jsonl"
printf 'article_id,start,end,text,type,status,origin,annotator\r\ns,0,13,Zakir Hasanov,PERSON,accepted,analyst,ayla\r\ns,22,41,"Ministry of\r\nDefense",ORG,accepted,analyst,ayla\r\n' >"$T/decisions.csv"
expect 0 "$NERVE" --db "$T/four.db" import "$T/decisions.csv"
contains "$T/out" "imported: 0, duplicates: 0, failed: 0, entities: 1, entities updated: 1"
expect 0 "$NERVE" --db "$T/four.db" export --status all
[ "$(grep -c ',accepted,analyst,ayla,' "$T/out")" = 2 ] || fail "decisions: $(cat "$T/out")"
lacks "$T/out" "suggested"
# --reviewed: rows without a status are accepted, their articles done;
# --map renames (or drops) their types
printf 'article_id,start,end,type\ns,0,5,PER\ns,6,13,DROP\n' >"$T/mapped.csv"
printf '{"PER": "PERSON", "DROP": "-"}\n' >"$T/map.json"
expect 0 "$NERVE" --db "$T/four.db" import --reviewed --map "$T/map.json" "$T/mapped.csv"
contains "$T/out" "entities: 1"
expect 0 "$NERVE" --db "$T/four.db" export --status accepted --article s
contains "$T/out" ",0,5,Zakir,PERSON,accepted,import,tester,"
lacks "$T/out" "DROP"
expect 0 "$NERVE" --db "$T/four.db" stats
contains "$T/out" "done 1"

# bad rows: skipped with FILE:LINE, the good ones applied, exit 1
printf 'article_id,start,end,text,type\r\ns,0,5,Zakir,MISC\r\ns,0,5,Zakyr,MISC\r\nnowhere,0,5,Zakir,MISC\r\ns,five,9,x,MISC\r\ns,0,99,x,MISC\r\ns,0,5\r\n' >"$T/bad.csv"
expect 1 "$NERVE" --db "$T/four.db" import "$T/bad.csv"
contains "$T/err" "bad.csv:3: its text \"Zakyr\" is not the article's text at 0-5 (\"Zakir\"); row skipped"
contains "$T/err" "bad.csv:4: no article 'nowhere' in the database; row skipped"
contains "$T/err" "bad.csv:5: start 'five' is not a number; row skipped"
contains "$T/err" "bad.csv:6: 0-99 is outside the article's text of 42 characters; row skipped"
contains "$T/err" "bad.csv:7: the row has 3 cells, the header 5; row skipped"
contains "$T/out" "imported: 0, duplicates: 0, failed: 0, entities: 1, entities skipped: 5"
# a file that does not parse: nothing of it applied
printf 'article_id,start,end,text,type\ns,6,13,Hasanov,NORP\ns,0,5,"Zakir,NORP\n' >"$T/open.csv"
expect 1 "$NERVE" --db "$T/four.db" import "$T/open.csv"
contains "$T/err" "open.csv:3: a quoted cell is not closed; nothing of this file was imported"
expect 0 "$NERVE" --db "$T/four.db" export --status all --type NORP
[ "$(rows "$T/out")" = 1 ] || fail "a rejected CSV file left rows behind: $(cat "$T/out")"
printf 'article,start,end,type\ns,0,5,X\n' >"$T/header.csv"
expect 1 "$NERVE" --db "$T/four.db" import "$T/header.csv"
contains "$T/err" "header.csv:1: the header has no article_id column (article_id, start, end and type are needed)"
printf 'article_id,start,end,type\ns,0,5,caf\351\n' >"$T/latin1.csv"
expect 1 "$NERVE" --db "$T/four.db" import "$T/latin1.csv"
contains "$T/err" "latin1.csv:2: invalid UTF-8"
# from standard input
printf 'article_id,start,end,type,status\ns,6,13,PERSON,rejected\n' |
	expect 0 "$NERVE" --db "$T/four.db" import --format csv -
contains "$T/out" "entities: 1"

finish
