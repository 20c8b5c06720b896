# errors.sh: the browser's bad inputs: a missing script or database, an
# unknown key name, no terminal, bad ':' commands, an empty database.
. "$SCREENLIB"

makedb "$TESTDATA/browse/browse.jsonl"
expect 1 "$NERVE" --script "$T/no-such-script"
contains "$T/err" "no-such-script"

printf 'j\n<NoSuchKey>\n' >"$T/keys"
expect 1 env LINES=24 COLUMNS=80 "$NERVE" --script "$T/keys"
contains "$T/err" "keys:2: unknown key '<NoSuchKey>'"

# a database named by --db must exist: the browser does not create it
printf 'q\n' >"$T/keys"
expect 1 "$NERVE" --db "$T/missing.db" --script "$T/keys"
contains "$T/err" "no such database"
[ -e "$T/missing.db" ] && fail "the browser created a database named by --db"

# no terminal and no script
expect 1 "$NERVE" </dev/null
contains "$T/err" "needs a terminal"

# bad commands: a message, nothing else
cat >"$T/keys" <<END
:frobnicate
:screen $T/err-unknown.screen
:goto twelve
:screen $T/err-goto.screen
:screen $T/no/such/dir/x.screen
:screen $T/err-screen.screen
:goto 99999
:screen $T/err-goto-far.screen
END
browse 80x24 "$T/keys"
contains "$T/err-unknown.screen" "unknown command ':frobnicate'"
contains "$T/err-goto.screen" "goto takes a row number"
contains "$T/err-screen.screen" "no/such/dir/x.screen"
contains "$T/err-goto-far.screen" " 5/5 "

# NERVE_SCRIPT works like --script
printf ':screen %s\n' "$T/env.screen" >"$T/keys"
NERVE_SCRIPT="$T/keys" LINES=24 COLUMNS=80 expect 0 "$NERVE"
contains "$T/env.screen" "Turkish Army delegation"

# the default database is created on first use, empty
cat >"$T/keys" <<END
:screen $T/empty.screen
<Enter>
G
:screen $T/empty-keys.screen
END
(unset NERVE_DB; browse 80x24 "$T/keys")
[ -f "$T/xdg/nerve/nerve.db" ] || fail "the default database was not created"
contains "$T/empty.screen" "No articles yet"
contains "$T/empty-keys.screen" " 0/0 "
finish
