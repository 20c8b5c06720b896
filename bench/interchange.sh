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
# 2. CSV export speed: the speed corpus imported with detection (its
#    empty entity lists dropped first, so that nerve's detector suggests
#    the entities), and every entity exported as CSV by nerve, next to the sqlite3
#    shell's own .mode csv output of the same rows (the same columns, the
#    entity's text by substr(), the same order) from the same database in
#    the same run, and to the shell without the text column (a floor).
#    The three take turns RUNS times (default 5); each figure is the
#    median with min and max (bench/median.sh).
#
# NERVE defaults to build/src/nerve; RE3D and CORPUS override the corpus
# files.  Needs sqlite3.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
nerve=${1:-$top/build/src/nerve}
shared=${SHARED:-$top/../shared}
[ -d "$shared" ] || shared=$top/../../shared   # a worktree beside the clone
re3d=${RE3D:-$shared/corpora/re3d/dev.jsonl}
corpus=${CORPUS:-$shared/corpora/speed/whitehouse_2009_2015.jsonl.gz}
runs=${RUNS:-5}
[ -x "$nerve" ] || { echo "interchange.sh: no nerve at $nerve (build first)" >&2; exit 1; }
[ -r "$re3d" ] || { echo "interchange.sh: cannot read $re3d" >&2; exit 1; }
[ -r "$corpus" ] || { echo "interchange.sh: cannot read $corpus" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "interchange.sh: needs sqlite3" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/nerve-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export NERVE_ANNOTATOR=bench NERVE_DATADIR=${NERVE_DATADIR:-$top/data}
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
# the corpus lines carry an empty entity list, which import keeps as the
# document's annotations: without it the texts are detected
gzip -dc "$corpus" | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    d.pop("entities", None)
    sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
' >"$work/speed.jsonl"
"$nerve" --db "$work/speed.db" import "$work/speed.jsonl" >/dev/null 2>&1
entities=$(sqlite3 "$work/speed.db" "SELECT count(*) FROM entity")
articles=$(sqlite3 "$work/speed.db" "SELECT count(*) FROM article")
echo "$articles articles, $entities entities (nerve's own suggestions)"

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
. "$top/bench/median.sh"
# taking turns, so that the load of the machine falls on each alike
for r in $(seq "$runs"); do
	bench_run nerve "$nerve" --db "$work/speed.db" export --status all -o "$work/nerve.csv"
	shell_sql "$work/shell.csv" 'substr(a.text, e.start + 1, e."end" - e.start) AS text,' >"$work/shell.sql"
	bench_run shell sqlite3 "$work/speed.db" ".read $work/shell.sql"
	shell_sql "$work/notext.csv" '' >"$work/notext.sql"
	bench_run notext sqlite3 "$work/speed.db" ".read $work/notext.sql"
done
[ "$(grep -c "$(printf '\r')\$" "$work/nerve.csv")" = "$((entities + 1))" ] ||
	{ echo "nerve exported $(grep -c "$(printf '\r')\$" "$work/nerve.csv") records, want $((entities + 1))"; differences=$((differences + 1)); }
mb() { awk -v b="$(wc -c <"$1")" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }
bench_head "output"
bench_row nerve "nerve export (CSV, formula guard)" | sed "s/\$/  $(mb "$work/nerve.csv")/"
bench_row shell "sqlite3 shell .mode csv, the same rows" | sed "s/\$/  $(mb "$work/shell.csv")/"
bench_row notext "sqlite3 shell .mode csv, no text column" | sed "s/\$/  $(mb "$work/notext.csv")/"
printf '%s %s\n' "$(bench_stat nerve wall)" "$(bench_stat shell wall)" |
	awk '{ printf "nerve / shell, median wall time: %.2f (the bar: at most 1.5)\n", $1 / $4 }'

[ $differences = 0 ] || { echo "interchange.sh: $differences differences" >&2; exit 1; }
