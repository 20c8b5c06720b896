# entities.sh: nerve entities — referents linked on import by the rules
# of src/edit/link.h, listed as CSV and JSON Lines.
. "$TESTLIB"

expect 0 "$NERVE" entities --help
contains "$T/out" "Usage: nerve entities"
expect 1 "$NERVE" entities
contains "$T/err" "no such database"

# three reports written for this test (tests/data/README)
expect 0 "$NERVE" import "$TESTDATA/entities/linked.jsonl"
expect 0 "$NERVE" entities
head -n 1 "$T/out" | grep -q "^referent_id,type,name,ambiguous,mentions,n_articles,accepted,suggested,rejected,variants,articles$(printf '\r')\$" ||
	fail "bad header: $(head -n 1 "$T/out")"
cp "$T/out" "$T/all.csv"
# a full name, its initial form and its surname in one report, and the
# surname alone in another (the only Voskanyan there is)
contains "$T/all.csv" ",PERSON,Mirela Voskanyan,0,4,2,4,0,0,M. Voskanyan | Mirela Voskanyan | Voskanyan,e1 | e2"
# the same place in three reports, folded; accepted and suggested counted
contains "$T/all.csv" ",LOC,Talvik,0,3,3,2,1,0,TALVIK | Talvik,e1 | e2 | e3"
# an acronym joins its expansion in its report
contains "$T/all.csv" ",ORG,Northern Water Authority,0,2,1,2,0,0,NWA | Northern Water Authority,e1"
# two people with one surname: each their own, the surname alone neither's
contains "$T/all.csv" ",PERSON,Tomas Brandt,"
contains "$T/all.csv" ",PERSON,Ilse Brandt,"
lacks "$T/all.csv" ",Brandt,"
# "the Ministry" is left alone
lacks "$T/all.csv" "Ministry"
# formula guard, and without it
contains "$T/all.csv" ",ORG,'+Plus Group,"
expect 0 "$NERVE" entities --no-formula-guard
contains "$T/out" ",ORG,+Plus Group,"
# most mentioned first
sed -n 2p "$T/all.csv" | grep -q "Mirela Voskanyan" || fail "not most mentioned first: $(sed -n 2p "$T/all.csv")"

# --type, a comma list
expect 0 "$NERVE" entities --type LOC,ORG
lacks "$T/out" "PERSON"
contains "$T/out" "Talvik"
expect 0 "$NERVE" entities -t PERSON
lacks "$T/out" "Talvik"
expect 1 "$NERVE" entities --type NOSUCH
contains "$T/err" "no entity type 'NOSUCH'"

# JSON Lines: one object per referent
expect 0 "$NERVE" entities --format jsonl
[ "$(rows "$T/out")" = "$(($(rows "$T/all.csv") - 1))" ] || fail "jsonl rows: $(cat "$T/out")"
contains "$T/out" '"type":"PERSON","name":"Mirela Voskanyan","ambiguous":false,"mentions":4,"n_articles":2,"accepted":4,"suggested":0,"rejected":0,"variants":["M. Voskanyan","Mirela Voskanyan","Voskanyan"],"articles":["e1","e2"]}'
grep -q '^{"referent_id":[0-9]*,' "$T/out" || fail "no referent_id: $(head -n 1 "$T/out")"
cp "$T/out" "$T/all.jsonl"

# -o writes the same, whole
expect 0 "$NERVE" entities -f jsonl -o "$T/file.jsonl"
same "$T/file.jsonl" "$T/all.jsonl"
[ -s "$T/out" ] && fail "-o also wrote to standard output"
expect 1 "$NERVE" entities -o "$T/no/such/dir/x.csv"
contains "$T/err" "x.csv"

# misuse
expect 2 "$NERVE" entities --format xml
contains "$T/err" "--format takes csv or jsonl"
expect 2 "$NERVE" entities extra
expect 2 "$NERVE" entities --frob

# an import that names referents restores those links, and links nothing
# on top: two names the rules keep apart are one referent here, and the
# mention without a referent stays unlinked
printf '%s\n' '{"id": "n1", "text": "Orsk Tools and Kessel Works merged. Kessel Works said so.", "entities": [{"start": 0, "end": 10, "type": "ORG", "referent": "Orsk Tools"}, {"start": 15, "end": 27, "type": "ORG", "referent": "Orsk Tools"}, {"start": 36, "end": 48, "type": "ORG"}]}' >"$T/named.jsonl"
expect 0 "$NERVE" --db "$T/named.db" import "$T/named.jsonl"
expect 0 "$NERVE" --db "$T/named.db" entities
contains "$T/out" ",ORG,Orsk Tools,0,2,1,0,2,0,Kessel Works | Orsk Tools,n1"
[ "$(rows "$T/out")" = 2 ] || fail "the mention without a referent was linked: $(cat "$T/out")"
# a JSON Lines export carries the links; imported again, they come back
expect 0 "$NERVE" --db "$T/named.db" export --format jsonl --status all -o "$T/named-out.jsonl"
contains "$T/named-out.jsonl" '"referent":"Orsk Tools"'
expect 0 "$NERVE" --db "$T/named2.db" import "$T/named-out.jsonl"
expect 0 "$NERVE" --db "$T/named2.db" entities
contains "$T/out" ",ORG,Orsk Tools,0,2,1,0,2,0,Kessel Works | Orsk Tools,n1"

# a CSV with referent names applied onto the same article restores its
# links there; a row with an empty referent cell keeps the link it has
printf '%s\n' '{"id": "n1", "text": "Orsk Tools and Kessel Works merged. Kessel Works said so.", "entities": [{"start": 0, "end": 10, "type": "ORG"}, {"start": 15, "end": 27, "type": "ORG"}, {"start": 36, "end": 48, "type": "ORG"}]}' >"$T/plain.jsonl"
expect 0 "$NERVE" --db "$T/named3.db" import "$T/plain.jsonl"
expect 0 "$NERVE" --db "$T/named3.db" entities
contains "$T/out" ",ORG,Kessel Works,0,2,1,0,2,0,Kessel Works,n1"
expect 0 "$NERVE" --db "$T/named.db" export --status all -o "$T/named.csv"
contains "$T/named.csv" ",Orsk Tools$(printf '\r')"
expect 0 "$NERVE" --db "$T/named3.db" import "$T/named.csv"
expect 0 "$NERVE" --db "$T/named3.db" entities
contains "$T/out" ",ORG,Orsk Tools,0,2,1,0,2,0,Kessel Works | Orsk Tools,n1"
contains "$T/out" ",ORG,Kessel Works,0,1,1,0,1,0,Kessel Works,n1"
expect 0 "$DBCHECK" "$T/named3.db"

# the import's links are in the journal, which agrees with the tables
expect 0 "$DBCHECK" "$NERVE_DB"
finish
