# review.sh: the review flow: options (:set), auto-advance after a
# decision, J and K to the suggestions still to decide, the message when
# none is left, R showing rejected entities, D asking about undecided
# suggestions and opening the next article in the list's order (its
# first suggestion focused; with a filter, the next one the filter
# shows), A asking above confirm-threshold, and :open ID.  At 80x24 and 40x12, without colour (the markup shows what is
# what).
. "$SCREENLIB"

export NO_COLOR=1
for size in 80x24 40x12; do
	rm -f "$NERVE_DB" "$NERVE_DB-wal" "$NERVE_DB-shm"
	makedb "$TESTDATA/edit/edit.jsonl" --state done "$TESTDATA/edit/done.jsonl"
	cat >"$T/keys" <<END
:set
:screen $T/review-set-$size.screen
:set auto-advance maybe
:screen $T/review-set-bad-$size.screen
:set no-such-option on
:screen $T/review-set-unknown-$size.screen
:set confirm-threshold
:screen $T/review-set-show-$size.screen
<Enter>
a
:screen $T/review-advance-$size.screen
x
J
:screen $T/review-next-$size.screen
K
K
:screen $T/review-prev-wrap-$size.screen
R
:screen $T/review-rejected-$size.screen
R
A
J
:screen $T/review-none-left-$size.screen
D
:screen $T/review-done-next-$size.screen
D
:screen $T/review-question-$size.screen
<Esc>
:screen $T/review-not-done-$size.screen
D
x
:screen $T/review-done-rejecting-$size.screen
q
s
s
:goto 3
<Enter>
D
a
:screen $T/review-done-title-order-$size.screen
:open last
:screen $T/review-open-$size.screen
J
a
a
a
:screen $T/review-last-decided-$size.screen
:open no-such-id
:screen $T/review-open-unknown-$size.screen
:set confirm-threshold 2
:open repeat
A
:screen $T/review-confirm-$size.screen
<Esc>
:screen $T/review-confirm-no-$size.screen
A
a
:screen $T/review-confirm-yes-$size.screen
:set auto-advance off
:set show-rejected on
:open edges
<Tab>
:screen $T/review-manual-rejected-$size.screen
a
:screen $T/review-manual-$size.screen
q
F
F
:screen $T/review-filter-$size.screen
:goto 1
<Enter>
D
:screen $T/review-done-filter-$size.screen
END
	browse "$size" "$T/keys"
	for s in set set-bad set-unknown set-show advance next prev-wrap rejected none-left \
		done-next question not-done done-rejecting done-title-order open last-decided \
		open-unknown confirm confirm-no confirm-yes \
		manual-rejected manual filter done-filter; do
		screen "review-$s-$size"
	done
done
dbstate review
finish
