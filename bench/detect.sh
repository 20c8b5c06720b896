#!/bin/sh
# bench/detect.sh: entity detection against the bars of issue 3, in one
# run: speed, model load and memory on the speed corpus (one core), the
# shipped model's scores on the three annotated corpora with their type
# maps, and learning from the analysts' domain (nerve train on the first
# 100 documents and on the first 70% of worldwide/dev, scored on its last
# 30%).  The speed part (SPEED_ONLY=1: only it) times detection alone
# (bench/detect-core.c, its checksum of the suggestions printed) and
# nerve import with and without detection, RUNS (default 5) interleaved.
#
# Run from the repository root after a build in build/ (BUILD=dir for
# another).  Reads ../shared/corpora (SHARED=dir to override).  Needs
# python3 (to cut the worldwide file) and /usr/bin/time.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
. "$top/bench/libs.sh"
shared=${SHARED:-$top/../shared}
[ -d "$shared" ] || shared=$top/../../shared   # a worktree beside the clone
corpora=$shared/corpora
nerve=$build/src/nerve
types=PERSON,ORG,LOC,DATE
[ -x "$nerve" ] || { echo "detect.sh: no nerve at $nerve (build first)" >&2; exit 1; }
[ -d "$corpora" ] || { echo "detect.sh: no corpora at $corpora" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "detect.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nerve-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export NERVE_DATADIR="$top/data" NERVE_DB="$work/bench.db" LC_ALL=C.UTF-8

echo "== speed (speed corpus, one core): detection alone, and import with and without it"
${CC:-cc} -O2 -Wall -I"$build" -I"$top/src" -o "$work/detect-core" "$top/bench/detect-core.c" \
	$NERVE_LIBS
gzip -dc "$corpora/speed/whitehouse_2009_2015.jsonl.gz" >"$work/speed.jsonl"
# the corpus lines carry an empty entity list, which import keeps as the
# document's annotations: without it the texts are detected
python3 - "$work/speed.jsonl" "$work/plain.jsonl" <<'PY'
import json, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in open(sys.argv[1], encoding="utf-8"):
        d = json.loads(line)
        d.pop("entities", None)
        out.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
chars=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["text"]) for l in open(sys.argv[1], encoding="utf-8")))' "$work/plain.jsonl")
# One thread, so one core (not pinned: on a shared machine a pinned core
# may be the busy one).  The three take turns RUNS times (bench/median.sh).
. "$top/bench/median.sh"
i=0
while [ $i -lt "${RUNS:-5}" ]; do
	bench_run core "$work/detect-core" "$work/speed.jsonl"
	grep '^detection' "$work/core.out" >>"$work/core.lines"
	rm -f "$work/import.db"*
	bench_run nodetect "$nerve" --db "$work/import.db" import --no-detect "$work/plain.jsonl"
	rm -f "$work/import.db"*
	bench_run detect "$nerve" --db "$work/import.db" import "$work/plain.jsonl"
	i=$((i + 1))
done
grep -v '^detection' "$work/core.out"
# detect_doc() alone, CPU seconds as detect-core measures them
sed 's/.*in \([0-9.]*\) s (\([0-9.]*\) s CPU).*/\2/' "$work/core.lines" | sort -g | awk -v chars="$chars" '
	{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "detect_doc() alone: %.2f s CPU median (%.2f-%.2f): %.2f M characters per CPU-second (%.2f-%.2f)\n",
	       m, v[1], v[NR], chars / m / 1e6, chars / v[NR] / 1e6, chars / v[1] / 1e6 }'
echo "import: $(cat "$work/detect.out")"
bench_head "M chars/s (median wall, CPU)"
bench_row core "detect-core (read, detect, no storing)" "$chars"
bench_row nodetect "nerve import --no-detect" "$chars"
bench_row detect "nerve import (detect and store)" "$chars"
printf '%s %s %s\n' "$(bench_stat detect cpu)" "$(bench_stat nodetect cpu)" "$(bench_stat core cpu)" | awk '
	{ printf "CPU medians: storing the suggestions %.2f s, finding them %.2f s (import - import --no-detect = %.2f s)\n",
	         $1 - $4 - $7, $7, $1 - $4 }'
[ "${SPEED_ONLY:-0}" = 0 ] || exit 0

echo "== the shipped model (exact / overlap F1 over $types)"
score() { # score NAME GOLD MAP
	"$nerve" eval --json --map "$3" --types $types "$2" | python3 -c '
import json, sys
d = json.load(sys.stdin)
e, o = d["exact"], d["overlap"]
print("%-16s exact F1 %.4f  overlap F1 %.4f  (%s)" % (sys.argv[1], e["ALL"]["f1"], o["ALL"]["f1"],
      "  ".join("%s %.3f/%.3f" % (t, e[t]["f1"], o[t]["f1"]) for t in sys.argv[2].split(","))))
' "$1" "$types"
}
score worldwide/dev "$corpora/worldwide/dev.jsonl" "$corpora/worldwide/typemap.json"
score gmb/test "$corpora/gmb/test.jsonl" "$corpora/gmb/typemap.json"
score re3d/dev "$corpora/re3d/dev.jsonl" "$corpora/re3d/typemap.json"

echo "== learning from the analysts' domain (worldwide/dev, scored on its last 30%)"
python3 - "$corpora/worldwide/dev.jsonl" "$work" <<'PY'
import sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
k = int(len(lines) * 0.7)
for name, part in (("first100", lines[:100]), ("first70", lines[:k]), ("last30", lines[k:])):
    open("%s/ww-%s.jsonl" % (sys.argv[2], name), "w", encoding="utf-8").writelines(part)
PY
for part in first100 first70; do
	NERVE_DB="$work/$part.db" "$nerve" train --map "$corpora/worldwide/typemap.json" \
		"$work/ww-$part.jsonl" >/dev/null
	NERVE_DB="$work/$part.db" score "trained $part" "$work/ww-last30.jsonl" \
		"$corpora/worldwide/typemap.json"
done
