# edit-decide.sh: deciding on entities in the article view: accept (a,
# Enter), reject (x, Delete), set the type by its key (1..9), from the
# type menu (t) and by name (:type), and what the keys say when there is
# nothing to decide on.  Each decision is in the database (and its
# journal) when the screen shows it.
. "$SCREENLIB"
# these keys decide one entity at a time: auto-advance (tests/screen/review.sh) is off

makedb "$TESTDATA/edit/edit.jsonl" --state done "$TESTDATA/edit/done.jsonl"
cat >"$T/keys" <<END
:set auto-advance off
<Enter>
a
:screen --attrs $T/decide-accept.screen
a
:screen $T/decide-again.screen
<Tab>
<Enter>
<Tab>
x
:screen --attrs $T/decide-reject.screen
<Tab>
<Del>
<Tab>
3
:screen --attrs $T/decide-key.screen
<Tab>
t
:screen --attrs $T/decide-menu.screen
j
j
:screen $T/decide-menu-moved.screen
<Enter>
:screen --attrs $T/decide-menu-chosen.screen
t
<Esc>
:screen $T/decide-menu-cancel.screen
t
9
:screen $T/decide-menu-nokey.screen
5
:screen $T/decide-menu-key.screen
<Tab>
:type EVENT
:screen $T/decide-type-named.screen
:type NOSUCH
:screen $T/decide-type-unknown.screen
:type
:screen $T/decide-type-empty.screen
9
:screen $T/decide-nokey.screen
:set-type
:screen $T/decide-set-type-prompt.screen
g
l
a
:screen $T/decide-nofocus.screen
x
t
7
:screen $T/decide-nofocus-more.screen
G
:accept
:screen $T/decide-by-name.screen
q
:screen $T/decide-list.screen
:type PERSON
:screen $T/decide-type-list.screen
END
browse 80x24 "$T/keys"
for s in accept again reject key menu menu-moved menu-chosen menu-cancel menu-nokey menu-key \
	type-named type-unknown type-empty nokey set-type-prompt nofocus nofocus-more by-name \
	list type-list; do
	screen "decide-$s"
done
dbstate decide
# the menu on a small screen without colour: the chosen row is marked
printf '<Enter>\nG\nt\nG\n:screen %s\n' "$T/decide-menu-small.screen" >"$T/keys"
NO_COLOR=1 browse 40x12 "$T/keys"
screen decide-menu-small
# the annotator comes from --annotator over $NERVE_ANNOTATOR
printf '<Enter>\nG\nx\n' >"$T/keys"
browse 80x24 "$T/keys" --annotator "Ana Lyst"
"$DBCHECK" "$NERVE_DB" >"$T/db" 2>&1
contains "$T/db" "PERSON rejected detector Ana Lyst 'Aliyev'"
finish
