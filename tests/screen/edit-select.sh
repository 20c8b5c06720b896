# edit-select.sh: labelling new text: v starts a selection at the cursor
# word, h l j k (and the other moves) extend it, a type key (1..9, or t
# and the menu, or :type) labels it as an accepted analyst entity that
# replaces the highlighted entities it overlaps (kept as rejected), Esc
# and v cancel it; other editing keys wait until it is labelled or
# cancelled.
. "$SCREENLIB"
# these keys decide one entity at a time: auto-advance (tests/screen/review.sh) is off

makedb "$TESTDATA/edit/edit.jsonl"
cat >"$T/keys" <<END
:set auto-advance off
<Enter>
v
l
:screen --attrs $T/select-start.screen
a
:screen $T/select-blocked.screen
1
:screen --attrs $T/select-create.screen
l
l
l
l
l
v
l
l
<Esc>
:screen --attrs $T/select-cancel.screen
v
v
x
:screen $T/select-toggle.screen
G
v
h
h
k
:screen --attrs $T/select-up.screen
j
t
:screen $T/select-menu.screen
2
:screen --attrs $T/select-menu-chosen.screen
g
<Tab>
<Tab>
v
3
:screen $T/select-same-span.screen
h
v
h
:type EVENT
:screen --attrs $T/select-type-named.screen
q
j
<Enter>
v
l
l
:screen --attrs $T/select-wide.screen
3
:screen --attrs $T/select-wide-created.screen
u
:screen $T/select-wide-undone.screen
END
browse 80x24 "$T/keys"
for s in start blocked create cancel toggle up menu menu-chosen same-span type-named wide \
	wide-created wide-undone; do
	screen "select-$s"
done
dbstate select
finish
