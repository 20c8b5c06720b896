# resize.sh: resizing at any moment: the layout is recomputed, the cursor
# stays on its word (article) or row (list), a screen below the minimum
# shows a notice instead of garbage and recovers when enlarged.
. "$SCREENLIB"

makedb "$TESTDATA/browse/browse.jsonl" "$DATADIR"/samples/centcom-*.txt
cat >"$T/keys" <<END
<Enter>
/
Valiyev
<Enter>
:screen --attrs $T/resize-80x24.screen
:resize 40x12
:screen --attrs $T/resize-40x12.screen
:resize 10x4
:screen $T/resize-10x4.screen
j
j
:resize 19x30
:screen $T/resize-19x30.screen
:resize 120x8
:screen --attrs $T/resize-120x8.screen
:resize 80x24
:screen --attrs $T/resize-back.screen
q
:goto 15
:resize 40x8
:screen --attrs $T/resize-list-40x8.screen
:resize 80x24
:screen $T/resize-list-back.screen
END
browse 80x24 "$T/keys"
for s in 80x24 40x12 10x4 19x30 120x8 back list-40x8 list-back; do
	screen "resize-$s"
done
# the cursor's word is on every screen big enough to show it
for s in 80x24 40x12 120x8 back; do
	grep -q 'Valiyev' "$T/resize-$s.screen" || fail "the cursor's word left the $s screen"
done
grep -q 'too small' "$T/resize-10x4.screen" || fail "no notice on a tiny screen"
grep -q '^ 15/21' "$T/resize-list-40x8.screen" || fail "the list's cursor moved on a resize"
finish
