# sizes.sh: the list, an article and the help at 40x12 and 200x60.
. "$SCREENLIB"

makedb "$TESTDATA/browse/browse.jsonl" "$DATADIR"/samples/centcom-*.txt
for size in 40x12 200x60; do
	cat >"$T/keys" <<END
:screen $T/list-$size.screen
<Enter>
<Tab>
:screen $T/article-$size.screen
?
:screen $T/help-$size.screen
q
q
?
:screen $T/help-list-$size.screen
END
	browse "$size" "$T/keys"
	for s in list article help help-list; do
		screen "$s-$size"
	done
done
finish
