# outline.sh: o lists the article's entities over the text (mark, type,
# text, the focused one chosen); j and k move, Enter goes to one in the
# text, q closes.  At 80x24 and 40x12, without colour.
. "$SCREENLIB"

makedb "$TESTDATA/browse/browse.jsonl"
export NO_COLOR=1
for size in 80x24 40x12; do
	cat >"$T/keys" <<END
<Enter>
o
:screen $T/outline-open-$size.screen
j
j
j
:screen $T/outline-moved-$size.screen
<Enter>
:screen $T/outline-jumped-$size.screen
o
G
:screen $T/outline-last-$size.screen
q
:screen $T/outline-closed-$size.screen
END
	browse "$size" "$T/keys"
	for s in open moved jumped last closed; do
		screen "outline-$s-$size"
	done
done
finish
