# controls.sh: control characters and escape sequences in a report are
# drawn as visible symbols (never sent to the terminal); in a locale that
# is not UTF-8 everything is drawn in ASCII, with a warning.
. "$SCREENLIB"

makedb "$TESTDATA/browse/browse.jsonl"
cat >"$T/keys" <<END
j
j
j
:screen --attrs $T/controls-list.screen
<Enter>
:screen --attrs $T/controls-article.screen
END
browse 80x24 "$T/keys"
screen controls-list
screen controls-article
# no escape character, bell or bidi override reaches the screen
if LC_ALL=C grep -q "$(printf '\033')\|$(printf '\007')" "$T/controls-article.screen"; then
	fail "a control character reached the screen"
fi
grep -q 'abc<U+202E>dcba' "$T/controls-article.screen" || fail "the bidi override is not shown"

# ASCII: the C locale
cat >"$T/keys" <<END
:screen $T/ascii-list.screen
<Enter>
:screen $T/ascii-article.screen
q
j
j
<Enter>
:screen $T/ascii-marks.screen
q
j
<Enter>
:screen $T/ascii-controls.screen
END
LC_ALL=C browse 80x24 "$T/keys"
contains "$T/err" "not UTF-8"
for s in list article marks controls; do
	screen "ascii-$s"
	if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$T/ascii-$s.screen"; then
		fail "a non-ASCII byte in the ASCII screen $s"
	fi
done
finish
