# edit-resize.sh: moving the focused entity's edges by one word ([ ] { }):
# refused at the start and the end of the text, when the entity would be
# empty, and across another entity (touching one is fine); words of wide
# characters are one character each.
. "$SCREENLIB"

makedb "$TESTDATA/edit/edit.jsonl"
cat >"$T/keys" <<END
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
}
:screen $T/resize-end-right-3.screen
{
{
:screen $T/resize-end-left.screen
<Tab>
}
}
}
:screen --attrs $T/resize-across.screen
<Tab>
<Tab>
<Tab>
}
:screen --attrs $T/resize-touch.screen
}
:screen $T/resize-touch-across.screen
<Tab>
[
:screen $T/resize-start-across.screen
G
}
:screen $T/resize-end-of-text.screen
[
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
for s in start-of-text empty empty-end end-right end-right-3 end-left across touch \
	touch-across start-across end-of-text start-left start-right wide wide-end wide-start \
	wide-back; do
	screen "resize-$s"
done
dbstate resize
finish
