# import.sh: nerve import — text files, directories, JSON Lines, standard
# input, bad input of every kind, the summary and the exit status.
. "$TESTLIB"

expect 0 "$NERVE" import --help
contains "$T/out" "Usage: nerve import"
expect 2 "$NERVE" import
contains "$T/err" "at least one PATH"
expect 2 "$NERVE" import --format nonsense x
contains "$T/err" "unknown format 'nonsense'"
expect 2 "$NERVE" import --bogus x
expect 2 "$NERVE" import - -

# a directory: its *.txt files, recursively; ids are paths inside it
expect 0 "$NERVE" import "$TESTDATA/reports"
contains "$T/out" "imported: 2, duplicates: 0, failed: 0"
expect 0 "$NERVE" export --format jsonl --status all
contains "$T/out" '"id":"a.txt","title":"Talks in Baku","date":"--05-21"'
contains "$T/out" '"id":"sub/b.txt","title":"Officials met in Ankara.","date":"2017-01-05"'
lacks "$T/out" "notes.md"

# the same reports again: duplicates, not failures
expect 0 "$NERVE" import "$TESTDATA/reports/" "$TESTDATA/reports/a.txt"
contains "$T/out" "imported: 0, duplicates: 3, failed: 0"
contains "$T/err" "a duplicate of article"

# the bundled samples (however many: a redistributor may drop the one
# that is not public domain)
n=$(find "$DATADIR/samples" -name '*.txt' | wc -l | tr -d ' ')
expect 0 "$NERVE" import "$DATADIR/samples"
contains "$T/out" "imported: $n, duplicates: 0, failed: 0"
expect 0 "$NERVE" stats
contains "$T/out" "articles: $((n + 2)) (new $((n + 2)), in progress 0, done 0)"

# standard input: text, id stdin- and the first 8 hex digits of the sha256
printf 'Report from standard input.\n' | expect 0 "$NERVE" import -
contains "$T/out" "imported: 1"
expect 0 "$NERVE" export --format jsonl --state new
grep -q '"id":"stdin-[0-9a-f]\{8\}","title":"Report from standard input."' "$T/out" ||
	fail "standard input article: $(grep stdin "$T/out")"
# standard input: JSON Lines when the first byte is {
printf '{"id": "from-stdin", "text": "JSON from standard input."}\n' | expect 0 "$NERVE" import -
expect 0 "$NERVE" export --format jsonl --article from-stdin
contains "$T/out" '"id":"from-stdin"'

# a missing path fails, the other paths still go in
printf 'Another report.\n' >"$T/another.txt"
expect 1 "$NERVE" import "$T/no-such-file.txt" "$T/another.txt"
contains "$T/err" "no-such-file.txt: No such file or directory"
contains "$T/out" "imported: 1, duplicates: 0, failed: 1"

# an empty file, and one of blanks only
: >"$T/empty.txt"
printf ' \n\t\n' >"$T/blank.txt"
expect 1 "$NERVE" import "$T/empty.txt" "$T/blank.txt"
contains "$T/err" "empty.txt: the text is empty"
contains "$T/err" "blank.txt: the text is empty"
contains "$T/out" "imported: 0, duplicates: 0, failed: 2"

# NUL bytes: rejected with the byte offset, or replaced on request
printf 'Text with a NUL\000 byte.' >"$T/nul.txt"
expect 1 "$NERVE" import "$T/nul.txt"
contains "$T/err" "nul.txt: a NUL byte at byte 15"
expect 0 "$NERVE" import --replace-invalid "$T/nul.txt"
expect 0 "$NERVE" export --format jsonl --article nul.txt
contains "$T/out" "Text with a NUL$(printf '\357\277\275') byte."

# invalid UTF-8: the file and the byte offset; --replace-invalid
printf 'Caf\351 cr\350me.\n' >"$T/latin1.txt"
expect 1 "$NERVE" import "$T/latin1.txt"
contains "$T/err" "latin1.txt: invalid UTF-8 at byte 3"
expect 0 "$NERVE" import --replace-invalid "$T/latin1.txt"
expect 0 "$NERVE" export --format jsonl --article latin1.txt
contains "$T/out" "Caf$(printf '\357\277\275') cr$(printf '\357\277\275')me."

# CRLF, a BOM and decomposed characters: stored as LF and NFC
printf '\357\273\277Title\r\n\r\nCafe\314\201 and an\314\203o.\r\n' >"$T/crlf.txt"
expect 0 "$NERVE" import "$T/crlf.txt"
expect 0 "$NERVE" export --format jsonl --article crlf.txt
contains "$T/out" "\"title\":\"Title\",\"text\":\"Title\\n\\nCaf$(printf '\303\251') and a$(printf '\303\261')o.\\n\""

# a directory with no reports
mkdir -p "$T/nothing/deeper"
printf 'x\n' >"$T/nothing/deeper/readme.md"
expect 1 "$NERVE" import "$T/nothing"
contains "$T/err" "nothing: no reports (*.txt files) in this directory"

