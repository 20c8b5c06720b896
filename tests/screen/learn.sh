# learn.sh: the model in the loop in the browser: D teaches the model at
# once (an online update stored with the done mark), the next article
# opened is detected again by the model as it is now, :detect makes the
# article's suggestions again, :train retrains (progress on the message
# line) and the browser goes on with the new model, the list sorts by
# uncertainty.  A data directory of its own, with the test lists and a
# small training set written for this test, keeps :train short.
. "$SCREENLIB"
command -v sqlite3 >/dev/null || skip "the sqlite3 shell is not installed"
q() { sqlite3 "$NERVE_DB" "$1"; }

data=$T/data
mkdir -p "$data/train" "$data/model"
ln -s "$TESTDATA/gazetteer" "$data/gazetteer"
for i in 1 2 3 4 5 6; do
	echo '{"id": "t'$i'", "text": "Tolmir Vashenko met officials of the Ministry of Water in Calvaro on Tuesday.", "entities": [{"start": 0, "end": 15, "type": "PERSON"}, {"start": 37, "end": 54, "type": "ORG"}, {"start": 58, "end": 65, "type": "LOC"}, {"start": 69, "end": 76, "type": "DATE"}]}'
done >"$data/train/tiny.jsonl"
export NERVE_DATADIR=$data
# the shipped model of this data directory, trained on the same set
expect 0 "$NERVE" train --output "$data/model/nerve.model" --only "$data/train/tiny.jsonl"

t1="Tolmir Vashenko met officials of the Ministry of Water in Calvaro on Tuesday."
t2="Officials in Calvaro said on Friday that Tolmir Vashenko had left the Ministry of Water."
printf '{"id": "r1", "text": "%s"}\n{"id": "r2", "text": "%s"}\n' "$t1" "$t2" >"$T/plain.jsonl"
expect 0 "$NERVE" import --no-detect "$T/plain.jsonl"

cat >"$T/keys" <<END
<Enter>
:detect
:screen $T/learn-detect.screen
A
D
:screen $T/learn-done.screen
:train
:screen $T/learn-train.screen
q
s
s
s
s
:screen $T/learn-sort.screen
END
browse 80x24 "$T/keys"
contains "$T/learn-detect.screen" "suggestions (the model of generation"
# D learnt: one update, with the done mark's journal group
[ "$(q "SELECT count(*) FROM model_update u JOIN edit e ON e.grp = u.grp AND e.action = 'done'
        WHERE u.active")" = 1 ] || fail "no online update with the done mark"
# the next article opened was detected by the model as it was then
[ "$(q "SELECT detected_gen > 1 FROM article WHERE ext_id = 'r2'")" = 1 ] ||
	fail "the next article was not detected again"
contains "$T/learn-train.screen" "in use: trained on"
[ "$(q "SELECT count(*) FROM model WHERE active")" = 1 ] || fail "no trained model in use"
# the retrain folded the online update in
[ "$(q "SELECT count(*) FROM model_update WHERE base >= 0")" = 0 ] || fail "updates not folded"
contains "$T/learn-sort.screen" "uncertain"
finish
