# entities.sh: the entity view — referents listed, sorted and filtered,
# a referent's mentions in context, Enter opening the article at the
# mention, e coming back to its referent, decisions for every undecided
# mention at once (undone in one step), merge and split.
. "$SCREENLIB"

expect 0 "$NERVE" import "$TESTDATA/entities/linked.jsonl"
cat >"$T/keys" <<END
E
:screen --attrs $T/entities-list.screen
s
:screen $T/entities-sorted.screen
s
s
s
F
:screen $T/entities-person.screen
F
F
F
F
F
F
F
F
/
Talvik
<Enter>
:screen $T/entities-search.screen
<Enter>
:screen --attrs $T/entities-mentions.screen
j
j
<Enter>
:screen $T/entities-article.screen
e
:screen $T/entities-back.screen
a
:screen $T/entities-accept.screen
u
:screen $T/entities-undo.screen
q
q
:entities
m
j
M
:screen $T/entities-merge-refused.screen
m
j
j
m
k
M
:screen $T/entities-merge.screen
u
:screen $T/entities-merge-undone.screen
<Enter>
j
S
:screen $T/entities-split.screen
q
q
q
END
browse 80x24 "$T/keys"
for s in list sorted person search mentions article back accept undo merge-refused merge merge-undone split; do
	screen "entities-$s"
done
# the journal agrees with the tables after it all
expect 0 "$DBCHECK" "$NERVE_DB"
finish
