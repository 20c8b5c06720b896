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
# every command --help lists (so a new one is covered at once), and at
# least these
expect 0 "$NERVE" --help
commands=$(sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p' "$T/out")
for cmd in import export stats types backup check detect eval train; do
	echo "$commands" | grep -qx "$cmd" || fail "--help does not list $cmd"
done
[ "$(echo "$commands" | wc -l)" -ge 9 ] || fail "--help lists too few commands: $commands"
man=${TESTLIB%tests/cli/lib.sh}man/nerve.1
for cmd in $commands; do
	expect 0 "$NERVE" $cmd --help
	contains "$T/out" "Usage: nerve $cmd"
	# lines fit an 80-column terminal (bytes: the English text is ASCII), and -h is
	# listed with --help
	long=$(LC_ALL=C.UTF-8 awk 'length($0) > 79' "$T/out")
	[ -z "$long" ] || fail "nerve $cmd --help has lines over 79 columns: $long"
	grep -q '^  -h, --help ' "$T/out" || fail "nerve $cmd --help does not list -h, --help"
	expect 0 "$NERVE" $cmd -h
	contains "$T/out" "Usage: nerve $cmd"
	expect 0 "$NERVE" $cmd --version
	contains "$T/out" "nerve "
	expect 2 "$NERVE" $cmd --no-such-option
	contains "$T/err" "unknown option '--no-such-option'"
	contains "$T/err" "Try 'nerve $cmd --help'"
	if [ -r "$man" ]; then
		grep -q "^\.SS \"nerve $cmd" "$man" || fail "man/nerve.1 has no section for $cmd"
	fi
done
# misuse particular to each command: exit 2, nothing written
expect 2 "$NERVE" import
contains "$T/err" "import needs at least one PATH"
expect 2 "$NERVE" export --format nosuch
contains "$T/err" "unknown format 'nosuch'"
expect 2 "$NERVE" stats extra
contains "$T/err" "unexpected argument 'extra'"
expect 2 "$NERVE" check extra
contains "$T/err" "unexpected argument 'extra'"
expect 2 "$NERVE" types frobnicate
expect 2 "$NERVE" backup
expect 2 "$NERVE" detect extra
contains "$T/err" "detect takes no operands"
expect 2 "$NERVE" detect --all --article 1
expect 2 "$NERVE" eval
expect 2 "$NERVE" train --only
contains "$T/err" "--only needs gold files"
expect 2 "$NERVE" train --epochs 0
[ -e "$NERVE_DB" ] && fail "misuse created the database"

# --db whose directory is missing: error, exit 1, nothing created
expect 1 "$NERVE" --db "$T/missing/dir/x.db" backup "$T/b.db"
contains "$T/err" "does not exist"
[ -e "$T/missing" ] && fail "a missing directory was created"

finish