# an unreadable file (permission bits do not stop root)
if as_root; then
	echo "SKIP (part): unreadable file, running as root" >&2
else
	printf 'Secret report.\n' >"$T/secret.txt"
	chmod 000 "$T/secret.txt"
	printf 'Readable report.\n' >"$T/readable.txt"
	expect 1 "$NERVE" import "$T/secret.txt" "$T/readable.txt"
	contains "$T/err" "secret.txt: Permission denied"
	contains "$T/out" "imported: 1, duplicates: 0, failed: 1"
fi

# JSON Lines: a bad line rejects the whole file, other files go in
printf '{"id": "good", "text": "Good line."}\n{"id": "bad", "text": \n' >"$T/bad.jsonl"
printf '{"id": "fine", "text": "A fine line."}\n' >"$T/fine.jsonl"
expect 1 "$NERVE" import "$T/bad.jsonl" "$T/fine.jsonl"
contains "$T/err" "bad.jsonl:2: not valid JSON; nothing of this file was imported"
contains "$T/out" "imported: 1, duplicates: 0, failed: 1"
expect 1 "$NERVE" export --article good
contains "$T/err" "no article good"
printf '{"id": "x", "text": 5}\n' >"$T/badtext.jsonl"
expect 1 "$NERVE" import "$T/badtext.jsonl"
contains "$T/err" 'badtext.jsonl:1: "text" is not a string'
printf '{"id": "x", "text": "caf\351"}\n' >"$T/badutf.jsonl"
expect 1 "$NERVE" import "$T/badutf.jsonl"
contains "$T/err" "badutf.jsonl:1: invalid UTF-8 at byte 24"

# an external id that a different text holds: NAME#2
printf '{"id": "fine", "text": "A different text."}\n' >"$T/clash.jsonl"
expect 0 "$NERVE" import "$T/clash.jsonl"
contains "$T/err" "the id fine is taken by a different report; stored as fine#2"
expect 0 "$NERVE" export --format jsonl --article 'fine#2'
contains "$T/out" '"text":"A different text."'
# a line without an id: FILE:LINE
printf '\n{"text": "No id here."}\n' >"$T/noid.jsonl"
expect 0 "$NERVE" import "$T/noid.jsonl"
expect 0 "$NERVE" export --format jsonl --article noid.jsonl:2
contains "$T/out" '"text":"No id here."'

# other formats, recognised from the name and the contents (see
# formats*.sh for each): a CSV whose header lacks columns fails, the other
# paths still go in
printf 'article_id,start\n' >"$T/x.csv"
printf 'New report before a bad CSV.\n' >"$T/before.txt"
expect 1 "$NERVE" import "$T/before.txt" "$T/x.csv"
contains "$T/err" "x.csv:1: the header has no end column"
contains "$T/out" "imported: 1, duplicates: 0, failed: 1"
printf '{"text": "x", "label": [[0, 1, "X"]]}\n' >"$T/d.jsonl"
expect 0 "$NERVE" import "$T/d.jsonl"
contains "$T/out" "entities: 1"
expect 1 "$NERVE" import --format conll "$T/before.txt"
contains "$T/err" "before.txt:1: 'CSV.' is not an IOB2 tag"
mkdir -p "$T/bratdir"
printf 'T1\tPER 0 1\ty\n' >"$T/bratdir/a.ann"
printf 'y\n' >"$T/bratdir/a.txt"
expect 0 "$NERVE" import "$T/bratdir"
contains "$T/out" "imported: 1, duplicates: 0, failed: 0, entities: 1"
expect 0 "$NERVE" export --format jsonl --article a
contains "$T/out" '"id":"a","title":"y"'
# --format text reads it as text all the same (the same text: a duplicate)
expect 0 "$NERVE" import --format text "$T/bratdir"
contains "$T/out" "imported: 0, duplicates: 1, failed: 0"

# progress: on standard error when it is a terminal, silent otherwise
expect 0 "$NERVE" --db "$T/progress.db" import "$TESTDATA/reports"
[ -s "$T/err" ] && fail "import wrote to a standard error that is not a terminal: $(cat "$T/err")"
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$NERVE' --db '$T/progress2.db' import '$TESTDATA/reports'" /dev/null >"$T/tty" 2>&1 ||
		fail "import under a terminal failed: $(cat "$T/tty")"
	contains "$T/tty" "nerve: importing: "
	contains "$T/tty" "imported: 2, duplicates: 0, failed: 0"
else
	echo "SKIP (part): no script(1) to run import under a terminal" >&2
fi

# --no-detect is accepted
printf 'Detect nothing here.\n' >"$T/nodetect.txt"
expect 0 "$NERVE" import --no-detect "$T/nodetect.txt"

# options and operands in any order, global options after the command
printf 'Order of options.\n' >"$T/order.txt"
expect 0 "$NERVE" import "$T/order.txt" --no-detect --db "$T/other.db"
expect 0 "$NERVE" --db "$T/other.db" stats
contains "$T/out" "articles: 1 "

finish
