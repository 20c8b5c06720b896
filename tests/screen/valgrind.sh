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
finish
