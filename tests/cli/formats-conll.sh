# formats-conll.sh: CoNLL IOB2 — import (text rebuilt from the tokens,
# offsets on it, CR LF line ends, CoNLL-2003 columns), export with nerve's
# tokenizer, round trips that keep every token's tag, and bad input.
. "$TESTLIB"
. "${TESTLIB%lib.sh}formats-lib.sh"

# import: recognised by the name; each -DOCSTART- a document whose id is
# FILE:LINE; the text rebuilt with a reader's spacing
expect 0 "$NERVE" import "$D/sample.conll"
contains "$T/out" "imported: 2, duplicates: 0, failed: 0, entities: 8"
expect 0 "$NERVE" export --format jsonl --status all
contains "$T/out" '{"id":"sample.conll:1","title":"Colonel General Zakir Hasanov didn'"'"'t say ``no'"''"' to 𝑴𝒆𝒕𝒊𝒏 Tokel.","text":"Colonel General Zakir Hasanov didn'"'"'t say ``no'"''"' to 𝑴𝒆𝒕𝒊𝒏 Tokel.\nHe left for Bakı (Azerbaijan), then Ankara.","entities":'
contains "$T/out" '"text":"The U.S.-led coalition'"'"'s strikes hit Raqqa."'
if have_sqlite; then
	db_entities "$NERVE_DB" >"$T/got"
	cat >"$T/want" <<'EOF'
sample.conll:1|0|15|TITLE|suggested|[Colonel General]
sample.conll:1|16|29|PERSON|suggested|[Zakir Hasanov]
sample.conll:1|51|62|PERSON|suggested|[𝑴𝒆𝒕𝒊𝒏 Tokel]
sample.conll:1|76|80|LOC|suggested|[Bakı]
sample.conll:1|82|92|LOC|suggested|[Azerbaijan]
sample.conll:1|100|106|LOC|suggested|[Ankara]
sample.conll:30|4|8|LOC|suggested|[U.S.]
sample.conll:30|37|42|LOC|suggested|[Raqqa]
EOF
	same "$T/got" "$T/want"
fi

# export: -DOCSTART- O and a blank line before each document, a token and
# its tag a line, a blank line after each sentence; what CoNLL cannot
# hold is said on standard error (the export still succeeds)
export NERVE_DB="$T/one.db"
expect 0 "$NERVE" import "$D/docs.jsonl"
expect 0 "$NERVE" export --format conll --status all --article tokens --article none
cat >"$T/want" <<'EOF'
-DOCSTART- O

Iraqi	B-LOC
forces	O
entered	O
Mosul	B-LOC
;	O
nothing	O
else	O
.	O

-DOCSTART- O

No	O
entities	O
here	O
,	O
only	O
words	O
.	O

EOF
same "$T/out" "$T/want"
contains "$T/err" "nerve: tokens: entity 0-4 (LOC) does not fall on token boundaries: written as 0-5"
expect 0 "$NERVE" export --format conll --status all --article crlf/source
contains "$T/err" "nerve: crlf/source: entity 66-72 (LOC) overlaps another: left out"
# an entity over a line end: the sentence ends, the entity goes on
contains "$T/out" "$(printf 'Ministry\tB-ORG\nof\tI-ORG\n\nDefence\tI-ORG\nof\tI-ORG\nRussia\tI-ORG\n')"
# astral characters: one token each, offsets unharmed
expect 0 "$NERVE" export --format conll --status all --article astral
contains "$T/out" "$(printf '📰\tO\n👍\tO\n🏽\tO\n:\tO\nColonel\tB-TITLE\nGeneral\tI-TITLE\nZakir\tB-PERSON\n')"
contains "$T/out" "$(printf '𝑴𝒆𝒕𝒊𝒏\tB-PERSON\nTokel\tI-PERSON\n')"
# a type with white space in it is written with '_' (and said)
expect 0 "$NERVE" types add "WEAPON SYSTEM"
printf '{"id": "w", "text": "The Kornet missile.", "entities": [{"start": 4, "end": 10, "type": "WEAPON SYSTEM"}]}\n' >"$T/w.jsonl"
expect 0 "$NERVE" --db "$T/w.db" import "$T/w.jsonl"
expect 0 "$NERVE" --db "$T/w.db" export --format conll --status all
contains "$T/out" "$(printf 'Kornet\tB-WEAPON_SYSTEM\n')"
contains "$T/err" "the type 'WEAPON SYSTEM' has white space: written as WEAPON_SYSTEM"

