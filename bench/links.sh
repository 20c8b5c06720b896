#!/bin/sh
# bench/links.sh [NERVE]: how many mentions nerve links to a referent, and
# a sample of the links to judge by hand (the entities issue: at least 95%
# right), plus the time of `nerve entities` against `nerve export` of the
# same rows.
#
# Two databases: the speed corpus (../shared/corpora/speed, its texts
# only, detected by nerve) and worldwide/dev.jsonl (its gold entities,
# mapped with its typemap.json).  A link is a mention whose referent has
# another mention.  200 links are drawn from each with a fixed seed (the
# order of a multiplicative hash of the entity id, so the same build on
# the same corpus draws the same ones) and written, with the mention's
# context and the referent's name, to bench/links-speed.tsv and
# bench/links-worldwide.tsv; a file that exists already is kept (it holds
# the judgements: y or n in the first column) and its figure reported.
#
# NERVE defaults to build/src/nerve.  Needs python3 (to strip the speed
# corpus's empty entity lists) and sqlite3.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
nerve=${1:-$top/build/src/nerve}
shared=${SHARED:-$top/../shared}
[ -d "$shared/corpora" ] || shared=$top/../../shared
speed=$shared/corpora/speed/whitehouse_2009_2015.jsonl.gz
world=$shared/corpora/worldwide
[ -x "$nerve" ] || { echo "links.sh: no nerve at $nerve (build first)" >&2; exit 1; }
[ -r "$speed" ] && [ -r "$world/dev.jsonl" ] || { echo "links.sh: no corpora under $shared" >&2; exit 1; }
export NERVE_DATADIR=${NERVE_DATADIR:-$top/data}

work=$(mktemp -d "${TMPDIR:-/tmp}/nerve-links.XXXXXX")
trap 'rm -rf "$work"' EXIT

# the speed corpus's texts without its (empty) entity lists, so that
# nerve detects in them
gzip -dc "$speed" | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    d.pop("entities", None)
    print(json.dumps(d))' >"$work/speed.jsonl"

t0=$(date +%s.%N)
"$nerve" --db "$work/speed.db" import "$work/speed.jsonl" >/dev/null 2>&1 || true
t1=$(date +%s.%N)
"$nerve" --db "$work/world.db" import --map "$world/typemap.json" "$world/dev.jsonl" >/dev/null 2>&1 || true
echo "import of the speed corpus with detection and linking: $(echo "$t1 - $t0" | bc) s"

# sample DB OUT: the drawn links as tab-separated lines: judgement (empty),
# entity id, type, mention, referent, the mention in context, the
# referent's name in context (another article when it has one)
sample() {
	sqlite3 -separator "$(printf '\t')" "$1" <<'SQL' >"$2"
WITH linked AS (
  SELECT e.id, e.article, e.start, e."end", e.type, e.referent, r.name
  FROM entity e JOIN referent r ON r.id = e.referent
  WHERE e.status <> 'rejected' AND r.n_mentions > 1),
drawn AS (SELECT * FROM linked ORDER BY (id * 2654435761) % 4294967296, id LIMIT 200)
SELECT '', d.id, d.type,
  replace(substr(a.text, d.start + 1, d."end" - d.start), char(10), ' '),
  d.name,
  replace(replace(substr(a.text, max(d.start - 50, 0) + 1, min(d.start, 50)) || '[' ||
    substr(a.text, d.start + 1, d."end" - d.start) || ']' ||
    substr(a.text, d."end" + 1, 50), char(10), ' '), char(9), ' '),
  coalesce((SELECT replace(replace(substr(b.text, max(o.start - 50, 0) + 1, min(o.start, 50)) || '[' ||
     substr(b.text, o.start + 1, o."end" - o.start) || ']' || substr(b.text, o."end" + 1, 50),
     char(10), ' '), char(9), ' ')
   FROM entity o JOIN article b ON b.id = o.article
   WHERE o.referent = d.referent AND o.article <> d.article AND o.status <> 'rejected'
   ORDER BY o."end" - o.start DESC, o.id LIMIT 1),
  (SELECT replace(replace(substr(b.text, max(o.start - 50, 0) + 1, min(o.start, 50)) || '[' ||
     substr(b.text, o.start + 1, o."end" - o.start) || ']' || substr(b.text, o."end" + 1, 50),
     char(10), ' '), char(9), ' ')
   FROM entity o JOIN article b ON b.id = o.article
   WHERE o.referent = d.referent AND o.id <> d.id AND o.status <> 'rejected'
   ORDER BY o."end" - o.start DESC, o.id LIMIT 1))
FROM drawn d JOIN article a ON a.id = d.article ORDER BY d.id;
SQL
}

# counts DB NAME: mentions, linked mentions, referents
counts() {
	sqlite3 "$1" "SELECT count(*), (SELECT count(*) FROM entity e JOIN referent r ON r.id = e.referent
	  WHERE e.status <> 'rejected' AND r.n_mentions > 1), (SELECT count(*) FROM referent WHERE n_mentions > 0),
	  (SELECT count(*) FROM referent WHERE n_mentions > 1), (SELECT count(*) FROM referent WHERE ambiguous)
	  FROM entity WHERE status <> 'rejected'" |
	awk -F'|' -v name="$2" '{ printf "%s: %d mentions, %d linked to a referent with another mention (%.1f%%); %d referents, %d with two or more mentions, %d flagged ambiguous\n", name, $1, $2, 100 * $2 / $1, $3, $4, $5 }'
}

# judged FILE: precision of the judgements in FILE
judged() {
	awk -F'\t' '$1 == "y" { y++ } $1 == "n" { n++ } END {
		if (y + n) printf "  judged %d: %d right, %d wrong: %.1f%% right\n", y + n, y, n, 100 * y / (y + n)
		else print "  not judged yet" }' "$1"
}

for c in speed world; do
	name=$c; [ $c = world ] && name=worldwide
	counts "$work/$c.db" "$name"
	out=$top/bench/links-$name.tsv
	sample "$work/$c.db" "$work/$c.tsv"
	if [ -f "$out" ]; then
		# the same draw?  (the second column holds the entity ids)
		cut -f2 "$out" >"$work/old.ids"
		cut -f2 "$work/$c.tsv" >"$work/new.ids"
		cmp -s "$work/old.ids" "$work/new.ids" || echo "  (this build draws other links than $out holds)"
	else
		cp "$work/$c.tsv" "$out"
		echo "  wrote $out: judge each line (y or n in the first column)"
	fi
	judged "$out"
done

# nerve entities against nerve export of the same rows (best of 3)
best() {
	b=
	for i in 1 2 3; do
		s=$(date +%s.%N)
		"$@" >/dev/null
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc)" = 1 ]; then b=$t; fi
	done
	echo "$b"
}
ent=$(best "$nerve" --db "$work/speed.db" entities -o "$work/ents.csv")
exp=$(best "$nerve" --db "$work/speed.db" export --status all -o "$work/exp.csv")
echo "speed corpus: nerve entities $ent s, nerve export --status all $exp s (ratio $(echo "scale=2; $ent / $exp" | bc))"
