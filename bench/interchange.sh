#!/bin/sh
# bench/interchange.sh [NERVE]: interchange round trips and CSV export
# speed.
#
# 1. Round trips on ../shared/corpora/re3d/dev.jsonl: the corpus is
#    imported, then exported with --status all in each format, imported
#    into an empty database, exported again and compared byte for byte
#    (JSON Lines, doccano, Prodigy, CoNLL, brat; CoNLL also token by
#    token and tag by tag); the CSV export is imported into a database
#    holding the same articles without their entities and exported
#    again, its rows compared but for entity_id and updated_at.  Any
#    difference is reported (and the exit status is 1).
# 2. CSV export speed: the speed corpus imported with --no-detect, then
#    SUGGEST_EVERY (default 50) characters of every article one synthetic
#    detector suggestion of 12 characters (until detection lands in main:
#    the same rows a detector's suggestions would give, many of them),
#    and every entity exported as CSV by nerve, next to the sqlite3
#    shell's own .mode csv output of the same rows (the same columns, the
#    entity's text by substr(), the same order) from the same database in
#    the same run, and to the shell without the text column (a floor).
#    Each runs RUNS times (default 3); the fastest wall-clock time is
#    reported.
#
# NERVE defaults to build/src/nerve; RE3D and CORPUS override the corpus
# files.  Needs sqlite3.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
nerve=${1:-$top/build/src/nerve}
re3d=${RE3D:-$top/../shared/corpora/re3d/dev.jsonl}
corpus=${CORPUS:-$top/../shared/corpora/speed/whitehouse_2009_2015.jsonl.gz}
runs=${RUNS:-3}
every=${SUGGEST_EVERY:-50}
[ -x "$nerve" ] || { echo "interchange.sh: no nerve at $nerve (build first)" >&2; exit 1; }
[ -r "$re3d" ] || { echo "interchange.sh: cannot read $re3d" >&2; exit 1; }
[ -r "$corpus" ] || { echo "interchange.sh: cannot read $corpus" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "interchange.sh: needs sqlite3" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/nerve-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export NERVE_ANNOTATOR=bench
differences=0

# ---- 1. round trips ---------------------------------------------------------

echo "== round trips on $(basename "$(dirname "$re3d")")/$(basename "$re3d")"
"$nerve" --db "$work/one.db" import "$re3d" >"$work/import.out" 2>/dev/null
cat "$work/import.out"
for f in jsonl doccano prodigy conll brat; do
	out1="$work/one.$f" out2="$work/two.$f"
	"$nerve" --db "$work/one.db" export --format $f --status all -o "$out1" 2>"$work/$f.notes"
	"$nerve" --db "$work/two-$f.db" import --format $f "$out1" >"$work/$f.import" 2>"$work/$f.err" || :
	"$nerve" --db "$work/two-$f.db" export --format $f --status all -o "$out2" 2>/dev/null
	if [ $f = brat ]; then
		n=$(find "$out1" -type f | wc -l)
		if diff -r "$out1" "$out2" >"$work/$f.diff"; then
			result="same ($n files)"
		else
			result="DIFFERENT: $(grep -c '^diff\|^Only' "$work/$f.diff") files"
			differences=$((differences + 1))
		fi
	elif cmp -s "$out1" "$out2"; then
		result="same ($(wc -c <"$out1" | tr -d ' ') bytes)"
	else
		result="DIFFERENT: $(diff "$out1" "$out2" | grep -c '^[<>]') lines"
		differences=$((differences + 1))
	fi
	printf '%-8s %s; import: %s\n' "$f" "$result" "$(cat "$work/$f.import")"
	if [ $f = conll ]; then
		grep -v '^$' "$out1" >"$work/tok1"
		grep -v '^$' "$out2" >"$work/tok2"
		if cmp -s "$work/tok1" "$work/tok2"; then
			echo "         every token and tag the same ($(wc -l <"$work/tok1" | tr -d ' ') tokens)"
		else
			echo "         tokens or tags DIFFERENT: $(diff "$work/tok1" "$work/tok2" | grep -c '^[<>]') lines"
			differences=$((differences + 1))
		fi
		echo "         export notes: $(grep -c 'does not fall on token boundaries' "$work/$f.notes" || :) entities" \
		     "not on token boundaries, $(grep -c 'overlaps another' "$work/$f.notes" || :) overlapping"
	fi
done
# CSV: onto a database holding the same articles without entities
"$nerve" --db "$work/one.db" export --status all -o "$work/one.csv"
"$nerve" --db "$work/one.db" export --format jsonl --by nobody -o "$work/bare.jsonl"
"$nerve" --db "$work/csv.db" import "$work/bare.jsonl" >/dev/null 2>&1
"$nerve" --db "$work/csv.db" import "$work/one.csv" >"$work/csv.import" 2>"$work/csv.err" || :
"$nerve" --db "$work/csv.db" export --status all -o "$work/two.csv"
rows() {
	sqlite3 :memory: ".mode csv" ".import '$1' t" ".mode list" ".separator |" \
		"SELECT article_id, article_title, start, \"end\", text, type, status, origin,
		  annotator FROM t"
}
rows "$work/one.csv" >"$work/rows1"
rows "$work/two.csv" >"$work/rows2"
if cmp -s "$work/rows1" "$work/rows2"; then
	result="same rows but for entity_id and updated_at ($(grep -c "$(printf '\r')\$" "$work/one.csv") records)"
else
	result="DIFFERENT: $(diff "$work/rows1" "$work/rows2" | grep -c '^[<>]') lines"
	differences=$((differences + 1))
fi
printf '%-8s %s; import: %s\n' csv "$result" "$(cat "$work/csv.import")"

# ---- 2. CSV export speed ------------------------------------------------------

echo "== CSV export of every entity of $(basename "$corpus")"
gzip -dc "$corpus" >"$work/speed.jsonl"
"$nerve" --db "$work/speed.db" import --no-detect "$work/speed.jsonl" >/dev/null 2>&1
sqlite3 "$work/speed.db" <<SQL
WITH RECURSIVE k(article, n, len) AS (
  SELECT id, 0, length(text) FROM article
  UNION ALL SELECT article, n + 1, len FROM k WHERE (n + 1) * $every + 12 <= len)
INSERT INTO entity (article, start, "end", type, status, origin, confidence, annotator,
                    created_at, updated_at)
SELECT article, n * $every, n * $every + 12,
  CASE n % 4 WHEN 0 THEN 'PERSON' WHEN 1 THEN 'ORG' WHEN 2 THEN 'LOC' ELSE 'DATE' END,
  'suggested', 'detector', 0.5, 'detector', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
  strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
FROM k WHERE n * $every + 12 <= len;
SQL
entities=$(sqlite3 "$work/speed.db" "SELECT count(*) FROM entity")
articles=$(sqlite3 "$work/speed.db" "SELECT count(*) FROM article")
echo "$articles articles, $entities entities (one every $every characters)"

shell_sql() {
	cat <<SQL
.headers on
.mode csv
.output $1
SELECT a.ext_id AS article_id, a.title AS article_title, e.id AS entity_id, e.start,
  e."end", $2 e.type, e.status, e.origin, e.annotator, e.updated_at
FROM entity e JOIN article a ON a.id = e.article ORDER BY e.article, e.start, e."end", e.id;
SQL
}
now() { date +%s.%N; }
# once NAME CMD...: run CMD, append its wall-clock seconds to $work/NAME.times
once() {
	name=$1
	shift
	t0=$(now)
	"$@"
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' >>"$work/$name.times"
}
nerve_csv() { "$nerve" --db "$work/speed.db" export --status all -o "$work/nerve.csv"; }
shell_csv() { shell_sql "$work/shell.csv" 'substr(a.text, e.start + 1, e."end" - e.start) AS text,' |
              sqlite3 "$work/speed.db"; }
shell_notext() { shell_sql "$work/notext.csv" '' | sqlite3 "$work/speed.db"; }
# taking turns, so that the load of the machine falls on each alike
for r in $(seq "$runs"); do
	once nerve nerve_csv
	once shell shell_csv
	once notext shell_notext
done
for n in nerve shell notext; do sort -n "$work/$n.times" | head -n 1 >"$work/$n.best"; done
[ "$(grep -c "$(printf '\r')\$" "$work/nerve.csv")" = "$((entities + 1))" ] ||
	{ echo "nerve exported $(grep -c "$(printf '\r')\$" "$work/nerve.csv") records, want $((entities + 1))"; differences=$((differences + 1)); }
n=$(cat "$work/nerve.best") s=$(cat "$work/shell.best") f=$(cat "$work/notext.best")
printf '%-42s %8s s  %6.1f MB\n' "nerve export (CSV, formula guard)" "$n" \
	"$(awk -v b="$(wc -c <"$work/nerve.csv")" 'BEGIN { print b / 1e6 }')"
printf '%-42s %8s s  %6.1f MB\n' "sqlite3 shell .mode csv, the same rows" "$s" \
	"$(awk -v b="$(wc -c <"$work/shell.csv")" 'BEGIN { print b / 1e6 }')"
printf '%-42s %8s s  %6.1f MB\n' "sqlite3 shell .mode csv, no text column" "$f" \
	"$(awk -v b="$(wc -c <"$work/notext.csv")" 'BEGIN { print b / 1e6 }')"
awk -v n="$n" -v s="$s" 'BEGIN { printf "nerve / shell: %.2f (the bar: at most 1.5)\n", n / s }'

[ $differences = 0 ] || { echo "interchange.sh: $differences differences" >&2; exit 1; }
