# formats.sh: doccano and Prodigy JSON Lines — recognition, import with
# offsets checked by code points, export, byte-identical round trips of
# every JSON Lines format, export selections, and bad input of each kind.
. "$TESTLIB"
. "${TESTLIB%lib.sh}formats-lib.sh"

expect 0 "$NERVE" import --help
contains "$T/out" "doccano"
contains "$T/out" "brat"
expect 0 "$NERVE" export --help
contains "$T/out" "csv (default), jsonl, doccano, prodigy, conll or"

# doccano, recognised by its first line's "label": integer ids, a CR LF
# line end and a CR LF inside a text (offsets count the CR; stored text
# has LF only, the entities after it move back by one)
expect 0 "$NERVE" import "$D/doccano.jsonl"
contains "$T/out" "imported: 3, duplicates: 0, failed: 0, entities: 5, new types: 1"
contains "$T/err" "doccano.jsonl: new entity type GPE (colour "
# Prodigy, recognised by "spans": the id from "meta", tokens ignored
expect 0 "$NERVE" import "$D/prodigy.jsonl"
contains "$T/out" "imported: 2, duplicates: 0, failed: 0, entities: 4"
if have_sqlite; then
	db_entities "$NERVE_DB" >"$T/got"
	cat >"$T/want" <<'EOF'
101|12|25|PERSON|suggested|[Zakir Hasanov]
101|30|41|PERSON|suggested|[Metin Tokel]
101|45|49|LOC|suggested|[Bakı]
102|4|15|ORG|suggested|[“Free Army”]
102|21|27|GPE|suggested|[Aleppo]
pg-1|3|18|PERSON|suggested|[Haider al-Abadi]
pg-1|31|38|NORP|suggested|[Kurdish]
pg-1|39|48|ORG|suggested|[Peshmerga]
pg-1|52|57|LOC|suggested|[Erbil]
EOF
	same "$T/got" "$T/want"
	# the file's own offsets slice the same words out of the file's text
	doccano_slices "$D/doccano.jsonl" >"$T/got"
	cat >"$T/want" <<'EOF'
101|12|25|PERSON|[Zakir Hasanov]
101|31|42|PERSON|[Metin Tokel]
101|46|50|LOC|[Bakı]
102|4|15|ORG|[“Free Army”]
102|21|27|GPE|[Aleppo]
EOF
	same "$T/got" "$T/want"
fi
# a line without an id: FILE:LINE; no entities is still "annotated"
expect 0 "$NERVE" export --format doccano --article doccano.jsonl:3
contains "$T/out" '{"id":"doccano.jsonl:3","text":"Nothing to label here.","label":[]}'

# export: doccano and Prodigy lines, exactly
expect 0 "$NERVE" export --format doccano --status all --article 101
printf '%s\n' '{"id":"101","text":"📰 𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠: Zakir Hasanov met\nMetin Tokel in Bakı.","label":[[12,25,"PERSON"],[30,41,"PERSON"],[45,49,"LOC"]]}' >"$T/want"
same "$T/out" "$T/want"
expect 0 "$NERVE" export --format prodigy --status all --article 102
printf '%s\n' '{"id":"102","text":"The “Free Army” left Aleppo.","tokens":[{"text":"The","start":0,"end":3,"id":0,"ws":true},{"text":"“","start":4,"end":5,"id":1,"ws":false},{"text":"Free","start":5,"end":9,"id":2,"ws":true},{"text":"Army","start":10,"end":14,"id":3,"ws":false},{"text":"”","start":14,"end":15,"id":4,"ws":true},{"text":"left","start":16,"end":20,"id":5,"ws":true},{"text":"Aleppo","start":21,"end":27,"id":6,"ws":false},{"text":".","start":27,"end":28,"id":7,"ws":false}],"spans":[{"start":4,"end":15,"token_start":1,"token_end":4,"label":"ORG"},{"start":21,"end":27,"token_start":6,"token_end":6,"label":"GPE"}]}' >"$T/want"
same "$T/out" "$T/want"
# by default only accepted entities: every article, possibly with none
expect 0 "$NERVE" export --format doccano
[ "$(rows "$T/out")" = 5 ] || fail "doccano export gave $(rows "$T/out") lines, want 5"
lacks "$T/out" "PERSON"

