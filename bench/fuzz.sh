#!/bin/sh
# bench/fuzz.sh [SECONDS]: run every libFuzzer target of tests/fuzz for
# SECONDS each (default 600), JOBS at a time (default 2), from the seed
# corpora plus what earlier runs found (kept in BUILD/tests/fuzz/corpus).
# Prints each target's executions and exits 1 when any found a crash,
# leak or broken invariant (the input is kept in
# BUILD/tests/fuzz/findings/TARGET/).  BUILD defaults to build (run
# 'make fuzz' there first, or let this script do it).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-600}
jobs=${JOBS:-2}
build=${BUILD:-$top/build}
make -s -C "$build" fuzz >/dev/null
out=$build/tests/fuzz
[ -x "$out/json" ] || { echo "fuzz.sh: no fuzz targets in $out (no libFuzzer?)" >&2; exit 1; }
targets="import_text import_jsonl import_csv import_doccano import_prodigy import_conll \
import_brat tokenize json"
export NERVE_DATADIR="$top/data"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

run() {
	t=$1
	mkdir -p "$out/corpus/$t" "$out/findings/$t"
	"$out/$t" -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$out/findings/$t/" "$out/corpus/$t" "$out/seeds/$t" \
		>"$out/$t.log" 2>&1
	status=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/$t.log" | tail -1)
	if [ "$status" = 0 ]; then
		echo "$t: ${execs:-?} executions in $secs s, no finding"
	else
		echo "$t: FINDING (exit $status) after ${execs:-?} executions: see $out/$t.log" \
			"and $out/findings/$t/"
	fi
	return "$status"
}

failed=0
set -- $targets
while [ $# -gt 0 ]; do
	pids=
	n=0
	while [ $# -gt 0 ] && [ $n -lt "$jobs" ]; do
		run "$1" &
		pids="$pids $!"
		shift
		n=$((n + 1))
	done
	for p in $pids; do
		wait "$p" || failed=1
	done
done
exit $failed
