#!/bin/sh
# bench/entities.sh: the entity view on the speed corpus (its 3,559
# reports detected and linked: tens of thousands of referents) against
# the same on its first 100 reports.  Through script mode at 80x24:
# (a) open the browser, E, quit; (b) E, each sort order (s four times),
# five pages down, the last row (G), the first (g), a referent's mentions
# (Enter), quit.  Wall time is the median of RUNS (default 9) runs after a
# warm-up, the sizes taking turns; each key's time comes from the
# script's :timing.  The bar: the corpus within 1.5x of the 100 reports.
#
# The databases are kept in $BENCHDIR (default ${TMPDIR:-/tmp}/nerve-bench)
# for reruns.  NERVE defaults to build/src/nerve.  Needs python3 (to strip
# the corpus's empty entity lists).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
nerve=${NERVE:-$top/build/src/nerve}
shared=${SHARED:-$top/../shared}
[ -d "$shared/corpora" ] || shared=$top/../../shared
speed=$shared/corpora/speed/whitehouse_2009_2015.jsonl.gz
runs=${RUNS:-9}
dir=${BENCHDIR:-${TMPDIR:-/tmp}/nerve-bench}
mkdir -p "$dir"
export NERVE_DATADIR=${NERVE_DATADIR:-$top/data}
export LC_ALL=C.UTF-8 TERM=xterm-256color LINES=24 COLUMNS=80
unset NO_COLOR NERVE_SCRIPT
# the browser as shipped: no rc file of the user's or the system's
export NERVE_RC=/dev/null NERVE_SYSTEM_RC=/dev/null

if [ ! -f "$dir/entities-all.db" ]; then
	gzip -dc "$speed" | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    d.pop("entities", None)
    print(json.dumps(d))' >"$dir/entities.jsonl"
	head -n 100 "$dir/entities.jsonl" >"$dir/entities-100.jsonl"
	rm -f "$dir"/entities-100.db* "$dir"/entities-all.db*
	"$nerve" --db "$dir/entities-100.db" import "$dir/entities-100.jsonl" >/dev/null 2>&1 || true
	"$nerve" --db "$dir/entities-all.db.tmp" import "$dir/entities.jsonl" >/dev/null 2>&1 || true
	mv "$dir/entities-all.db.tmp" "$dir/entities-all.db"
	rm -f "$dir"/entities-all.db.tmp-* "$dir/entities.jsonl" "$dir/entities-100.jsonl"
fi
for s in 100 all; do
	n=$(sqlite3 "$dir/entities-$s.db" "SELECT count(*) FROM referent WHERE n_mentions > 0")
	echo "entities-$s: $(sqlite3 "$dir/entities-$s.db" 'SELECT count(*) FROM article') reports, $n referents"
done

printf 'E\n:timing %s\nq\nq\n' "$dir/open.timing" >"$dir/open.keys"
{
	printf 'E\n:timing %s\n' "$dir/walk.timing"
	printf 's\ns\ns\ns\n'
	printf '<PgDown>\n<PgDown>\n<PgDown>\n<PgDown>\n<PgDown>\n'
	printf 'G\ng\n<Enter>\nq\nq\nq\n'
} >"$dir/walk.keys"

# run SIZE SESSION: one session; appends its wall time (µs) and its keys'
# times (ms) to $dir/SIZE-SESSION.times and .keys.
run() {
	rm -f "$dir/$2.timing"
	t0=$(date +%s%N)
	"$nerve" --db "$dir/entities-$1.db" --script "$dir/$2.keys" >/dev/null
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000)) >>"$dir/$1-$2.times"
	[ -f "$dir/$2.timing" ] && awk '{ print $NF }' "$dir/$2.timing" >>"$dir/$1-$2.keys"
	return 0
}

for sess in open walk; do
	for s in 100 all; do
		rm -f "$dir/$s-$sess.times" "$dir/$s-$sess.keys"
		run $s $sess
		rm -f "$dir/$s-$sess.times" "$dir/$s-$sess.keys"
	done
	i=0
	while [ $i -lt "$runs" ]; do
		for s in 100 all; do run $s $sess; done
		i=$((i + 1))
	done
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
worst() { sort -n "$1" | tail -n 1; }
printf '%-6s %-36s %12s %14s %14s\n' size session "median (ms)" "key median ms" "key worst ms"
for sess in open walk; do
	for s in 100 all; do
		t=$(median "$dir/$s-$sess.times")
		km=$( [ -s "$dir/$s-$sess.keys" ] && median "$dir/$s-$sess.keys" || echo -)
		kw=$( [ -s "$dir/$s-$sess.keys" ] && worst "$dir/$s-$sess.keys" || echo -)
		label="E, q"
		[ $sess = walk ] && label="E, s x4, PgDown x5, G, g, Enter, q"
		printf '%-6s %-36s %12s %14s %14s\n' "$s" "$label" "$(echo "scale=1; $t / 1000" | bc)" "$km" "$kw"
	done
done
