# export.sh: :export writes what `nerve export` writes, through the same
# operation, in the format asked for, and says why when it cannot.
. "$SCREENLIB"

export NO_COLOR=1
makedb "$TESTDATA/browse/browse.jsonl"
cat >"$T/keys" <<END
:export $T/tui.csv
:screen $T/csv.screen
:export --format jsonl $T/tui.jsonl
:export --format yaml $T/tui.yaml
:screen $T/unknown.screen
:export
:screen $T/nofile.screen
:export $T/no/such/dir/x.csv
:screen $T/baddir.screen
END
browse 80x24 "$T/keys"
"$NERVE" export -o "$T/cli-accepted.csv" || fail "nerve export failed"
"$NERVE" export --format jsonl -o "$T/cli-accepted.jsonl" || fail "nerve export --format jsonl failed"
same "$T/tui.csv" "$T/cli-accepted.csv"
[ "$(rows "$T/tui.csv")" -gt 1 ] || fail "the CSV export has no entity rows"
same "$T/tui.jsonl" "$T/cli-accepted.jsonl"
contains "$T/csv.screen" "exported to $T/tui.csv"
contains "$T/unknown.screen" "unknown format 'yaml'"
[ -e "$T/tui.yaml" ] && fail ":export wrote a file in an unknown format"
contains "$T/nofile.screen" "export takes a file"
contains "$T/baddir.screen" "$T/no/such/dir"
finish
