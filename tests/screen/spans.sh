# spans.sh: word motions, selections and resizes leave punctuation out
# of a span's edges: v l on "BAKU, Azerbaijan" selects both words (never
# "BAKU,"), [ on "Hasanov" in "Z. Hasanov" takes the initial with its
# period (never ". Hasanov"), and H and L move a selection's end by one
# character.  At 80x24 and 40x12, without colour.
. "$SCREENLIB"

export NO_COLOR=1
for size in 80x24 40x12; do
	rm -f "$NERVE_DB" "$NERVE_DB-wal" "$NERVE_DB-shm"
	makedb "$TESTDATA/browse/browse.jsonl"
	cat >"$T/keys" <<END
:set auto-advance off
<Enter>
v
l
:screen $T/spans-select-$size.screen
3
:screen $T/spans-created-$size.screen
/
"Z. Hasanov"
<Enter>
l
v
1
[
:screen $T/spans-initial-$size.screen
}
:screen $T/spans-end-right-$size.screen
{
l
v
H
:screen $T/spans-char-left-$size.screen
L
L
:screen $T/spans-char-right-$size.screen
<Esc>
H
:screen $T/spans-char-no-selection-$size.screen
END
	browse "$size" "$T/keys"
	for s in select created initial end-right char-left char-right char-no-selection; do
		screen "spans-$s-$size"
	done
done
finish
