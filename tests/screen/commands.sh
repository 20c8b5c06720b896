# commands.sh: the ':' commands are the action table's rows: a name or
# the unique start of one, a command of another view goes to that view
# (closing the ones above it), and one of a view not open says where it
# works.
. "$SCREENLIB"

export NO_COLOR=1
for size in 80x24 40x12; do
	rm -f "$NERVE_DB" "$NERVE_DB-wal" "$NERVE_DB-shm"
	makedb "$TESTDATA/browse/browse.jsonl"
	cat >"$T/keys" <<END
:type PERSON
:screen $T/type-list-$size.screen
:s
:screen $T/ambiguous-$size.screen
:sor
:screen $T/sort-prefix-$size.screen
:sort
:sort
:sort
:sort
<Enter>
:goto 3
:screen $T/goto-from-article-$size.screen
<Enter>
?
:help
:screen $T/help-twice-$size.screen
:goto 2
:screen $T/goto-from-help-$size.screen
<Enter>
?
:type PERSON
:screen $T/type-from-help-$size.screen
:q
:screen $T/after-quit-$size.screen
END
	browse "$size" "$T/keys"
	contains "$T/type-list-$size.screen" ":type works in an article"
	contains "$T/ambiguous-$size.screen" "':s' could be several"
	contains "$T/sort-prefix-$size.screen" "sorted by date"
	# :goto from an article: back in the list, on row 3
	contains "$T/goto-from-article-$size.screen" " 3/5 "
	contains "$T/goto-from-article-$size.screen" "Title"
	# :help when the help is shown leaves it shown
	contains "$T/help-twice-$size.screen" "Help (q or Esc"
	# a command the help does not take goes to the views beneath
	contains "$T/goto-from-help-$size.screen" " 2/5 "
	lacks "$T/goto-from-help-$size.screen" "Help (q or Esc"
	lacks "$T/type-from-help-$size.screen" "Help (q or Esc"
	contains "$T/type-from-help-$size.screen" "set type PERSON"
	# :q is :quit: nothing runs after it
	[ -e "$T/after-quit-$size.screen" ] && fail ":q did not quit at $size"
done
finish
