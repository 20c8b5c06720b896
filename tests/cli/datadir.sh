# datadir.sh: a binary in its build tree finds the model and the lists
# without NERVE_DATADIR (it falls back to the source tree's data/ while
# the installed data directory does not exist); NERVE_DATADIR overrides.
. "$TESTLIB"
unset NERVE_DATADIR

expect 0 "$NERVE" --version
data=$(sed -n 's/^Data: //p' "$T/out")
[ -n "$data" ] || fail "--version names no data directory: $(cat "$T/out")"
[ -f "$data/model/nerve.model" ] || fail "the data directory $data has no model"
case $data in
"$DATADIR") ;;                       # not installed: the source tree
*) echo "note: an installed data directory exists: $data" ;;
esac

# import detects with that model: suggestions, no "model missing"
expect 0 "$NERVE" import "$TESTDATA/detect-report.txt"
lacks "$T/err" "model"
expect 0 "$NERVE" export --status suggested
[ "$(rows "$T/out")" -gt 1 ] || fail "no suggestions without NERVE_DATADIR: $(cat "$T/out")"

# NERVE_DATADIR still wins
NERVE_DATADIR="$T/nodata" expect 0 "$NERVE" --version
contains "$T/out" "Data: $T/nodata"
finish
