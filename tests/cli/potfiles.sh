# potfiles.sh: po/POTFILES.in names every source file with a translatable
# string (and only files that exist), and no translatable string holds a
# carriage return (a progress line's \r is the meter's business).
. "$TESTLIB"
top=$SRCDIR/..
list=$top/po/POTFILES.in
sed -n 's/^\([^#].*\)$/\1/p' "$list" | sort >"$T/listed"
(cd "$top" && grep -l -E '(^|[^A-Za-z0-9_])N?_\("' src/*/*.c src/*/*.h) | sort >"$T/have"
comm -23 "$T/have" "$T/listed" >"$T/missing"
[ -s "$T/missing" ] && fail "not in po/POTFILES.in: $(tr '\n' ' ' <"$T/missing")"
while read -r f; do
	[ -f "$top/$f" ] || fail "po/POTFILES.in names $f, which does not exist"
done <"$T/listed"

command -v xgettext >/dev/null || skip "no xgettext"
(cd "$top" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 \
	--add-comments=TRANSLATORS: -o "$T/nerve.pot" --files-from=po/POTFILES.in) ||
	fail "xgettext failed"
grep -n '\\r' "$T/nerve.pot" >"$T/cr" && fail "translatable strings with \\r: $(head -c 400 "$T/cr")"
# the help overlay's and the command list's strings are there
contains "$T/nerve.pot" 'msgid "next article"'
contains "$T/nerve.pot" 'msgid "import reports and annotations (see --format)"'
finish
