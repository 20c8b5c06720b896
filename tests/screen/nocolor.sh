# nocolor.sh: without colour (NO_COLOR, or a monochrome terminal) each
# entity is marked in the text, "[Zakir Hasanov]PERSON?" for a
# suggestion, no "?" when accepted, nothing when rejected; on an
# 8-colour terminal colours beyond 8 fall back to the nearest.
. "$SCREENLIB"

makedb "$TESTDATA/browse/browse.jsonl"
cat >"$T/keys" <<END
<Enter>
:screen --attrs $T/nocolor-article.screen
?
:screen $T/nocolor-help.screen
END
NO_COLOR=1 browse 80x24 "$T/keys"
screen nocolor-article
screen nocolor-help
# the markup is in the text itself
grep -q '\[Zakir Hasanov\]PERSON? received' "$T/nocolor-article.screen" ||
	fail "no markup for a suggestion"
grep -q '\[Metin Tokel\]PERSON\.' "$T/nocolor-article.screen" || fail "no markup for an accepted entity"
grep -q 'LOC, Army General$' "$T/nocolor-article.screen" || fail "a rejected entity was marked"
grep -q 'told Trend\.' "$T/nocolor-article.screen" || fail "a rejected entity was marked"

# a terminal without colours: the same markup
cat >"$T/keys" <<END
<Enter>
:screen $T/mono-article.screen
END
TERM=vt100 browse 80x24 "$T/keys"
grep -q '\[Zakir Hasanov\]PERSON?' "$T/mono-article.screen" || fail "no markup on vt100"

# NO_COLOR set but empty means colour
cat >"$T/keys" <<END
<Enter>
:screen $T/empty-nocolor.screen
END
NO_COLOR= browse 80x24 "$T/keys"
grep -q '\[Zakir' "$T/empty-nocolor.screen" && fail "an empty NO_COLOR turned colour off"

# eight colours: TITLE's 208 becomes yellow and MISC's 244 white, both
# dim, so that TITLE is not DATE (yellow) and MISC not plain text
cat >"$T/keys" <<END
<Enter>
:screen --attrs $T/colour8-article.screen
END
TERM=xterm browse 80x24 "$T/keys"
screen colour8-article
contains "$T/colour8-article.screen" "dim,underline fg=yellow"
finish
