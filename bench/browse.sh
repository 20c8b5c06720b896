#!/bin/sh
# bench/browse.sh: the browser on a database of 1,000 short articles and
# on one of 1,000,000 (override with SIZES="1000 1000000"): through script
# mode, (a) open the browser and quit, (b) open it, jump to the last
# article (G), open it (Enter), back (q) and quit (q).  Wall time is the
# median of RUNS (default 15) runs after one warm-up, the sizes taking
# turns so that the load of a shared machine falls on both; peak memory
# the largest maximum resident set size of those runs.  The bar: the
# million within 1.5x of the thousand, in time and in memory.
#
# Run from the repository root after a build in build/ (BUILD=dir for
# another).  The databases are kept in $BENCHDIR (default
# ${TMPDIR:-/tmp}/nerve-bench) for reruns.  They are made with
# "nerve import --no-detect" from generated JSON Lines when this nerve
# has an import command, else by direct inserts (the schema from the
# store API, the rows with the sqlite3 shell).
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
. "$top/bench/libs.sh"
nerve=$build/src/nerve
sizes=${SIZES:-"1000 1000000"}
runs=${RUNS:-15}
dir=${BENCHDIR:-${TMPDIR:-/tmp}/nerve-bench}
mkdir -p "$dir"
export LC_ALL=C.UTF-8 TERM=xterm-256color LINES=24 COLUMNS=80
unset NO_COLOR NERVE_SCRIPT

mkdb=$dir/browse-mkdb
${CC:-cc} -O2 -I"$build" -I"$top/src" -o "$mkdb" "$top/tests/screen/mkdb.c" \
	$NERVE_LIBS

# make_db DB N: N short articles (about 200 bytes each), no entities.
make_db() {
	db=$1 n=$2
	if [ -f "$db" ] && [ "$(sqlite3 "$db" 'SELECT count(*) FROM article' 2>/dev/null)" = "$n" ]; then
		return 0
	fi
	rm -f "$db" "$db-wal" "$db-shm"
	t0=$(date +%s)
	if "$nerve" import --help >/dev/null 2>&1; then
		awk -v n="$n" 'BEGIN {
			for (i = 1; i <= n; i++)
				printf "{\"id\": \"b%d\", \"title\": \"Report %d: the Ministry of Defense on the visit\", \"date\": \"2016-%02d-%02d\", \"text\": \"Report %d. Colonel General Zakir Hasanov received the delegation in Baku on May 21. The Ministry of Defense told Trend that the visit went well.\"}\n", i, i, i % 12 + 1, i % 28 + 1, i
		}' >"$dir/browse-$n.jsonl"
		"$nerve" --db "$db" import --no-detect "$dir/browse-$n.jsonl" >/dev/null
		rm -f "$dir/browse-$n.jsonl"
		how="nerve import --no-detect"
	else
		"$mkdb" "$db"
		sqlite3 "$db" "PRAGMA journal_mode = WAL;
			WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $n)
			INSERT INTO article (ext_id, title, source, published, text, sha256, imported_at)
			SELECT 'b' || i, 'Report ' || i || ': the Ministry of Defense on the visit', 'bench',
			  printf('2016-%02d-%02d', i % 12 + 1, i % 28 + 1),
			  'Report ' || i || '. Colonel General Zakir Hasanov received the delegation in Baku on May 21. The Ministry of Defense told Trend that the visit went well.',
			  printf('%064d', i), '2026-01-01T00:00:00Z' FROM c;" >/dev/null
		how="direct inserts"
	fi
	echo "made $db: $n articles by $how in $(($(date +%s) - t0)) s" >&2
}

# run DB KEYS TAG: one session; appends its wall time (µs) and maximum
# resident set size (KB) to $dir/TAG.times and $dir/TAG.rss.
run() {
	t0=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$dir/rss1" "$nerve" --db "$1" --script "$2" >/dev/null
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000)) >>"$dir/$3.times"
	cat "$dir/rss1" >>"$dir/$3.rss"
}

# report TAG ARTICLES SESSION: the median time (ms) and the largest RSS.
report() {
	med=$(sort -n "$dir/$1.times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] / 1000 }')
	rss=$(sort -n "$dir/$1.rss" | tail -n 1)
	printf '%-10s %-28s %10s %12s\n' "$2" "$3" "$med" "$rss"
}

printf 'q\n' >"$dir/open.keys"
printf 'G\n<Enter>\nq\nq\n' >"$dir/last.keys"
# not part of the bar: the list's one-off jumps (a new sort order or
# filter keeps the cursor's article and counts its rank; :goto counts
# rows; a search for a word in every article)
printf 's\ns\ns\nF\nq\n' >"$dir/sort.keys"
printf ':goto 500\nq\n' >"$dir/goto.keys"
printf '/\nHasanov\n<Enter>\nn\nq\n' >"$dir/search.keys"
sessions="open last sort goto search"

for n in $sizes; do
	make_db "$dir/browse-$n.db" "$n"
	for k in $sessions; do
		"$nerve" --db "$dir/browse-$n.db" --script "$dir/$k.keys" >/dev/null # warm-up
		: >"$dir/$k-$n.times"
		: >"$dir/$k-$n.rss"
	done
done
# The sizes take turns, so that the load of a shared machine falls on all.
i=0
while [ $i -lt "$runs" ]; do
	for k in $sessions; do
		for n in $sizes; do
			run "$dir/browse-$n.db" "$dir/$k.keys" "$k-$n"
		done
	done
	i=$((i + 1))
done
printf '%-10s %-28s %10s %12s\n' articles session "ms (median)" "max RSS KB"
for n in $sizes; do
	report "open-$n" "$n" "open, quit"
	report "last-$n" "$n" "open, G, Enter, q, q"
	report "sort-$n" "$n" "(s, s, s, F, q)"
	report "goto-$n" "$n" "(:goto 500, q)"
	report "search-$n" "$n" "(/Hasanov, n, q)"
done
