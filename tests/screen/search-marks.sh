# search-marks.sh: in an article, n and N say which match of how many
# the cursor is on, a match is drawn reversed (not like an entity: bold,
# underlined or dim), Esc clears the search's highlight, and the status
# bar tells how far down the text the screen is.  At 80x24 and 40x12,
# without colour.
. "$SCREENLIB"

makedb "$TESTDATA/browse/browse.jsonl"
export NO_COLOR=1
for size in 80x24 40x12; do
	cat >"$T/keys" <<END
<Enter>
:screen $T/marks-top-$size.screen
/
Azerbaijan
<Enter>
n
:screen --attrs $T/marks-match-$size.screen
N
N
:screen $T/marks-back-$size.screen
<Esc>
:screen --attrs $T/marks-cleared-$size.screen
G
:screen $T/marks-end-$size.screen
END
	browse "$size" "$T/keys"
	for s in top match back cleared end; do
		screen "marks-$s-$size"
	done
done
finish