# round trips: the team's documents (astral characters before entities,
# nested quotes, CR LF in the source), exported, imported into an empty
# database, exported again: the same bytes, in every JSON Lines format
export NERVE_DB="$T/one.db"
expect 0 "$NERVE" import "$D/docs.jsonl"
contains "$T/out" "imported: 5, duplicates: 0, failed: 0, entities: 15"
for f in jsonl doccano prodigy; do
	expect 0 "$NERVE" export --format $f --status all -o "$T/one.$f"
	expect 0 "$NERVE" --db "$T/two-$f.db" import --format $f "$T/one.$f"
	contains "$T/out" "imported: 5, duplicates: 0, failed: 0, entities: 15"
	expect 0 "$NERVE" --db "$T/two-$f.db" export --format $f --status all -o "$T/two.$f"
	same "$T/one.$f" "$T/two.$f"
	# recognised without --format too, as .jsonl (by the first line's keys)
	cp "$T/one.$f" "$T/one-$f.jsonl"
	expect 0 "$NERVE" --db "$T/three-$f.db" import "$T/one-$f.jsonl"
	expect 0 "$NERVE" --db "$T/three-$f.db" export --format $f --status all -o "$T/three.$f"
	same "$T/one.$f" "$T/three.$f"
done
# accepted entities only, brought in --reviewed: the same again
expect 0 "$NERVE" export --format doccano -o "$T/acc.doccano"
expect 0 "$NERVE" --db "$T/acc.db" import --reviewed --format doccano "$T/acc.doccano"
expect 0 "$NERVE" --db "$T/acc.db" export --format doccano -o "$T/acc2.doccano"
same "$T/acc.doccano" "$T/acc2.doccano"
expect 0 "$NERVE" --db "$T/acc.db" stats
contains "$T/out" "done 5"
# exported offsets slice the right words by code points (the astral
# characters before them count one each)
if have_sqlite; then
	doccano_slices "$T/one.doccano" >"$T/got"
	cat >"$T/want" <<'EOF'
astral|14|29|TITLE|[Colonel General]
astral|30|43|PERSON|[Zakir Hasanov]
astral|48|59|PERSON|[𝑴𝒆𝒕𝒊𝒏 Tokel]
astral|63|67|LOC|[Bakı]
astral|71|77|DATE|[21 May]
nested quotes|14|28|ORG|[‘Iron’ Brigade]
nested quotes|36|47|ORG|["Free Army"]
nested quotes|54|60|LOC|[Aleppo]
nested quotes|66|71|LOC|[Idlib]
crlf/source|0|6|LOC|[MOSCOW]
crlf/source|15|28|PERSON|[Sergei Shoigu]
crlf/source|43|72|ORG|[Ministry of
Defence of Russia]
crlf/source|66|72|LOC|[Russia]
tokens|0|4|LOC|[Iraq]
tokens|21|26|LOC|[Mosul]
EOF
	same "$T/got" "$T/want"
	# Prodigy: spans and the tokens they name ("Iraq" is not a token of
	# "Iraqi forces": no token fields, so "-")
	prodigy_slices "$T/one.prodigy" | grep -e '^astral|[13][04]|' -e '^tokens|' >"$T/got"
	cat >"$T/want" <<'EOF'
astral|14|29|TITLE|[Colonel General]|[Colonel General]
astral|30|43|PERSON|[Zakir Hasanov]|[Zakir Hasanov]
tokens|0|4|LOC|[Iraq]|[-]
tokens|21|26|LOC|[Mosul]|[Mosul]
EOF
	same "$T/got" "$T/want"
fi

# selections: every selected article, with its selected entities
expect 0 "$NERVE" export --format doccano --type LOC --status all
[ "$(rows "$T/out")" = 5 ] || fail "--type LOC gave $(rows "$T/out") lines"
contains "$T/out" '"label":[[63,67,"LOC"]]}'
contains "$T/out" '{"id":"none","text":"No entities here, only words.","label":[]}'
lacks "$T/out" "PERSON"
expect 0 "$NERVE" export --format prodigy --article astral --article tokens --by ayla
[ "$(rows "$T/out")" = 2 ] || fail "--article twice gave $(rows "$T/out") lines"
lacks "$T/out" '"label":"DATE"'
contains "$T/out" '"label":"LOC"'
expect 0 "$NERVE" export --format doccano --state done
[ -s "$T/out" ] && fail "--state done exported $(cat "$T/out")"

