# valgrind.sh: scripted sessions over every view and the editing keys
# under valgrind: no definitely or indirectly lost blocks (ncurses'
# still-reachable memory is expected).  Skipped without valgrind and in
# the sanitizer build.
. "$SCREENLIB"

command -v valgrind >/dev/null 2>&1 || skip "valgrind is not installed"
if grep -q __asan_init "$NERVE" 2>/dev/null; then
	skip "the sanitizer build checks leaks itself"
fi
makedb "$TESTDATA/browse/browse.jsonl"
cat >"$T/keys" <<END
j
<Enter>
<Tab>
l
j
<C-l>
/
aliyev
<Enter>
n
<Space>
?
j
q
:resize 30x10
:resize 10x3
:resize 80x24
q
/
Mosul
<Enter>
s
F
G
:goto 2
:nosuch
:screen $T/v.screen
END
LINES=24 COLUMNS=80 timeout 300 valgrind -q --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--error-exitcode=99 "$NERVE" --script "$T/keys" >"$T/out" 2>"$T/err"
status=$?
[ "$status" = 0 ] || fail "valgrind exited $status: $(head -c 3000 "$T/err")"

# the editing keys: decisions, the type menu, a selection, propagation,
# done and the next article, undo across articles
cat >"$T/keys" <<END
<Enter>
a
<Tab>
x
<Tab>
2
<Tab>
t
j
<Enter>
]
}
[
v
l
l
3
*
u
<C-r>
A
D
D
u
u
:type PERSON
<Esc>
q
u
:screen $T/v.screen
END
LINES=24 COLUMNS=80 timeout 300 valgrind -q --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--error-exitcode=99 "$NERVE" --script "$T/keys" >"$T/out" 2>"$T/err"
status=$?
[ "$status" = 0 ] || fail "valgrind (editing) exited $status: $(head -c 3000 "$T/err")"

# an import with detection: the tokenizer, the gazetteers, the date rules
# (numbers that are no years or decades) and the tagger; no errors at all
printf 'In the 1990s and the 90s, on Dec. 5, 2020, 12th of May 1999, the 3rd Corps of the\nGround Forces of the Republic of Kazakhstan met Colonel General Zakir Hasanov in Baku;\n5,000 troops, 12:30, 2021/12/15, 10-12 March, mid-2000s.\n' >"$T/dates.txt"
timeout 300 valgrind -q --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \
	--error-exitcode=99 "$NERVE" --db "$T/detect.db" import "$T/dates.txt" \
	"$TESTDATA/detect-report.txt" >"$T/out" 2>"$T/err"
status=$?
[ "$status" = 0 ] || fail "valgrind (import with detection) exited $status: $(head -c 3000 "$T/err")"
contains "$T/out" "suggestions:"
finish
