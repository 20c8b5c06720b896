#!/bin/sh
# bench/memory.sh: peak memory against corpus size.  Imports the first
# quarter, the first half and all of the speed corpus (its lines without
# their empty entity lists, so that they are detected) into a fresh
# database, with detection and with --no-detect, and prints each peak
# resident set size (bench/median.sh; RUNS, default 3, interleaved) and
# its ratio to the quarter's.  The bar (issue 16): within 10%.
#
# Run from the repository root after a build in build/ (BUILD=dir for
# another).  Reads ../shared/corpora (SHARED=dir to override).  Needs
# python3 and /usr/bin/time.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
shared=${SHARED:-$top/../shared}
[ -d "$shared" ] || shared=$top/../../shared   # a worktree beside the clone
nerve=$build/src/nerve
[ -x "$nerve" ] || { echo "memory.sh: no nerve at $nerve (build first)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nerve-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export NERVE_DATADIR="$top/data" LC_ALL=C.UTF-8
. "$top/bench/median.sh"

gzip -dc "$shared/corpora/speed/whitehouse_2009_2015.jsonl.gz" | python3 -c '
import json, sys
lines = []
for line in sys.stdin:
    d = json.loads(line)
    d.pop("entities", None)
    lines.append(json.dumps(d, ensure_ascii=False) + "\n")
for name, k in (("q1", len(lines) // 4), ("q2", len(lines) // 2), ("q4", len(lines))):
    open(sys.argv[1] + "/" + name + ".jsonl", "w", encoding="utf-8").writelines(lines[:k])
' "$work"

i=0
while [ $i -lt "${RUNS:-3}" ]; do
	for part in q1 q2 q4; do
		for mode in detect nodetect; do
			rm -f "$work/m.db"*
			flag=
			[ $mode = detect ] || flag=--no-detect
			bench_run "$mode-$part" "$nerve" --db "$work/m.db" import $flag "$work/$part.jsonl"
		done
	done
	i=$((i + 1))
done

printf '%-28s %10s %12s %16s\n' "import of" "documents" "MB (median)" "/ the quarter's"
for mode in detect nodetect; do
	base=$(bench_stat "$mode-q1" rss | cut -d' ' -f1)
	for part in q1 q2 q4; do
		set -- $(bench_stat "$mode-$part" rss)
		case $part in q1) label="1/4";; q2) label="1/2";; *) label="all";; esac
		[ $mode = detect ] && label="$label, with detection" || label="$label, --no-detect"
		awk -v l="$label" -v d="$(wc -l <"$work/$part.jsonl")" -v m="$1" -v lo="$2" -v hi="$3" -v b="$base" \
			'BEGIN { printf "%-28s %10d %6.1f (%.1f-%.1f) %8.2f\n", l, d, m, lo, hi, m / b }'
	done
done
