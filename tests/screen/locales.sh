# locales.sh: under the locale of each translation in po/LINGUAS, nerve
# --help, a command's --help and the browser's help screen (script mode)
# come out translated, and numbers in data keep their decimal point.
# The catalogs are compiled from po/*.po into a locale directory of the
# test (NERVE_LOCALEDIR); a locale the system lacks is skipped with a
# note (CI generates them: tools/setup.sh).
. "$SCREENLIB"
[ "${USE_NLS:-yes}" = yes ] || skip "built without NLS"
linguas=$(sed 's/#.*//' "$SRCDIR/../po/LINGUAS")
[ -n "$(echo $linguas)" ] || skip "no translations in po/LINGUAS"
command -v msgfmt >/dev/null || skip "no msgfmt"
unset LANGUAGE LANG LC_MESSAGES

makedb "$TESTDATA/browse/browse.jsonl"
printf '?\n:screen %s\n' "$T/help.screen" >"$T/keys"
# help LOCALE [LOCALEDIR]: --help, import --help and the help screen in
# $T/LOCALE.*
help() {
	export LC_ALL="$1" NERVE_LOCALEDIR="${2:-}"
	"$NERVE" --help >"$T/$1.help" 2>&1 || fail "$1: nerve --help failed"
	"$NERVE" import --help >"$T/$1.import" 2>&1 || fail "$1: import --help failed"
	browse 80x24 "$T/keys"
	mv "$T/help.screen" "$T/$1.screen" 2>/dev/null || fail "$1: no help screen"
	export LC_ALL=C.UTF-8 NERVE_LOCALEDIR=
}
help C.UTF-8

tested=0
for l in $linguas; do
	loc=${l}_$(echo "$l" | tr '[:lower:]' '[:upper:]').UTF-8
	if ! locale -a 2>/dev/null | grep -qix "${loc%.UTF-8}.utf-\?8"; then
		echo "note: no locale $loc on this system: $l not tested"
		continue
	fi
	mkdir -p "$T/locale/$l/LC_MESSAGES"
	msgfmt -c -o "$T/locale/$l/LC_MESSAGES/nerve.mo" "$SRCDIR/../po/$l.po" ||
		fail "$l.po does not compile"
	help "$loc" "$T/locale"
	for what in help import screen; do
		cmp -s "$T/C.UTF-8.$what" "$T/$loc.$what" && fail "$l: the $what is not translated"
	done
	# the first line of --help and the commands' descriptions are translated
	[ "$(head -n 1 "$T/C.UTF-8.help")" = "$(head -n 1 "$T/$loc.help")" ] &&
		fail "$l: the usage line of --help is not translated"
	grep -q 'import reports and annotations' "$T/$loc.help" &&
		fail "$l: the command list of --help is not translated"
	grep -q 'next article' "$T/$loc.screen" && fail "$l: the help screen is not translated"
	# the list's title bar and count headings end at the right edge, by
	# display width (a translation's bytes are not its columns)
	printf ':screen %s\n' "$T/list.screen" >"$T/lkeys"
	LC_ALL=$loc NERVE_LOCALEDIR=$T/locale browse 80x24 "$T/lkeys"
	for row in 1 3; do
		cols=$(sed -n "${row}p" "$T/list.screen" | sed 's/ *$//' | tr -d '\n' |
			LC_ALL=C.UTF-8 wc -m)
		[ "$cols" = 79 ] || fail "$l: list row $row is $cols columns wide, not 79:
$(sed -n "${row}p" "$T/list.screen")"
	done
	# numbers in data stay numbers: a decimal point in any language
	LC_ALL=$loc NERVE_LOCALEDIR=$T/locale "$NERVE" eval --json "$TESTDATA/eval-gold.jsonl" \
		>"$T/$loc.json" 2>"$T/err" || fail "$l: eval --json failed: $(cat "$T/err")"
	grep -q '"p": [0-9]*\.[0-9]' "$T/$loc.json" && ! grep -q '[0-9],[0-9]' "$T/$loc.json" ||
		fail "$l: eval --json writes numbers in the locale's format: $(head -c 200 "$T/$loc.json")"
	tested=$((tested + 1))
done
[ $tested -gt 0 ] || skip "none of the translations' locales is installed"
finish
