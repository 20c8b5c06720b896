# types.sh: nerve types (list, add, rename, colour, key), nerve stats and
# nerve backup.
. "$TESTLIB"

expect 0 "$NERVE" types --help
contains "$T/out" "Usage: nerve types"
expect 0 "$NERVE" stats --help
contains "$T/out" "Usage: nerve stats"
expect 1 "$NERVE" types
contains "$T/err" "no such database"

expect 0 "$NERVE" import "$TESTDATA/annotated.jsonl"
expect 0 "$NERVE" types
contains "$T/out" "1   PERSON           cyan     people"
contains "$T/out" "7   TITLE            208      ranks and offices"
contains "$T/out" "8   MISC "
expect 0 "$NERVE" types list

expect 0 "$NERVE" types add WEAPON --colour red --description "arms and munitions"
expect 0 "$NERVE" types
contains "$T/out" "-   WEAPON           red      arms and munitions"
expect 1 "$NERVE" types add WEAPON
contains "$T/err" "the type WEAPON exists already"
expect 0 "$NERVE" types --names
[ "$(head -n 1 "$T/out")" = PERSON ] || fail "types --names: $(head -n 3 "$T/out")"
contains "$T/out" "WEAPON"
lacks "$T/out" "colour"
expect 2 "$NERVE" types add X --names
contains "$T/err" "--names goes with listing"
expect 0 "$NERVE" types add VEHICLE --key 9
expect 0 "$NERVE" types
grep -q '^9   VEHICLE  ' "$T/out" || fail "VEHICLE did not get key 9: $(cat "$T/out")"
expect 2 "$NERVE" types add X --colour mauve
contains "$T/err" "'mauve' is not a colour"
expect 2 "$NERVE" types add X --key 10
contains "$T/err" "'10' is not a key"
expect 2 "$NERVE" types add
expect 2 "$NERVE" types frobnicate
contains "$T/err" "unknown types command 'frobnicate'"
expect 2 "$NERVE" types rename ONLYONE
expect 2 "$NERVE" types rename A B --key 3

# rename: the entities follow; case matters
expect 0 "$NERVE" types rename PERSON PER
expect 0 "$NERVE" export --type PER
contains "$T/out" ",Zakir Hasanov,PER,accepted,"
expect 1 "$NERVE" types rename PER LOC
contains "$T/err" "the type LOC exists already"
expect 1 "$NERVE" types rename NOPE X
contains "$T/err" "no entity type NOPE"
expect 0 "$NERVE" types rename PER person
expect 0 "$NERVE" types
contains "$T/out" "1   person "

# colour and key
expect 0 "$NERVE" types colour WEAPON 196
expect 0 "$NERVE" types key WEAPON 3
contains "$T/out" "key 3 moved from LOC to WEAPON"
expect 0 "$NERVE" types
contains "$T/out" "3   WEAPON           196      arms and munitions"
contains "$T/out" "-   LOC "
expect 0 "$NERVE" types key WEAPON none
expect 2 "$NERVE" types colour WEAPON 300
expect 1 "$NERVE" types colour NOPE red
expect 2 "$NERVE" types key WEAPON x

# stats: articles by state, entities by type and status
expect 0 "$NERVE" stats
contains "$T/out" "articles: 4 (new 4, in progress 0, done 0)"
contains "$T/out" "entities: 13"
contains "$T/out" "  person                    2          2          0"
contains "$T/out" "  DATE                      0          0          1"
contains "$T/out" "  all                      10          2          1"
expect 0 "$NERVE" --db "$T/done.db" import --reviewed "$TESTDATA/reports"
expect 0 "$NERVE" --db "$T/done.db" stats
contains "$T/out" "articles: 2 (new 0, in progress 0, done 2)"
expect 2 "$NERVE" stats extra

# backup: an online copy that opens as a nerve database
expect 0 "$NERVE" backup "$T/copy.db"
expect 0 "$NERVE" --db "$T/copy.db" stats
contains "$T/out" "articles: 4 (new 4"
expect 1 "$NERVE" backup "$T/no/such/dir/copy.db"
expect 2 "$NERVE" backup
expect 2 "$NERVE" backup a b

finish
