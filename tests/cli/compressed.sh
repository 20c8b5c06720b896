# compressed.sh: gzip-compressed files import as what they hold (named
# .gz or not, alone or in a directory, concatenated members too); broken
# gzip data and xz, zstd and bzip2 files are refused with a message that
# says what to do; standard input and pipes are recognised too; the size
# limit counts the decompressed bytes.
. "$TESTLIB"
command -v gzip >/dev/null || skip "no gzip"
watchdog() { timeout 20 "$@"; }

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

# standard input and pipes are recognised too: the bytes looked at are
# read again, so nothing is lost
printf 'Piped gzip report.\n' | gzip | expect 0 "$NERVE" import --no-detect -
contains "$T/out" "imported: 1"
expect 0 "$NERVE" export --format jsonl --status all
contains "$T/out" '"text":"Piped gzip report.\n"'
printf '{"id": "j3", "text": "A piped feed."}\n' | gzip | expect 0 "$NERVE" import --no-detect -
contains "$T/out" "imported: 1"
expect 0 "$NERVE" export --format jsonl --article j3
contains "$T/out" '"text":"A piped feed."'
mkfifo "$T/pipe.txt"
{ printf 'Through a FIFO.\n' | gzip >"$T/pipe.txt"; } &
expect 0 watchdog "$NERVE" import --no-detect "$T/pipe.txt"
wait
contains "$T/out" "imported: 1"
# a short plain input (fewer bytes than are looked at) is all there
printf 'Hi.' | expect 0 "$NERVE" import --no-detect -
expect 0 "$NERVE" export --format jsonl --status all
contains "$T/out" '"text":"Hi."'
printf '\3757zXZ\000rest' | expect 1 "$NERVE" import -
contains "$T/err" "standard input: xz-compressed; nerve reads gzip (.gz) files but not xz"
# decompressed into nerve it goes in as well
printf 'Piped report.\n' | gzip | gzip -dc | expect 0 "$NERVE" import --no-detect -
contains "$T/out" "imported: 1"

# --max-size counts what the file holds, not its compressed size: a small
# gzip file that inflates past the limit (a gzip bomb) is refused there
head -c 3000000 /dev/zero | tr '\000' x | gzip >"$T/bomb.txt.gz"
[ "$(wc -c <"$T/bomb.txt.gz")" -lt 10000 ] || fail "the bomb is not small"
expect 1 watchdog "$NERVE" import --no-detect --max-size 1M "$T/bomb.txt.gz"
contains "$T/err" "bomb.txt.gz: larger than the limit of 1 MiB (--max-size)"
{ printf '{"text": "'; head -c 3000000 /dev/zero | tr '\000' x; printf '"}\n'; } | gzip >"$T/bomb.jsonl.gz"
expect 1 watchdog "$NERVE" import --no-detect --max-size 1M "$T/bomb.jsonl.gz"
contains "$T/err" "bomb.jsonl.gz: larger than the limit of 1 MiB (--max-size); nothing of this file was imported"
gzip -dc "$T/bomb.txt.gz" | head -c 4096 | gzip | expect 1 "$NERVE" import --no-detect --max-size 4000 -
contains "$T/err" "standard input: larger than the limit of 4000 bytes (--max-size)"
# and one that fits is imported whole
head -c 2000 /dev/zero | tr '\000' y | gzip | expect 0 "$NERVE" import --no-detect --max-size 2000 -
contains "$T/out" "imported: 1"
finish
