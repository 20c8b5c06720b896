# titles.sh: invisible format characters (U+200E and its kind) are left
# out of the titles (the list's, the article's title bar), and stay
# visible in the article's text; a year-less date is "21 May", not
# "--05-21".
# At 80x24 and 40x12, without colour.
. "$SCREENLIB"

makedb "$TESTDATA/browse/format-title.jsonl"
export NO_COLOR=1
for size in 80x24 40x12; do
	cat >"$T/keys" <<END
:screen $T/titles-list-$size.screen
<Enter>
:screen $T/titles-article-$size.screen
q
j
<Enter>
:screen $T/titles-no-year-$size.screen
END
	browse "$size" "$T/keys"
	screen "titles-list-$size"
	screen "titles-article-$size"
	screen "titles-no-year-$size"
	lacks "$T/titles-no-year-$size.screen" "--05-21"
	lacks "$T/titles-list-$size.screen" "<U+"
	lacks "$T/titles-list-$size.screen" "--05-21"
	head -n 1 "$T/titles-article-$size.screen" >"$T/title-bar"
	lacks "$T/title-bar" "<U+"
	contains "$T/titles-article-$size.screen" "<U+200E>"
done
finish