# bad input: a file that does not parse is rejected whole, with its line
printf '{"text": "Good line.", "label": []}\n{"text": "x", "label": [[0, 1, "A"]\n' >"$T/badjson.jsonl"
expect 1 "$NERVE" import --format doccano "$T/badjson.jsonl"
contains "$T/err" "badjson.jsonl:2: not valid JSON; nothing of this file was imported"
contains "$T/out" "imported: 0, duplicates: 0, failed: 1"
printf '{"text": "abc", "label": [[0, "1", "A"]]}\n' >"$T/badlabel.jsonl"
expect 1 "$NERVE" import "$T/badlabel.jsonl"
contains "$T/err" 'badlabel.jsonl:1: label 1 is not [start, end, "TYPE"]'
printf '{"text": "abc", "label": "A"}\n' >"$T/notarray.jsonl"
expect 1 "$NERVE" import "$T/notarray.jsonl"
contains "$T/err" 'notarray.jsonl:1: "label" is not an array'
printf '{"text": "abc", "spans": [{"start": 0, "end": 1}]}\n' >"$T/nolabel.jsonl"
expect 1 "$NERVE" import "$T/nolabel.jsonl"
contains "$T/err" 'nolabel.jsonl:1: span 1: "label" is missing or not a string'
printf '{"id": "no-text", "spans": []}\n' >"$T/notext.jsonl"
expect 1 "$NERVE" import "$T/notext.jsonl"
contains "$T/err" 'notext.jsonl:1: no "text" field'
# one bad entity is skipped with its line, the rest goes in: offsets out
# of range, a span off grapheme boundaries (inside 👍🏽), a span whose
# "text" is not the text at its offsets
printf '{"id": "r1", "text": "Ankara and Baku.", "label": [[0, 6, "LOC"], [11, 99, "LOC"]]}\n' >"$T/range.jsonl"
expect 1 "$NERVE" import "$T/range.jsonl"
contains "$T/err" "range.jsonl:1: entity 2 (11-99): outside the text of 16 characters; skipped"
contains "$T/out" "imported: 1, duplicates: 0, failed: 0, entities: 1, entities skipped: 1"
printf '{"id": "g1", "text": "👍🏽 Baku", "spans": [{"start": 0, "end": 1, "label": "MISC"}, {"start": 3, "end": 7, "label": "LOC"}]}\n' >"$T/grapheme.jsonl"
expect 1 "$NERVE" import "$T/grapheme.jsonl"
contains "$T/err" "grapheme.jsonl:1: entity 1 (0-1): it does not fall on character boundaries"
contains "$T/out" "entities: 1, entities skipped: 1"
printf '{"id": "t1", "text": "Baku", "spans": [{"start": 0, "end": 4, "label": "LOC", "text": "Bako"}]}\n' >"$T/text.jsonl"
expect 1 "$NERVE" import "$T/text.jsonl"
contains "$T/err" 'text.jsonl:1: entity 1 (0-4): its text "Bako" is not the text at those offsets; skipped'

# --format prodigy on a file of another flavour: lines without "spans"
# are documents without annotations; a directory of such files
mkdir -p "$T/dir/sub"
printf '{"id": "d1", "text": "First file.", "spans": []}\n' >"$T/dir/a.jsonl"
printf '{"id": "d2", "text": "Second file.", "spans": [{"start": 0, "end": 6, "label": "X"}]}\n' >"$T/dir/sub/b.json"
printf 'not JSON, not read\n' >"$T/dir/notes.txt"
expect 0 "$NERVE" --db "$T/dir.db" import --format prodigy "$T/dir"
contains "$T/out" "imported: 2, duplicates: 0, failed: 0, entities: 1, new types: 1"
# standard input
printf '{"id": "s1", "text": "From standard input.", "label": [[5, 13, "MISC"]]}\n' |
	expect 0 "$NERVE" --db "$T/stdin.db" import --format doccano -
contains "$T/out" "imported: 1, duplicates: 0, failed: 0, entities: 1"
expect 0 "$NERVE" --db "$T/stdin.db" export --format doccano --status all
contains "$T/out" '{"id":"s1","text":"From standard input.","label":[[5,13,"MISC"]]}'

finish
