# keys.sh: the man page lists the keys and the ':' commands of the
# action table and the options of the option table, and no key is bound
# twice in one view.
. "$SCREENLIB"

keytable="$(dirname "$MKDB")/keytable"
expect 0 "$keytable" --check
"$keytable" >"$T/keys.roff" || fail "keytable failed"
man="$DATADIR/../man/nerve.1"
sed -n '/^\.\\" BEGIN KEYS/,/^\.\\" END KEYS/p' "$man" >"$T/man.roff"
cmp -s "$T/keys.roff" "$T/man.roff" ||
	fail "man/nerve.1's key list differs from the action table; regenerate it with
tests/screen/keytable:
$(diff -u "$T/man.roff" "$T/keys.roff" | head -40)"
"$keytable" --commands >"$T/commands.roff" || fail "keytable --commands failed"
sed -n '/^\.\\" BEGIN COMMANDS/,/^\.\\" END COMMANDS/p' "$man" >"$T/man-commands.roff"
[ -s "$T/man-commands.roff" ] || fail "man/nerve.1 has no generated command list"
cmp -s "$T/commands.roff" "$T/man-commands.roff" ||
	fail "man/nerve.1's command list differs from the action table; regenerate it with
tests/screen/keytable --commands:
$(diff -u "$T/man-commands.roff" "$T/commands.roff" | head -40)"
"$keytable" --options >"$T/options.roff" || fail "keytable --options failed"
sed -n '/^\.\\" BEGIN OPTIONS/,/^\.\\" END OPTIONS/p' "$man" >"$T/man-options.roff"
[ -s "$T/man-options.roff" ] || fail "man/nerve.1 has no generated list of options"
cmp -s "$T/options.roff" "$T/man-options.roff" ||
	fail "man/nerve.1's list of options differs from the option table; regenerate it with
tests/screen/keytable --options:
$(diff -u "$T/man-options.roff" "$T/options.roff" | head -40)"
# --help tells how to open the browser
expect 0 "$NERVE" --help
contains "$T/out" "open the browser"
contains "$T/out" "--script FILE"
finish
