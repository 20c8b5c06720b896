# formats-brat.sh: brat standoff — a directory of NAME.txt and NAME.ann
# pairs read (offsets in code points of the .txt as it is, CR LF and
# astral characters included; discontinuous spans and other kinds of line
# reported and skipped), written into a new directory, round trips, and
# bad input.
. "$TESTLIB"
. "${TESTLIB%lib.sh}formats-lib.sh"

# a directory holding .ann files is brat; ids are the names without .txt
expect 1 "$NERVE" import "$D/brat"
contains "$T/out" "imported: 3, duplicates: 0, failed: 0, entities: 7, entities skipped: 4"
contains "$T/err" "brat/dispatch.ann:5: T5: a discontinuous span (45 48;49 53) of TITLE: nerve keeps only contiguous entities; skipped"
contains "$T/err" "brat/dispatch.ann:6: relations (R lines): nerve keeps only entities; skipped"
contains "$T/err" "brat/dispatch.ann:7: attributes (A lines): nerve keeps only entities; skipped"
contains "$T/err" "brat/dispatch.ann:8: notes (# lines): nerve keeps only entities; skipped"
if have_sqlite; then
	# CR LF in the .txt: brat counts the CR, nerve stores LF; a span's
	# text field with the line end as a space still matches
	db_entities "$NERVE_DB" >"$T/got"
	cat >"$T/want" <<'EOF'
dispatch|0|5|LOC|suggested|[MOSUL]
dispatch|7|11|LOC|suggested|[Iraq]
dispatch|24|29|NORP|suggested|[Iraqi]
dispatch|53|73|PERSON|suggested|[Abdul-Wahab al-Saadi]
dispatch|65|81|MISC|suggested|[al-Saadi
entered]
sub/accord|0|6|LOC|suggested|[Ankara]
sub/accord|11|15|LOC|suggested|[Baku]
EOF
	same "$T/got" "$T/want"
	# and the file's own offsets slice the same words out of the .txt
	brat_slices "$D/brat/dispatch" | head -n 4 >"$T/got"
	cat >"$T/want" <<'EOF'
T1|LOC|0|5|[MOSUL]|MOSUL
T2|LOC|7|11|[Iraq]|Iraq
T3|NORP|25|30|[Iraqi]|Iraqi
T4|PERSON|54|74|[Abdul-Wahab al-Saadi]|Abdul-Wahab al-Saadi
EOF
	same "$T/got" "$T/want"
fi
# a .txt without an .ann: a report without annotations (detected later)
expect 0 "$NERVE" export --format jsonl --article unannotated
contains "$T/out" '"text":"A report nobody has annotated yet.\n","entities":[]}'

# export: a directory, named with -o
expect 2 "$NERVE" export --format brat
contains "$T/err" "brat export writes a directory: name it with -o DIR"
export NERVE_DB="$T/one.db"
expect 0 "$NERVE" import "$D/docs.jsonl"
expect 0 "$NERVE" export --format brat --status all -o "$T/one"
(cd "$T/one" && find . -type f | sort) >"$T/got"
cat >"$T/want" <<'EOF'
./astral.ann
./astral.txt
./crlf/source.ann
./crlf/source.txt
./nested quotes.ann
./nested quotes.txt
./none.ann
./none.txt
./tokens.ann
./tokens.txt
EOF
same "$T/got" "$T/want"
printf '𝐁𝐫𝐞𝐚𝐤𝐢𝐧𝐠 📰👍🏽: Colonel General Zakir Hasanov met 𝑴𝒆𝒕𝒊𝒏 Tokel in Bakı on 21 May.' >"$T/want"
same "$T/one/astral.txt" "$T/want"
printf 'T1\tTITLE 14 29\tColonel General\nT2\tPERSON 30 43\tZakir Hasanov\nT3\tPERSON 48 59\t𝑴𝒆𝒕𝒊𝒏 Tokel\nT4\tLOC 63 67\tBakı\nT5\tDATE 71 77\t21 May\n' >"$T/want"
same "$T/one/astral.ann" "$T/want"
# a line end inside an entity is a space in the text field
contains "$T/one/crlf/source.ann" "$(printf 'T3\tORG 43 72\tMinistry of Defence of Russia')"
: >"$T/empty"
same "$T/one/none.ann" "$T/empty"
if have_sqlite; then
	brat_slices "$T/one/nested quotes" >"$T/got"
	cat >"$T/want" <<'EOF'
T1|ORG|14|28|[‘Iron’ Brigade]|‘Iron’ Brigade
T2|ORG|36|47|["Free Army"]|"Free Army"
T3|LOC|54|60|[Aleppo]|Aleppo
T4|LOC|66|71|[Idlib]|Idlib
EOF
	same "$T/got" "$T/want"
fi

# round trip: export, import into an empty database, export again: the
# same files
expect 0 "$NERVE" --db "$T/two.db" import "$T/one"
contains "$T/out" "imported: 5, duplicates: 0, failed: 0, entities: 15"
expect 0 "$NERVE" --db "$T/two.db" export --format brat --status all -o "$T/two"
diff -r "$T/one" "$T/two" >"$T/diff" || fail "brat round trip differs: $(head -c 400 "$T/diff")"
# the external ids come back (crlf/source from crlf/source.txt)
expect 0 "$NERVE" --db "$T/two.db" export --format jsonl --article crlf/source
contains "$T/out" '"id":"crlf/source"'

