# edit-propagate.sh: * applies the focused decision to every other
# occurrence of the same text on word boundaries, inside hyphenated
# compounds too ("Baku-Tbilisi"; not inside "Bakunin", not where another
# entity overlaps, not another case) and says how many it changed; a rejection spreads from
# the rejected entity under the cursor; undo and redo take it back and
# bring it again as one step.
. "$SCREENLIB"
# these keys decide one entity at a time: auto-advance (tests/screen/review.sh) is off

makedb "$TESTDATA/edit/edit.jsonl"
cat >"$T/keys" <<END
:set auto-advance off
j
j
<Enter>
:screen --attrs $T/propagate-before.screen
*
:screen --attrs $T/propagate-accept.screen
*
:screen $T/propagate-again.screen
u
:screen --attrs $T/propagate-undo.screen
<C-r>
:screen --attrs $T/propagate-redo.screen
<C-r>
:screen $T/propagate-redo-nothing.screen
q
j
<Enter>
x
*
:screen --attrs $T/propagate-reject.screen
<Tab>
<Tab>
*
:screen $T/propagate-single.screen
l
l
*
:screen $T/propagate-nofocus.screen
END
browse 80x24 "$T/keys"
for s in before accept again undo redo redo-nothing reject single nofocus; do
	screen "propagate-$s"
done
dbstate propagate
finish
