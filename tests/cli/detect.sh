# detect.sh: nerve eval and nerve train on a small hand-checked gold file.
. "$TESTLIB"

gold="$TESTDATA/eval-gold.jsonl"
map="$TESTDATA/eval-map.json"

# the shipped model: a table with every type and ALL
expect 0 "$NERVE" eval --map "$map" "$gold"
contains "$T/out" "ALL"
contains "$T/out" "PERSON"
expect 0 "$NERVE" eval --json --types PERSON,LOC --map "$map" "$gold"
contains "$T/out" '"exact": {"LOC": {'
contains "$T/out" '"overlap": {"LOC": {'
grep -q '"ORG"' "$T/out" && fail "--types did not limit the types"
# --errors lists the differences
expect 0 "$NERVE" eval --map "$map" --errors "$T/errors.tsv" "$gold"
[ -f "$T/errors.tsv" ] || fail "--errors wrote nothing"

# training on the gold alone: the model learns it, and is used from then on
expect 0 "$NERVE" train --only --epochs 10 --map "$map" "$gold"
contains "$T/out" "model 1: trained on"
expect 0 "$NERVE" eval --json --map "$map" --types PERSON,ORG,LOC,DATE "$gold"
contains "$T/out" '"ALL": {"p": 1.0000, "r": 1.0000, "f1": 1.0000, "tp": 20, "pred": 20, "gold": 20}'
# without the map the dataset's types are the gold's: nothing matches
expect 0 "$NERVE" eval --json "$gold"
contains "$T/out" '"per": {"p": 0.0000'
contains "$T/out" '"money": {'
# --reset goes back to the shipped model
expect 0 "$NERVE" train --reset
expect 0 "$NERVE" eval --map "$map" "$gold"
# a model file instead of the database
expect 0 "$NERVE" train --only --epochs 2 --map "$map" --output "$T/m.model" "$gold"
[ -s "$T/m.model" ] || fail "--output wrote no model"

# misuse and bad input
expect 2 "$NERVE" eval
contains "$T/err" "eval takes one GOLD file"
expect 2 "$NERVE" eval --frobnicate "$gold"
expect 1 "$NERVE" eval "$T/missing.jsonl"
contains "$T/err" "missing.jsonl"
printf '{"text": "a"}\nnot json\n' >"$T/bad.jsonl"
expect 1 "$NERVE" eval "$T/bad.jsonl"
contains "$T/err" "bad.jsonl:2"
printf '{"per": 3}' >"$T/badmap.json"
expect 1 "$NERVE" eval --map "$T/badmap.json" "$gold"
expect 2 "$NERVE" train --only
contains "$T/err" "--only needs gold files"
expect 2 "$NERVE" train --reset "$gold"
expect 2 "$NERVE" train --epochs 0 "$gold"
expect 2 "$NERVE" train --weight -1 "$gold"
expect 1 "$NERVE" train --only "$T/missing.jsonl"
expect 0 "$NERVE" eval --help
contains "$T/out" "Usage: nerve eval"
expect 0 "$NERVE" train --help
contains "$T/out" "Usage: nerve train"

# a data directory without a model
NERVE_DATADIR="$T/nodata" expect 1 "$NERVE" eval "$gold"
contains "$T/err" "nodata/model/nerve.model"

finish