# ids a file name cannot hold as they are
printf '{"id": "../up", "text": "Up one."}\n{"id": ".hidden", "text": "Hidden."}\n{"id": "100%%", "text": "Per cent."}\n' >"$T/odd.jsonl"
expect 0 "$NERVE" --db "$T/odd.db" import "$T/odd.jsonl"
expect 0 "$NERVE" --db "$T/odd.db" export --format brat -o "$T/odd"
(cd "$T/odd" && find . -type f | sort | tr '\n' ' ') >"$T/got"
printf './%%2E./up.ann ./%%2E./up.txt ./%%2Ehidden.ann ./%%2Ehidden.txt ./100%%25.ann ./100%%25.txt ' >"$T/want"
same "$T/got" "$T/want"
[ -e "$T/up.txt" ] && fail "an id climbed out of the export directory"
expect 0 "$NERVE" --db "$T/odd2.db" import "$T/odd"
expect 0 "$NERVE" --db "$T/odd2.db" export --format jsonl
contains "$T/out" '"id":"../up"'
contains "$T/out" '"id":".hidden"'
contains "$T/out" '"id":"100%"'

# the directory: a new one, or an empty one; never mixed with old files
mkdir "$T/empty-dir"
expect 0 "$NERVE" export --format brat -o "$T/empty-dir"
[ -f "$T/empty-dir/astral.ann" ] || fail "export into an empty directory wrote nothing"
expect 1 "$NERVE" export --format brat -o "$T/empty-dir"
contains "$T/err" "empty-dir: the directory is not empty (brat export writes into a new or empty directory)"
printf 'x\n' >"$T/a-file"
expect 1 "$NERVE" export --format brat -o "$T/a-file"
contains "$T/err" "a-file: exists and is not a directory"
ls -a "$T" | grep -q '\.......$' && fail "a temporary directory was left behind: $(ls -a "$T")"

# bad input: an .ann with no .txt beside it, a line that does not parse
# (nothing of that document imported), a span whose text field is not
# the text at its offsets (skipped), and the other pairs still go in
mkdir -p "$T/bad"
printf 'T1\tLOC 0 4\tBaku\n' >"$T/bad/orphan.ann"
printf 'Baku and Ankara.' >"$T/bad/broken.txt"
printf 'T1\tLOC 0 4\tBaku\nT2\tLOC zero 4\tBaku\n' >"$T/bad/broken.ann"
printf 'Tbilisi and Yerevan.' >"$T/bad/good.txt"
printf 'T1\tLOC 0 7\tTbilisi\nT2\tLOC 12 19\tYerevn\nX9\tsomething\n' >"$T/bad/good.ann"
printf 'Baku.' >"$T/bad/kinds.txt"
printf 'T1\tLOC 0 4\tBaku\nQ1\tLOC 0 4\tBaku\n' >"$T/bad/kinds.ann"
expect 1 "$NERVE" --db "$T/bad.db" import "$T/bad"
contains "$T/err" "bad/orphan.ann: no $T/bad/orphan.txt beside it; skipped"
contains "$T/err" "bad/broken.ann:2: not a text-bound annotation (ID<TAB>TYPE START END<TAB>TEXT); nothing of this document was imported"
contains "$T/err" "bad/good.ann:3: not a brat annotation line (T, R, E, A, M, N, # or *)"
contains "$T/err" "bad/kinds.ann:2: not a brat annotation line"
contains "$T/out" "imported: 0, duplicates: 0, failed: 4"
printf 'T1\tLOC 0 7\tTbilisi\nT2\tLOC 12 19\tYerevn\nT3\tLOC 12 99\tYerevan\n' >"$T/bad/good.ann"
rm "$T/bad/orphan.ann" "$T/bad/broken.ann" "$T/bad/kinds.ann"
printf 'T1\tLOC 0 4\tBaku\n' >"$T/bad/broken.ann"
expect 1 "$NERVE" --db "$T/bad.db" import --no-detect "$T/bad"
contains "$T/err" "bad/good.ann:2: entity 2 (12-19): its text \"Yerevn\" is not the text at those offsets; skipped"
contains "$T/err" "bad/good.ann:3: entity 3 (12-99): outside the text of 20 characters; skipped"
contains "$T/out" "imported: 3, duplicates: 0, failed: 0, entities: 2, entities skipped: 2"
# one document by its .ann or its .txt (--format brat)
mkdir -p "$T/single"
printf 'Minsk.' >"$T/single/m.txt"
printf 'T1\tLOC 0 5\tMinsk\n' >"$T/single/m.ann"
expect 0 "$NERVE" --db "$T/single.db" import --format brat "$T/single/m.ann"
contains "$T/out" "imported: 1, duplicates: 0, failed: 0, entities: 1"
expect 0 "$NERVE" --db "$T/single.db" export --format jsonl --article m
contains "$T/out" '"id":"m"'
printf '{}' | expect 1 "$NERVE" --db "$T/single.db" import --format brat -
contains "$T/err" "standard input: brat documents are pairs of files in a directory"

finish
