#!/bin/sh
# bench/edit.sh: time per keystroke of a review, commit included, on a
# database of 100 reports and on one of a million (override with
# SIZES="100 1000000"), at two levels:
#
#  - the browser (script mode): open the list's first report and go to
#    its first suggestion (J), then 100 times: a, x, a (auto-advance moves
#    on to the next suggestion after each decision), D (done, and the next
#    report still to review opens at its first suggestion; every
#    suggestion is decided, so D does not ask).  Each key's time runs from reading it
#    to the end of the drawing that shows what it did (the script's
#    ":timing FILE").  RUNS (default 3) runs per size, the sizes taking
#    turns.
#  - the editing core below it (bench/edit-core.c): the same decisions,
#    then 50 undos and 50 redos, without a screen (CORE=0 skips it).
#
# Run from the repository root after a build in build/ (BUILD=dir to use
# another).  The databases are kept in $BENCHDIR (default
# ${TMPDIR:-/tmp}/nerve-bench) for reruns: the million (about 160 s and
# 1.1 GB to generate) is made once and each run reviews the next reports
# still to review; the small ones are made anew every time.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
. "$top/bench/libs.sh"
nerve=$build/src/nerve
sizes=${SIZES:-"100 1000000"}
runs=${RUNS:-3}
dir=${BENCHDIR:-${TMPDIR:-/tmp}/nerve-bench}
mkdir -p "$dir"
export LC_ALL=C.UTF-8 TERM=xterm-256color LINES=24 COLUMNS=80 NERVE_ANNOTATOR=bench
unset NO_COLOR NERVE_SCRIPT
# the browser as shipped: no rc file of the user's or the system's
export NERVE_RC=/dev/null NERVE_SYSTEM_RC=/dev/null
bin=$dir/edit-core
${CC:-cc} -O2 -Wall -Wformat -I"$build" -I"$top/src" -o "$bin" "$top/bench/edit-core.c" \
	$NERVE_LIBS

# The keys of a review of 100 reports, with :timing.
keys=$dir/edit.keys
{
	printf ':timing %s/edit.times\n<Enter>\nJ\n' "$dir"
	i=0
	while [ $i -lt 100 ]; do
		printf 'a\nx\na\nD\n'
		i=$((i + 1))
	done
} >"$keys"

# summary FILE LABEL: median, 99th percentile and worst of the times.
summary() {
	sort -n -k 2 "$1" | awk -v label="$2" '{ v[NR] = $2 }
		END { p = int(NR * 0.99); if (p < 1) p = 1
			printf "%s: %d keystrokes: median %.3f ms, 99th %.3f ms, worst %.3f ms\n",
			label, NR, v[int((NR + 1) / 2)], v[p], v[NR] }'
}

echo "browser (script mode, 80x24):"
for n in $sizes; do
	rm -f "$dir/browser-$n.all"
done
r=0
while [ $r -lt "$runs" ]; do
	for n in $sizes; do
		if [ "$n" -gt 10000 ]; then
			db=$dir/edit-$n.db
		else
			db=$dir/browser-$n.db
			rm -f "$db" "$db-wal" "$db-shm"
		fi
		"$bin" "$db" "$n" gen
		"$nerve" --db "$db" --script "$keys" >/dev/null
		summary "$dir/edit.times" "  $n reports, run $((r + 1))"
		cat "$dir/edit.times" >>"$dir/browser-$n.all"
	done
	r=$((r + 1))
done
for n in $sizes; do
	summary "$dir/browser-$n.all" "  $n reports, all runs"
done

[ "${CORE:-1}" = 0 ] && exit 0
echo "editing core:"
for n in $sizes; do
	db=$dir/edit-$n.db
	for mode in "" idle; do
		[ "$n" -gt 10000 ] || rm -f "$db" "$db-wal" "$db-shm"
		printf '  '
		"$bin" "$db" "$n" $mode
	done
done
