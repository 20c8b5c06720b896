# basics.sh: global options, help, version, misuse, backup.
. "$TESTLIB"

expect 0 "$NERVE" --version
contains "$T/out" "nerve "
expect 0 "$NERVE" --help
contains "$T/out" "Usage:"
expect 2 "$NERVE" --no-such-option
contains "$T/err" "unknown option"
# each error once: getopt says nothing of its own
[ "$(grep -c . "$T/err")" = 2 ] || fail "an unknown option is reported more than once: $(cat "$T/err")"
lacks "$T/err" "unrecognized"
expect 2 "$NERVE" export -o
contains "$T/err" "option '-o' needs an argument"
[ "$(grep -c . "$T/err")" = 2 ] || fail "a missing argument is reported more than once: $(cat "$T/err")"
expect 2 "$NERVE" import --format
contains "$T/err" "option '--format' needs an argument"
# -h is --help, and nerve help COMMAND the command's
expect 0 "$NERVE" -h
contains "$T/out" "Usage:"
contains "$T/out" "help COMMAND"
expect 0 "$NERVE" help export
contains "$T/out" "Usage: nerve export"
expect 0 "$NERVE" export -h
contains "$T/out" "Usage: nerve export"
expect 2 "$NERVE" help frobnicate
contains "$T/err" "unknown command 'frobnicate'"
expect 2 "$NERVE" frobnicate
contains "$T/err" "unknown command 'frobnicate'"
expect 2 "$NERVE" --sync sometimes backup x
for cmd in import export stats types backup; do
	expect 0 "$NERVE" $cmd --help
	contains "$T/out" "Usage: nerve $cmd"
	expect 0 "$NERVE" $cmd --version
	contains "$T/out" "nerve "
	expect 2 "$NERVE" $cmd --no-such-option
	contains "$T/err" "Try 'nerve $cmd --help'"
done
expect 0 "$NERVE" --help
for cmd in import export stats types backup; do
	grep -q "^  $cmd " "$T/out" || fail "--help does not list $cmd"
done

# --db whose directory is missing: error, exit 1, nothing created
expect 1 "$NERVE" --db "$T/missing/dir/x.db" backup "$T/b.db"
contains "$T/err" "does not exist"
[ -e "$T/missing" ] && fail "a missing directory was created"

finish
