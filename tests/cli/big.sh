# big.sh: a 50 MB report on a single line is imported whole, with a title
# from its first sentence, and exported again unchanged.
. "$TESTLIB"

size=$((50 * 1024 * 1024))
sentence=$(printf 'Zakir Hasanov met T\303\274rkiye officials in Baku.')
yes "$sentence" | head -c "$size" | tr '\n' ' ' >"$T/big.txt"
[ "$(wc -l <"$T/big.txt")" = 0 ] || fail "the generated file has line ends"
[ "$(wc -c <"$T/big.txt")" = "$size" ] || fail "the generated file is not $size bytes"

expect 0 "$NERVE" import "$T/big.txt"
contains "$T/out" "imported: 1, duplicates: 0, failed: 0"
expect 0 "$NERVE" export --format jsonl -o "$T/big.jsonl"
head=$(printf '{"id":"big.txt","title":"%s","text":"' "$sentence")
tail='","entities":[]}'
contains "$T/big.jsonl" "$head$sentence $sentence"
# the text comes back whole (nothing in it needs escaping in JSON)
want=$(( $(printf %s "$head" | wc -c) + size + ${#tail} + 1 ))
[ "$(wc -c <"$T/big.jsonl")" = "$want" ] || fail "export of the big report: $(wc -c <"$T/big.jsonl") bytes, want $want"
# and again: a duplicate
expect 0 "$NERVE" import "$T/big.txt"
contains "$T/out" "duplicates: 1"

finish
