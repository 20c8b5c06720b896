# learn.sh: the model in the loop from the command line.  import
# --reviewed onto a stored article leaves exactly the file's entities
# accepted and the rest rejected, marks it done and teaches the model (a
# name corrected in one report is suggested right in the next: nerve
# detect); a document whose id names an article of another text is
# refused and changes nothing; a document without an id is matched by
# its text; nerve stats says what was learnt; train --reset gives it up.
# The reports are written for this test.
. "$TESTLIB"
command -v sqlite3 >/dev/null || skip "the sqlite3 shell is not installed"
q() { sqlite3 "$NERVE_DB" "$1"; }

t1="Officials from Brenvik Ostrala said on Tuesday that Tolmir Vashenko would lead the talks in Calvaro. Vashenko, who grew up in Brenvik Ostrala, met the delegation of the Ministry of Water."
t2="Tolmir Vashenko arrived in Calvaro on Friday. Farmers near Brenvik Ostrala said the visit had been planned since March."
t3="The convoy left Calvaro at dawn on Monday and reached Brenvik Ostrala before noon."
printf '{"id": "r1", "text": "%s"}\n{"id": "r2", "text": "%s"}\n{"id": "r3", "text": "%s"}\n' \
	"$t1" "$t2" "$t3" >"$T/plain.jsonl"
expect 0 "$NERVE" import --no-detect "$T/plain.jsonl"
expect 0 "$NERVE" detect --article r2
before=$(q "SELECT type FROM entity e JOIN article a ON a.id = e.article
            WHERE a.ext_id = 'r2' AND substr(a.text, e.start + 1, e.\"end\" - e.start) = 'Brenvik Ostrala'")
[ "$before" != LOC ] || skip "the shipped model knows the place already"

# the reviewed first report: the place is LOC (offsets of the text above)
span() { # TEXT NEEDLE NTH: "start, end" of the NTH (0-based) occurrence
	awk -v t="$1" -v n="$2" -v k="$3" 'BEGIN { p = 0; for (i = 0; i <= k; i++) {
		j = index(substr(t, p + 1), n); p += j } printf "%d, %d", p - 1, p - 1 + length(n) }'
}
cat >"$T/r1.jsonl" <<END
{"id": "r1", "text": "$t1", "entities": [
 {"start": $(span "$t1" "Brenvik Ostrala" 0), "type": "LOC"},
 {"start": $(span "$t1" "Tuesday" 0), "type": "DATE"},
 {"start": $(span "$t1" "Tolmir Vashenko" 0), "type": "PERSON"},
 {"start": $(span "$t1" "Calvaro" 0), "type": "LOC"},
 {"start": $(span "$t1" "Vashenko" 1), "type": "PERSON"},
 {"start": $(span "$t1" "Brenvik Ostrala" 1), "type": "LOC"},
 {"start": $(span "$t1" "Ministry of Water" 0), "type": "ORG"}]}
END
# "start": a, b -> "start": a, "end": b
sed -i 's/"start": \([0-9]*\), \([0-9]*\),/"start": \1, "end": \2,/' "$T/r1.jsonl"
tr -d '\n' <"$T/r1.jsonl" >"$T/r1.one" && echo >>"$T/r1.one"
expect 0 "$NERVE" detect --article r1
expect 0 "$NERVE" --annotator colleague import --reviewed "$T/r1.one"
contains "$T/out" "stored articles reviewed: 1"
[ "$(q "SELECT state, reviewed_by FROM article WHERE ext_id = 'r1'")" = "done|colleague" ] ||
	fail "r1 is not done by colleague"
# exactly the file's entities accepted, everything else rejected
got=$(q "SELECT group_concat(start || '-' || \"end\" || ' ' || type, ',') FROM
         (SELECT * FROM entity WHERE article = 1 AND status = 'accepted' ORDER BY start)")
want=$(sed 's/.*"entities": \[//' "$T/r1.one" | tr '{' '\n' |
	sed -n 's/.*"start": \([0-9]*\), "end": \([0-9]*\), "type": "\([A-Z]*\)".*/\1-\2 \3/p' |
	sort -n | paste -sd, -)
[ "$got" = "$want" ] || fail "accepted: $got, want $want"
[ "$(q "SELECT count(*) FROM entity WHERE article = 1 AND status = 'suggested'")" = 0 ] ||
	fail "suggestions left in the reviewed article"
[ "$(q "SELECT count(*) FROM model_update WHERE active")" = 1 ] || fail "no online update"
# journalled as the colleague's decisions, in one group
[ "$(q "SELECT count(DISTINCT grp) FROM edit WHERE article = 1 AND annotator = 'colleague'
        AND action <> 'import-link'")" = 1 ] || fail "the review is not one journal group"

# the next report learns from it at once
expect 0 "$NERVE" detect --article r2
after=$(q "SELECT type FROM entity e JOIN article a ON a.id = e.article
           WHERE a.ext_id = 'r2' AND substr(a.text, e.start + 1, e.\"end\" - e.start) = 'Brenvik Ostrala'")
[ "$after" = LOC ] || fail "Brenvik Ostrala is '$after' in the next report, not LOC"

# a document whose id names an article of another text: refused, nothing changed
q "SELECT * FROM entity ORDER BY id" >"$T/before"
printf '{"id": "r3", "text": "Another text altogether.", "entities": []}\n' >"$T/other.jsonl"
expect 1 "$NERVE" import --reviewed "$T/other.jsonl"
contains "$T/err" "the id 'r3' names article 3, whose text differs"
q "SELECT * FROM entity ORDER BY id" >"$T/after"
same "$T/before" "$T/after"
[ "$(q "SELECT state FROM article WHERE ext_id = 'r3'")" = new ] || fail "r3 changed"

# without an id, by its text: no entities in the file, so all rejected
expect 0 "$NERVE" detect --article r3
printf '{"text": "%s", "entities": []}\n' "$t3" >"$T/r3.jsonl"
expect 0 "$NERVE" import --reviewed "$T/r3.jsonl"
contains "$T/out" "stored articles reviewed: 1"
[ "$(q "SELECT count(*) FROM entity WHERE article = 3 AND status <> 'rejected'")" = 0 ] ||
	fail "r3 kept entities"

expect 0 "$NERVE" stats
contains "$T/out" "model: the shipped one"
contains "$T/out" "learnt since: from 2 reviewed articles"
contains "$T/out" "memory of decisions:"

# train --reset gives the online updates up with the trained model
expect 0 "$NERVE" train --reset
expect 0 "$NERVE" stats
contains "$T/out" "learnt since: nothing yet"
finish
