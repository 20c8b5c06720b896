# corpus.sh: & applies the focused decision in every article not done,
# with the count shown, asking first above confirm-threshold, as one undo
# step.  At 80x24 and 40x12, without colour.
. "$SCREENLIB"

export NO_COLOR=1
for size in 80x24 40x12; do
	rm -f "$NERVE_DB" "$NERVE_DB-wal" "$NERVE_DB-shm"
	makedb "$TESTDATA/edit/edit.jsonl" --state done "$TESTDATA/edit/done.jsonl"
	cat >"$T/keys" <<END
:set auto-advance off
:set confirm-threshold 3
:open repeat
&
:screen $T/corpus-ask-$size.screen
<Esc>
:screen $T/corpus-no-$size.screen
&
a
:screen $T/corpus-yes-$size.screen
q
:screen $T/corpus-list-$size.screen
u
:screen $T/corpus-undo-$size.screen
:set confirm-threshold 20
:open repeat
&
:screen $T/corpus-below-threshold-$size.screen
END
	browse "$size" "$T/keys"
	for s in ask no yes list undo below-threshold; do
		screen "corpus-$s-$size"
	done
done
dbstate corpus
finish
