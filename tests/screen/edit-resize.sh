# edit-resize.sh: moving the focused entity's edges by one word ([ ] { }):
# refused at the start and the end of the text and when the entity would
# be empty; an edge never stops at punctuation (a dash, a comma, a
# sentence's period); over another entity it absorbs it (rejected, the
# message says so); a run of resizes of one entity is one undo step;
# words of wide characters are one character each.
. "$SCREENLIB"

makedb "$TESTDATA/edit/edit.jsonl"
cat >"$T/keys" <<END
:set auto-advance off
<Enter>
[
:screen $T/resize-start-of-text.screen
]
:screen $T/resize-empty.screen
{
:screen $T/resize-empty-end.screen
}
:screen --attrs $T/resize-end-right.screen
}
:screen $T/resize-absorb.screen
u
:screen $T/resize-absorb-undone.screen
}
{
{
:screen $T/resize-end-left.screen
<Tab>
}
}
u
:screen --attrs $T/resize-across.screen
<Tab>
<Tab>
<Tab>
}
:screen --attrs $T/resize-touch.screen
u
<Tab>
[
:screen $T/resize-start-across.screen
u
G
}
:screen $T/resize-end-of-text.screen
[
:screen --attrs $T/resize-start-left.screen
]
:screen $T/resize-start-right.screen
q
j
<Enter>
<Tab>
:screen --attrs $T/resize-wide.screen
}
:screen --attrs $T/resize-wide-end.screen
[
:screen --attrs $T/resize-wide-start.screen
{
]
:screen --attrs $T/resize-wide-back.screen
END
browse 80x24 "$T/keys"
for s in start-of-text empty empty-end end-right absorb absorb-undone end-left across touch \
	start-across end-of-text start-left start-right wide wide-end wide-start wide-back; do
	screen "resize-$s"
done
dbstate resize
finish
