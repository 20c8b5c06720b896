#!/bin/sh
# bench/keys.sh GOLD.jsonl [--map typemap.json] [N]: the keystrokes a
# scripted analyst needs to turn the detector's suggestions on the first N
# reports of GOLD (default 50) into the gold, per kind of correction
# (accept, reject, retype, resize, create, the moves between them, done),
# with the keys of today's browser ("after") and priced with those before
# the review-flow issue ("before"); the planning rule is in
# bench/keys-plan.c.  The "after" keys are replayed through the script
# mode and the export compared with the gold.
#
# Run from the repository root after a build in build/ (BUILD=dir to use
# another); the work files go to $BENCHDIR (default
# ${TMPDIR:-/tmp}/nerve-bench).
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
. "$top/bench/libs.sh"
gold=${1:?usage: bench/keys.sh GOLD.jsonl [--map typemap.json] [N]}
shift
map=
if [ "${1:-}" = --map ]; then
	map=$2
	shift 2
fi
n=${1:-50}
dir=${BENCHDIR:-${TMPDIR:-/tmp}/nerve-bench}
mkdir -p "$dir"
export NERVE_DATADIR="$top/data" LC_ALL=C.UTF-8 TERM=xterm-256color LINES=24 COLUMNS=80 \
	NERVE_ANNOTATOR=bench
unset NO_COLOR NERVE_SCRIPT
# the browser as shipped: no rc file of the user's or the system's
export NERVE_RC=/dev/null NERVE_SYSTEM_RC=/dev/null
bin=$dir/keys-plan
${CC:-cc} -O2 -Wall -Wformat -I"$build" -I"$top/src" -o "$bin" "$top/bench/keys-plan.c" \
	"$build/src/tui/libnerve-tui.a" $NERVE_LIBS
db=$dir/keys.db
rm -f "$db" "$db-wal" "$db-shm"
"$bin" strip "$gold" "$n" >"$dir/keys-docs.jsonl"
"$build/src/nerve" --db "$db" import "$dir/keys-docs.jsonl" >/dev/null
"$bin" plan "$db" "$gold" "$n" $map >"$dir/keys.script"
"$build/src/nerve" --db "$db" --script "$dir/keys.script" >/dev/null
"$build/src/nerve" --db "$db" export --format jsonl --status accepted -o "$dir/keys-export.jsonl"
"$bin" check "$dir/keys-export.jsonl" "$gold" "$n" $map
