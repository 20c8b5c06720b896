# progress.sh: long jobs show a progress line on a terminal (a percentage
# when the total is known, a count otherwise) and nothing when standard
# error is not a terminal.  The terminal is script(1)'s pseudo-terminal.
. "$TESTLIB"

# a few hundred reports in one JSON Lines file
i=0
while [ $i -lt 300 ]; do
	printf '{"id": "r%d", "text": "Report %d. Colonel General Zakir Hasanov met Ana Silva in Baku on May %d."}\n' \
		$i $i $((i % 28 + 1))
	i=$((i + 1))
done >"$T/many.jsonl"

# not a terminal: no progress at all
expect 0 "$NERVE" import "$T/many.jsonl"
[ -s "$T/err" ] && fail "import wrote to a stderr that is no terminal: $(head -c 300 "$T/err")"
expect 0 "$NERVE" detect --all
[ -s "$T/err" ] && fail "detect wrote to a stderr that is no terminal: $(head -c 300 "$T/err")"
expect 0 "$NERVE" export -o "$T/all.csv"
[ -s "$T/err" ] && fail "export wrote to a stderr that is no terminal: $(head -c 300 "$T/err")"
expect 0 "$NERVE" backup "$T/copy.db"
[ -s "$T/err" ] && fail "backup wrote to a stderr that is no terminal: $(head -c 300 "$T/err")"

command -v script >/dev/null || skip "no script(1) for a terminal"
# onterm FILE CMD...: run CMD with a terminal as its standard error (and
# output), what it wrote in FILE
onterm() {
	out=$1; shift
	cmd=
	for a in "$@"; do cmd="$cmd '$a'"; done
	script -qec "$cmd" /dev/null </dev/null >"$out" 2>&1
}
rm -f "$NERVE_DB"*
onterm "$T/term" "$NERVE" import "$T/many.jsonl"
contains "$T/term" "nerve: importing: "
contains "$T/term" "% ("
contains "$T/term" "B)"
contains "$T/term" "imported: 300"
onterm "$T/term" "$NERVE" detect --all
contains "$T/term" "nerve: detecting: "
contains "$T/term" " of 300 articles)"
onterm "$T/term" "$NERVE" export -o "$T/all2.csv"
contains "$T/term" "nerve: exporting: "
contains "$T/term" "B"
same "$T/all.csv" "$T/all2.csv"
# and then what it wrote: articles, entities, the file
onterm "$T/term" "$NERVE" export --format jsonl --status all -o "$T/all.jsonl"
n=$(grep -o '"start":' "$T/all.jsonl" | wc -l | tr -d ' ')
[ "$n" -gt 0 ] || fail "no entities in the JSON Lines export"
contains "$T/term" "nerve: wrote $T/all.jsonl: articles: 300, entities: $n"
onterm "$T/term" "$NERVE" export --status all --article r7 -o "$T/one.csv"
contains "$T/term" "nerve: wrote $T/one.csv: articles: 1, entities: $(($(wc -l <"$T/one.csv") - 1))"
onterm "$T/term" "$NERVE" backup "$T/copy2.db"
contains "$T/term" "nerve: backing up: 100% ("
contains "$T/term" " pages)"
# standard input: no total, so a count of the reports
rm -f "$NERVE_DB"*
onterm "$T/term" sh -c "\"$NERVE\" import --no-detect - < \"$T/many.jsonl\""
contains "$T/term" "nerve: importing: "
contains "$T/term" " reports"
lacks "$T/term" "% ("
finish
