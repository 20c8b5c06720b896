# list.sh: the article list: rows, moving, paging, first and last, sort
# orders, the review-state filter, full-text search.
. "$SCREENLIB"

makedb "$TESTDATA/browse/browse.jsonl" "$DATADIR"/samples/centcom-*.txt \
	--state done "$DATADIR"/samples/us-state-department-*.txt \
	--state in_progress "$TESTDATA/browse/untitled.txt"
cat >"$T/keys" <<END
:screen $T/list-start.screen
j
j
:screen --attrs $T/list-moved.screen
<Space>
:screen $T/list-page.screen
G
j
:screen $T/list-last.screen
-
k
:screen $T/list-back.screen
g
k
:screen $T/list-first.screen
s
:screen $T/list-sort-date.screen
s
s
:screen $T/list-sort-left.screen
s
s
F
F
F
:screen $T/list-filter-done.screen
F
/
Mosul
<Enter>
:screen --attrs $T/list-search.screen
n
n
N
:screen --attrs $T/list-search-next.screen
/
nothing-like-this
<Enter>
:screen $T/list-search-none.screen
:goto 30
:screen $T/list-goto.screen
x
:screen $T/list-unbound.screen
END
browse 80x24 "$T/keys"
for s in start moved page last back first sort-date sort-left filter-done search \
	search-next search-none goto unbound; do
	screen "list-$s"
done
finish
