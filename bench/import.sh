#!/bin/sh
# bench/import.sh [NERVE]: import speed and memory.
#
# Imports the speed corpus (../shared/corpora/speed, gzip JSON Lines,
# 47 M characters) with --no-detect into a fresh database and reports
# characters per second and peak memory, next to loads of the same texts
# by the sqlite3 shell in the same run: into a plain table (the floor for
# storing them), and into nerve's own schema (same indexes and FTS5
# full-text index, no cleaning, hashing or checks) in one INSERT ...
# SELECT and with one INSERT per row as nerve does.  The loads take turns
# RUNS times (default 5, bench/median.sh); each is reported as the median
# with min and max.  ROWWISE=0 leaves out the slow row-by-row load.
#
# NERVE defaults to build/src/nerve; ALSO="NERVE..." names more binaries
# timed in the same loop (before and after a change: alt1, alt2, ...);
# CORPUS overrides the corpus file.
# Needs sqlite3 and /usr/bin/time (Debian packages sqlite3 and time).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
nerve=${1:-$top/build/src/nerve}
shared=${SHARED:-$top/../shared}
[ -d "$shared" ] || shared=$top/../../shared   # a worktree beside the clone
corpus=${CORPUS:-$shared/corpora/speed/whitehouse_2009_2015.jsonl.gz}
runs=${RUNS:-5}
[ -x "$nerve" ] || { echo "import.sh: no nerve at $nerve (build first)" >&2; exit 1; }
[ -r "$corpus" ] || { echo "import.sh: cannot read $corpus" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "import.sh: needs sqlite3" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/nerve-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
# decompressed once, outside the timings
gzip -dc "$corpus" >"$work/speed.jsonl"

. "$top/bench/median.sh"

# the shell's loads: one line per row through .import, fields through
# json_extract (a separator byte that JSON text never holds raw)
sep=$(printf '\001')
plain_sql() {
	cat <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TEMP TABLE raw(line TEXT);
.mode ascii
.separator "$sep" "\\n"
.import $work/speed.jsonl raw
CREATE TABLE article(id INTEGER PRIMARY KEY, ext_id TEXT UNIQUE, title TEXT, text TEXT);
INSERT INTO article(ext_id, title, text)
  SELECT json_extract(line, '\$.id'), json_extract(line, '\$.title'), json_extract(line, '\$.text') FROM raw;
SQL
}
schema_sql() {
	cat <<SQL
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
$(sqlite3 "$work/schema.db" .schema)
CREATE TEMP TABLE raw(line TEXT);
.mode ascii
.separator "$sep" "\\n"
.import $work/speed.jsonl raw
INSERT OR IGNORE INTO article(ext_id, title, text, sha256, imported_at)
  SELECT json_extract(line, '\$.id'), json_extract(line, '\$.title'), json_extract(line, '\$.text'),
         json_extract(line, '\$.id'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM raw;
SQL
}
# the same, one INSERT statement per row in one transaction, as nerve
# (and any program adding documents one at a time) inserts them
rowwise_sql() {
	schema_sql | sed '/^INSERT OR IGNORE/,$d'
	echo "BEGIN;"
	awk 'END { for (i = 1; i <= NR; i++)
		printf "INSERT OR IGNORE INTO article(ext_id, title, text, sha256, imported_at) SELECT json_extract(line, '"'"'$.id'"'"'), json_extract(line, '"'"'$.title'"'"'), json_extract(line, '"'"'$.text'"'"'), json_extract(line, '"'"'$.id'"'"'), strftime('"'"'%%Y-%%m-%%dT%%H:%%M:%%SZ'"'"', '"'"'now'"'"') FROM raw WHERE rowid = %d;\n", i }' "$work/speed.jsonl"
	echo "COMMIT;"
}
# nerve's schema, from an empty nerve database
printf 'x\n' | "$nerve" --db "$work/schema.db" import --no-detect - >/dev/null
plain_sql >"$work/plain.sql"
schema_sql >"$work/schema.sql"
rowwise_sql >"$work/rowwise.sql"

also=${ALSO:-}
i=0
while [ $i -lt "$runs" ]; do
	rm -f "$work"/n.db* "$work"/p.db* "$work"/s.db* "$work"/r.db*
	bench_run nerve "$nerve" --db "$work/n.db" import --no-detect "$work/speed.jsonl"
	bench_run schema sqlite3 "$work/s.db" ".read $work/schema.sql"
	k=0
	for alt in $also; do
		k=$((k + 1))
		rm -f "$work"/m.db*
		bench_run alt$k "$alt" --db "$work/m.db" import --no-detect "$work/speed.jsonl"
	done
	bench_run again "$nerve" --db "$work/n.db" import --no-detect "$work/speed.jsonl"
	bench_run plain sqlite3 "$work/p.db" ".read $work/plain.sql"
	[ "${ROWWISE:-1}" = 0 ] || bench_run rowwise sqlite3 "$work/r.db" ".read $work/rowwise.sql"
	i=$((i + 1))
done

chars=$(sqlite3 "$work/n.db" 'SELECT sum(length(text)) FROM article')
articles=$(sqlite3 "$work/n.db" 'SELECT count(*) FROM article')
shell_chars=$(sqlite3 "$work/p.db" 'SELECT sum(length(text)) FROM article')
printf 'corpus: %s\n' "$(basename "$corpus")"
printf 'nerve stored %s articles, %s characters (the shell: %s); %s\n' \
	"$articles" "$chars" "$shell_chars" "$(tail -n 1 "$work/nerve.out")"
printf '%s runs each, interleaved, on %s, %s cores; %s\n\n' "$runs" "$(uname -m)" \
	"$(nproc 2>/dev/null || echo '?')" "$(sqlite3 --version | cut -d' ' -f1)"
bench_head "M chars/s (median wall, CPU)"
bench_row nerve "nerve import --no-detect (fresh database)" "$chars"
k=0
for alt in $also; do
	k=$((k + 1))
	bench_row alt$k "alt$k: $(basename "$(dirname "$(dirname "$(dirname "$alt")")")") import --no-detect" "$chars"
done
bench_row again "nerve import again (all duplicates)" "$chars"
bench_row plain "sqlite3 shell: plain table" "$shell_chars"
bench_row schema "sqlite3 shell: nerve's schema with FTS5" "$shell_chars"
[ "${ROWWISE:-1}" = 0 ] || bench_row rowwise "sqlite3 shell: nerve's schema, row by row" "$shell_chars"
ratio() {
	printf '%s %s\n' "$(bench_stat "$1" "$3")" "$(bench_stat "$2" "$3")" |
		awk -v what="$3" -v a="$1" -v b="$2" '{ printf "%s / %s, median %s time: %.2f\n", a, b, what, $1 / $4 }'
}
echo
ratio nerve schema wall
ratio nerve schema cpu
k=0
for alt in $also; do
	k=$((k + 1))
	ratio nerve alt$k wall
	ratio nerve alt$k cpu
done
