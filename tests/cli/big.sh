# big.sh: a 50 MB report on a single line is imported whole, with a title
# from its first sentence, and exported again unchanged; a 3 MB one goes
# through detection (in pieces) with every suggestion on the right text.
. "$TESTLIB"

size=$((50 * 1024 * 1024))
sentence=$(printf 'Zakir Hasanov met T\303\274rkiye officials in Baku.')
yes "$sentence" | head -c "$size" | tr '\n' ' ' >"$T/big.txt"
[ "$(wc -l <"$T/big.txt")" = 0 ] || fail "the generated file has line ends"
[ "$(wc -c <"$T/big.txt")" = "$size" ] || fail "the generated file is not $size bytes"

expect 0 "$NERVE" import --no-detect "$T/big.txt"
contains "$T/out" "imported: 1, duplicates: 0, failed: 0"
expect 0 "$NERVE" export --format jsonl -o "$T/big.jsonl"
head=$(printf '{"id":"big.txt","title":"%s","text":"' "$sentence")
tail='","entities":[]}'
contains "$T/big.jsonl" "$head$sentence $sentence"
# the text comes back whole (nothing in it needs escaping in JSON)
want=$(( $(printf %s "$head" | wc -c) + size + ${#tail} + 1 ))
[ "$(wc -c <"$T/big.jsonl")" = "$want" ] || fail "export of the big report: $(wc -c <"$T/big.jsonl") bytes, want $want"
# and again: a duplicate
expect 0 "$NERVE" import --no-detect "$T/big.txt"
contains "$T/out" "duplicates: 1"

# Detection on one long line: suggestions all over it, each on one of the
# sentence's names (offsets shifted right from piece to piece).
yes "$sentence" | head -c $((3 * 1024 * 1024)) | tr '\n' ' ' >"$T/long.txt"
expect 0 "$NERVE" --db "$T/long.db" import "$T/long.txt"
contains "$T/out" "suggestions: "
expect 0 "$NERVE" --db "$T/long.db" export --status suggested -o "$T/long.csv"
rows=$(($(wc -l <"$T/long.csv") - 1))
[ "$rows" -gt 100000 ] || fail "only $rows suggestions in the long report"
cut -d, -f6 "$T/long.csv" | tail -n +2 | tr -d '\r' | sort -u >"$T/texts"
printf 'Baku\nHasanov\nT\303\274rkiye\nZakir Hasanov\n' >"$T/allowed"
extra=$(comm -23 "$T/texts" "$T/allowed")
starts=$(cut -d, -f4 "$T/long.csv" | tail -n +2 | sort -u | wc -l)
[ "$starts" = "$rows" ] || fail "$rows suggestions but only $starts different starts"
last=$(cut -d, -f4 "$T/long.csv" | tail -n +2 | sort -n | tail -n 1)
[ "$last" -gt 3000000 ] || fail "no suggestion near the end of the long report (last at $last)"
[ -z "$extra" ] || fail "suggestions on other text: $(echo "$extra" | head -5)"

finish
