#!/bin/sh
# bench/import.sh [NERVE]: import speed and memory.
#
# Imports the speed corpus (../shared/corpora/speed, gzip JSON Lines,
# 47 M characters) with --no-detect into a fresh database and reports
# characters per second and peak memory, next to loads of the same texts
# by the sqlite3 shell in the same run: into a plain table (the floor for
# storing them), and into nerve's own schema (same indexes and FTS5
# full-text index, no cleaning, hashing or checks) in one INSERT ...
# SELECT and with one INSERT per row as nerve does.  Each load runs RUNS
# times (default 3); the fastest run is reported.
#
# NERVE defaults to build/src/nerve; CORPUS overrides the corpus file.
# Needs sqlite3 and /usr/bin/time (Debian packages sqlite3 and time).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
nerve=${1:-$top/build/src/nerve}
corpus=${CORPUS:-$top/../shared/corpora/speed/whitehouse_2009_2015.jsonl.gz}
runs=${RUNS:-3}
[ -x "$nerve" ] || { echo "import.sh: no nerve at $nerve (build first)" >&2; exit 1; }
[ -r "$corpus" ] || { echo "import.sh: cannot read $corpus" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "import.sh: needs sqlite3" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "import.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/nerve-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
# decompressed once, outside the timings
gzip -dc "$corpus" >"$work/speed.jsonl"

# measure NAME CMD...: run CMD under /usr/bin/time -v, keep the fastest
# wall-clock seconds and its peak resident memory in $work/NAME.best
measure() {
	name=$1
	shift
	"$@" >"$work/$name.out" 2>"$work/$name.err" </dev/null || {
		echo "import.sh: $name failed:" >&2
		cat "$work/$name.err" >&2
		exit 1
	}
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0
		                           for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
		/User time/ { user = $2 }
		/System time/ { sys = $2 }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%.2f %.2f %.2f %d\n", wall, user, sys, rss }' "$work/$name.err" >"$work/$name.run"
	if [ ! -f "$work/$name.best" ] ||
	   [ "$(awk 'NR == FNR { a = $1; next } { print ($1 < a) }' "$work/$name.best" "$work/$name.run")" = 1 ]; then
		cp "$work/$name.run" "$work/$name.best"
	fi
}

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

i=0
while [ $i -lt "$runs" ]; do
	rm -f "$work"/n.db* "$work"/p.db* "$work"/s.db* "$work"/r.db*
	measure nerve /usr/bin/time -v "$nerve" --db "$work/n.db" import --no-detect "$work/speed.jsonl"
	measure again /usr/bin/time -v "$nerve" --db "$work/n.db" import --no-detect "$work/speed.jsonl"
	measure plain /usr/bin/time -v sqlite3 "$work/p.db" ".read $work/plain.sql"
	measure schema /usr/bin/time -v sqlite3 "$work/s.db" ".read $work/schema.sql"
	measure rowwise /usr/bin/time -v sqlite3 "$work/r.db" ".read $work/rowwise.sql"
	i=$((i + 1))
done

chars=$(sqlite3 "$work/n.db" 'SELECT sum(length(text)) FROM article')
articles=$(sqlite3 "$work/n.db" 'SELECT count(*) FROM article')
shell_chars=$(sqlite3 "$work/p.db" 'SELECT sum(length(text)) FROM article')
printf 'corpus: %s\n' "$(basename "$corpus")"
printf 'nerve stored %s articles, %s characters (the shell: %s); %s\n' \
	"$articles" "$chars" "$shell_chars" "$(tail -n 1 "$work/nerve.out")"
printf 'fastest of %s runs on %s, %s cores\n\n' "$runs" "$(uname -m)" "$(nproc 2>/dev/null || echo '?')"
printf '%-44s %8s %8s %8s %12s %9s\n' "load" "wall s" "user s" "sys s" "M chars/s" "peak MB"
row() {
	awk -v label="$1" -v chars="$2" '{ printf "%-44s %8.2f %8.2f %8.2f %12.1f %9.1f\n",
		label, $1, $2, $3, ($1 > 0 ? chars / $1 / 1e6 : 0), $4 / 1024 }' "$work/$3.best"
}
row "nerve import --no-detect (fresh database)" "$chars" nerve
row "nerve import again (all duplicates)" "$chars" again
row "sqlite3 shell: plain table" "$shell_chars" plain
row "sqlite3 shell: nerve's schema with FTS5" "$shell_chars" schema
row "sqlite3 shell: nerve's schema, row by row" "$shell_chars" rowwise
