# redetect.sh: nerve detect replaces the detector's suggestions only and
# never suggests again a span the analyst rejected.
. "$TESTLIB"
command -v sqlite3 >/dev/null || skip "the sqlite3 shell is not installed"
db="$NERVE_DB"
q() { sqlite3 "$db" "$1"; }

expect 2 "$NERVE" detect extra
expect 2 "$NERVE" detect --all --article 1
expect 1 "$NERVE" detect
contains "$T/err" "no such database"

expect 0 "$NERVE" import --no-detect "$TESTDATA/detect-report.txt"
expect 0 "$NERVE" detect
contains "$T/out" "articles: 1, suggestions: "
n1=$(q "SELECT count(*) FROM entity WHERE status = 'suggested' AND annotator = 'detector'")
[ "$n1" -gt 3 ] || fail "only $n1 suggestions"
# the same again: the same suggestions, nothing added
expect 0 "$NERVE" detect --article detect-report.txt
n2=$(q "SELECT count(*) FROM entity")
[ "$n2" = "$n1" ] || fail "detecting again gave $n2 entities, not $n1"

# the analyst rejects one suggestion and accepts another
rej=$(q "SELECT start || ',' || \"end\" FROM entity ORDER BY start LIMIT 1")
q "UPDATE entity SET status = 'rejected', origin = 'analyst', annotator = 'tester'
   WHERE id = (SELECT id FROM entity ORDER BY start LIMIT 1)"
q "UPDATE entity SET status = 'accepted', origin = 'analyst', annotator = 'tester'
   WHERE id = (SELECT id FROM entity ORDER BY start DESC LIMIT 1)"
expect 0 "$NERVE" detect --article 1
n3=$(q "SELECT count(*) FROM entity WHERE start || ',' || \"end\" = '$rej'")
[ "$n3" = 1 ] || fail "the rejected span $rej was suggested again ($n3 rows)"
[ "$(q "SELECT status FROM entity WHERE start || ',' || \"end\" = '$rej'")" = rejected ] ||
	fail "the rejected entity changed"
[ "$(q "SELECT count(*) FROM entity WHERE status = 'accepted'")" = 1 ] ||
	fail "the accepted entity was touched"
[ "$(q "SELECT count(*) FROM entity")" = "$n1" ] || fail "entities were lost or added"

# done articles are left alone unless --all
q "UPDATE article SET state = 'done'"
expect 0 "$NERVE" detect
contains "$T/out" "articles: 0, suggestions: 0"
expect 0 "$NERVE" detect --all
contains "$T/out" "articles: 1,"
expect 1 "$NERVE" detect --article no-such-article
contains "$T/err" "no article 'no-such-article'"
# articles that came with annotations: skipped, and said so, unless
# --include-annotated
q "UPDATE article SET state = 'new', annotated = 1"
expect 0 "$NERVE" detect
contains "$T/out" "articles: 0, suggestions: 0"
contains "$T/out" "1 article came with annotations"
contains "$T/out" "--include-annotated"
expect 0 "$NERVE" detect --include-annotated
contains "$T/out" "articles: 1,"
lacks "$T/out" "came with annotations"
expect 0 "$NERVE" detect --help
contains "$T/out" "Usage: nerve detect"
finish