# round trip: export, import into an empty database, export again: every
# token keeps its tag (here, the very same bytes)
expect 0 "$NERVE" export --format conll --status all -o "$T/one.conll"
expect 0 "$NERVE" --db "$T/two.db" import "$T/one.conll"
contains "$T/out" "imported: 5, duplicates: 0, failed: 0, entities: 14"
expect 0 "$NERVE" --db "$T/two.db" export --format conll --status all -o "$T/two.conll"
same "$T/one.conll" "$T/two.conll"
grep -v '^$' "$T/one.conll" | cut -f2 >"$T/tags1"
grep -v '^$' "$T/two.conll" | cut -f2 >"$T/tags2"
same "$T/tags1" "$T/tags2"
# and the file of another tool, with CR LF line ends and four columns:
# nerve's tokens and tags after one pass, then stable
expect 0 "$NERVE" --db "$T/s.db" import "$D/sample.conll"
expect 0 "$NERVE" --db "$T/s.db" export --format conll --status all -o "$T/s1.conll"
expect 0 "$NERVE" --db "$T/s2.db" import "$T/s1.conll"
expect 0 "$NERVE" --db "$T/s2.db" export --format conll --status all -o "$T/s2.conll"
same "$T/s1.conll" "$T/s2.conll"
contains "$T/s1.conll" "$(printf "Hasanov\tI-PERSON\ndidn't\tO\nsay\tO\n")"

# bad input: an I- tag with no B- before it starts an entity (IOB1 files
# have them), said once a file with its line
printf 'In\tO\nBaku\tI-LOC\nand\tO\nAnkara\tI-LOC\n' >"$T/iob1.conll"
expect 0 "$NERVE" --db "$T/bad.db" import "$T/iob1.conll"
contains "$T/err" "iob1.conll:2: I-LOC without a B- tag before it: read as the start of an entity (and 1 more such I- tags in this file)"
contains "$T/out" "imported: 1, duplicates: 0, failed: 0, entities: 2"
# lines that do not parse reject the whole file, with the line
printf 'Zakir\tB-PER\n\nHasanov\n' >"$T/notag.conll"
expect 1 "$NERVE" --db "$T/bad.db" import "$T/notag.conll"
contains "$T/err" "notag.conll:3: a token without a tag (TOKEN<TAB>TAG expected); nothing of this file was imported"
printf 'Zakir\tPERSON\n' >"$T/badtag.iob"
expect 1 "$NERVE" --db "$T/bad.db" import "$T/badtag.iob"
contains "$T/err" "badtag.iob:1: 'PERSON' is not an IOB2 tag (O, B-TYPE or I-TYPE)"
printf 'Good\tO\n\n-DOCSTART- O\n\nCaf\351\tO\n' >"$T/latin1.bio"
expect 1 "$NERVE" --db "$T/bad.db" import "$T/latin1.bio"
contains "$T/err" "latin1.bio:5: invalid UTF-8 at byte 25"
contains "$T/out" "imported: 0, duplicates: 0, failed: 1"
expect 0 "$NERVE" --db "$T/bad.db" import --replace-invalid "$T/latin1.bio"
contains "$T/out" "imported: 2"
# a directory of CoNLL files (--format conll), and standard input
mkdir -p "$T/cdir"
printf 'Baku\tB-LOC\n' >"$T/cdir/a.conll"
printf 'Ankara\tB-LOC\n' >"$T/cdir/b.iob"
printf 'not CoNLL\n' >"$T/cdir/c.txt"
expect 0 "$NERVE" --db "$T/dir.db" import --format conll "$T/cdir"
contains "$T/out" "imported: 2, duplicates: 0, failed: 0, entities: 2"
printf 'Tbilisi\tB-LOC\n' | expect 0 "$NERVE" --db "$T/dir.db" import --format conll -
contains "$T/out" "imported: 1, duplicates: 0, failed: 0, entities: 1"

finish
