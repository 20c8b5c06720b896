# compressed.sh: gzip-compressed files import as what they hold (named
# .gz or not, alone or in a directory, concatenated members too); broken
# gzip data, xz, zstd and bzip2 files, and compressed standard input are
# refused with a message that says what to do.
. "$TESTLIB"
command -v gzip >/dev/null || skip "no gzip"

printf 'Talks in Nairobi\n\nMaria Lopez met John Smith in Kenya.\n' >"$T/a.txt"
gzip -c "$T/a.txt" >"$T/a.txt.gz"
expect 0 "$NERVE" import --no-detect "$T/a.txt.gz"
contains "$T/out" "imported: 1, duplicates: 0, failed: 0"
expect 0 "$NERVE" export --format jsonl --article a.txt.gz
contains "$T/out" '"title":"Talks in Nairobi","text":"Talks in Nairobi\n\nMaria Lopez met John Smith in Kenya.\n"'
# the same text, plain: a duplicate (the text was stored decompressed)
expect 0 "$NERVE" import --no-detect "$T/a.txt"
contains "$T/out" "duplicates: 1"

# JSON Lines (recognised by the name inside .gz, and by the first line
# of a file named only .gz), with its entities
printf '{"id": "j1", "text": "Ana Silva of Acme.", "entities": [{"start": 0, "end": 9, "type": "PERSON"}]}\n' |
	gzip >"$T/feed.jsonl.gz"
expect 0 "$NERVE" import "$T/feed.jsonl.gz"
contains "$T/out" "imported: 1"
printf '{"id": "j2", "text": "A second feed."}\n' | gzip >"$T/feed2.gz"
expect 0 "$NERVE" import --no-detect "$T/feed2.gz"
expect 0 "$NERVE" export --format jsonl --status all
contains "$T/out" '"id":"j1"'
contains "$T/out" '"text":"Ana Silva"'
contains "$T/out" '"id":"j2"'
# a gzip file whose name does not say so
printf 'Hidden gzip report.\n' | gzip >"$T/hidden.txt"
expect 0 "$NERVE" import --no-detect "$T/hidden.txt"
expect 0 "$NERVE" export --format jsonl --article hidden.txt
contains "$T/out" '"text":"Hidden gzip report.\n"'

# a directory: its .txt.gz files with its .txt files
mkdir -p "$T/dir/sub"
printf 'Plain report in a directory.\n' >"$T/dir/p.txt"
printf 'Compressed report in a directory.\n' | gzip >"$T/dir/sub/q.txt.gz"
printf 'Not a report.\n' | gzip >"$T/dir/notes.md.gz"
expect 0 "$NERVE" import --no-detect "$T/dir"
contains "$T/out" "imported: 2, duplicates: 0, failed: 0"
expect 0 "$NERVE" export --format jsonl --article sub/q.txt.gz
contains "$T/out" "Compressed report in a directory."

# concatenated members read as one stream
{ printf 'First part.\n' | gzip; printf 'Second part.\n' | gzip; } >"$T/two.txt.gz"
expect 0 "$NERVE" import --no-detect "$T/two.txt.gz"
expect 0 "$NERVE" export --format jsonl --article two.txt.gz
contains "$T/out" '"text":"First part.\nSecond part.\n"'

# truncated and broken gzip data: rejected, nothing stored
seq 1 5000 | sed 's/^/Line number /' | gzip >"$T/big.gz"
head -c 3000 "$T/big.gz" >"$T/cut.txt.gz"
expect 1 "$NERVE" import --no-detect "$T/cut.txt.gz"
contains "$T/err" "cut.txt.gz: the gzip data ends early"
printf '\037\213junk junk junk junk' >"$T/broken.txt.gz"
expect 1 "$NERVE" import --no-detect "$T/broken.txt.gz"
contains "$T/err" "broken.txt.gz: not valid gzip data"
lacks "$T/err" "NUL byte"
expect 0 "$NERVE" stats
contains "$T/out" "articles: 7 "

# the compressions nerve does not read: a hint, whatever the name
printf '\3757zXZ\000rest' >"$T/r.txt.xz"
expect 1 "$NERVE" import "$T/r.txt.xz"
contains "$T/err" "r.txt.xz: xz-compressed; nerve reads gzip (.gz) files but not xz"
contains "$T/err" "xz -dc FILE | nerve import -"
printf '\050\265\057\375rest' >"$T/r.jsonl.zst"
expect 1 "$NERVE" import "$T/r.jsonl.zst"
contains "$T/err" "zstd-compressed"
printf 'BZh9rest' >"$T/r.txt"
expect 1 "$NERVE" import "$T/r.txt"
contains "$T/err" "bzip2-compressed"

# standard input: compressed data is refused with a hint
gzip -c "$T/a.txt" | expect 1 "$NERVE" import -
contains "$T/err" "standard input is gzip-compressed"
# decompressed into nerve it goes in
printf 'Piped report.\n' | gzip | gzip -dc | expect 0 "$NERVE" import --no-detect -
contains "$T/out" "imported: 1"
finish
