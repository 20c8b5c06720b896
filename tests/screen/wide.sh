# wide.sh: wide CJK characters and combining marks in the list and the
# article view, at 80 and 40 columns: columns right, entities on them.
. "$SCREENLIB"

makedb "$TESTDATA/browse/browse.jsonl"
for size in 80x24 40x12; do
	cat >"$T/keys" <<END
j
:screen $T/wide-list-$size.screen
<Enter>
:screen --attrs $T/wide-cjk-$size.screen
<Tab>
<Tab>
l
:screen --attrs $T/wide-cjk-tab-$size.screen
q
j
<Enter>
:screen --attrs $T/wide-marks-$size.screen
l
l
l
l
:screen --attrs $T/wide-marks-cursor-$size.screen
END
	browse "$size" "$T/keys"
	for s in list cjk cjk-tab marks marks-cursor; do
		screen "wide-$s-$size"
	done
done
finish
