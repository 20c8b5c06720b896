# edit-article.sh: the article as a whole: A accepts every suggestion
# left, D marks it done (asking first what to do with the suggestions
# still undecided: here a accepts them) and opens the next one still to
# review in the list's order (skipping
# done ones, the list's cursor following, and saying so when none is
# left); u and C-r undo and redo across articles, going to the article
# of the decision (from the list too), and across restarts (a second
# nerve on the same database undoes what the first did).
. "$SCREENLIB"

makedb "$TESTDATA/edit/edit.jsonl" --state done "$TESTDATA/edit/done.jsonl"
cat >"$T/keys" <<END
<Enter>
A
:screen --attrs $T/article-accept-all.screen
A
:screen $T/article-accept-all-again.screen
D
:screen --attrs $T/article-done-next.screen
D
a
D
a
<Tab>
x
D
:screen $T/article-done-question.screen
a
:screen $T/article-done-last.screen
D
a
:screen $T/article-done-wrap.screen
q
:screen $T/article-done-list.screen
<Enter>
u
:screen $T/article-undo-done.screen
u
:screen $T/article-undo-other.screen
u
:screen $T/article-undo-reject.screen
<C-r>
:screen $T/article-redo.screen
END
browse 80x24 "$T/keys"
for s in accept-all accept-all-again done-next done-question done-last done-wrap done-list undo-done \
	undo-other undo-reject redo; do
	screen "article-$s"
done
dbstate article-first
# a second session: undo reaches back into the first one's decisions
cat >"$T/keys" <<END
:screen $T/article-restart-list.screen
u
:screen $T/article-restart-undo-list.screen
u
:screen $T/article-restart-undo.screen
u
u
u
:screen $T/article-restart-undo-all.screen
u
:screen $T/article-restart-nothing.screen
<C-r>
:screen $T/article-restart-redo.screen
END
browse 80x24 "$T/keys"
for s in list undo-list undo undo-all nothing redo; do
	screen "article-restart-$s"
done
dbstate article-second
# Every article done: D says so and stays.
rm -f "$NERVE_DB" "$NERVE_DB-wal" "$NERVE_DB-shm"
makedb --state done "$TESTDATA/edit/edit.jsonl"
printf '<Enter>\nD\n:screen %s\n' "$T/article-all-done.screen" >"$T/keys"
browse 80x24 "$T/keys"
screen article-all-done
finish
