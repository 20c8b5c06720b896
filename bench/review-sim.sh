#!/bin/sh
# bench/review-sim.sh GOLD.jsonl [--map typemap.json]: a simulated
# analyst works through GOLD in file order, from the command line only,
# with the model in the loop.
#
# The reports are imported without their entities (--no-detect).  Then,
# for each report in order:
#   nerve detect --article ID                  (the model as it is now)
#   nerve export --article ID --format jsonl --status all
#   nerve import --reviewed [--map MAP] REPORT (the gold: the analyst's
#                                               decisions; done; learnt)
# The corrections the analyst must make are counted from the export:
# every suggestion of type PERSON, ORG, LOC or DATE that is not exactly
# a gold entity of those types (span and type), plus every such gold
# entity not suggested.  A report's step is the time from detect
# --article to the end of import --reviewed.  The same count is made for
# the model without learning: a database of the same reports, detected
# once with the shipped model.
#
# Prints corrections per 100 gold entities for reports 1-100 and for 101
# to the end, with and without learning, and the median and worst step.
# NERVE (default build/src/nerve), WORK (default a temporary directory,
# removed after) and NERVE_DATADIR (default the tree's data/) may be
# set.  Needs python3.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
nerve=${NERVE:-$top/build/src/nerve}
gold=
map=
while [ $# -gt 0 ]; do
	case $1 in
	--map) map=$2; shift 2 ;;
	--map=*) map=${1#--map=}; shift ;;
	-*) echo "review-sim: unknown option $1" >&2; exit 2 ;;
	*) gold=$1; shift ;;
	esac
done
[ -n "$gold" ] || { echo "usage: review-sim.sh GOLD.jsonl [--map typemap.json]" >&2; exit 2; }
export NERVE_DATADIR=${NERVE_DATADIR:-$top/data}
export NERVE_ANNOTATOR=review-sim
keep=${WORK:+yes}
work=${WORK:-$(mktemp -d)}
mkdir -p "$work/reports"
[ -n "$keep" ] || trap 'rm -rf "$work"' EXIT
# a copy of the binary, so that a rebuild during the run changes nothing
cp "$nerve" "$work/nerve"
nerve=$work/nerve

# the reports with an id each, without entities; one gold file per report
python3 - "$gold" "$work" <<'EOF'
import json, sys
gold, work = sys.argv[1], sys.argv[2]
n = 0
seen = set()
dups = 0
with open(gold, encoding='utf-8') as f, open(work + '/plain.jsonl', 'w', encoding='utf-8') as plain, \
     open(work + '/ids', 'w', encoding='utf-8') as ids, \
     open(work + '/golds.jsonl', 'w', encoding='utf-8') as golds:
    for line in f:
        if not line.strip():
            continue
        d = json.loads(line)
        # nerve keeps one report of a text (and of an id): so does the analyst
        if d['text'] in seen or ('id' in d and d['id'] in seen):
            dups += 1
            continue
        seen.add(d['text'])
        if 'id' in d:
            seen.add(d['id'])
        n += 1
        d.setdefault('id', 'report-%d' % n)
        report = json.dumps(d, ensure_ascii=False) + '\n'
        with open('%s/reports/%06d.jsonl' % (work, n), 'w', encoding='utf-8') as r:
            r.write(report)
        golds.write(report)
        d.pop('entities', None)
        plain.write(json.dumps(d, ensure_ascii=False) + '\n')
        ids.write(d['id'] + '\n')
if dups:
    print('%d reports left out: the same text or id as an earlier one' % dups)
EOF

# without learning: every report detected once by the shipped model
NERVE_DB=$work/base.db "$nerve" import --no-detect "$work/plain.jsonl" >/dev/null
NERVE_DB=$work/base.db "$nerve" detect >/dev/null
NERVE_DB=$work/base.db "$nerve" export --format jsonl --status all -o "$work/base.jsonl"

# with learning, report by report (the loop in python3 only to time it:
# wall clock, and the processor time of the three commands)
export NERVE_DB=$work/loop.db
"$nerve" import --no-detect "$work/plain.jsonl" >/dev/null
python3 - "$nerve" "$work" "$map" <<'EOF'
import os, resource, subprocess, sys, time
nerve, work, mapfile = sys.argv[1], sys.argv[2], sys.argv[3]
maparg = ['--map', mapfile] if mapfile else []
ids = [l.rstrip('\n') for l in open(work + '/ids', encoding='utf-8')]
with open(work + '/loop.jsonl', 'wb') as out, open(work + '/steps', 'w') as steps:
    for i, id_ in enumerate(ids, 1):
        report = '%s/reports/%06d.jsonl' % (work, i)
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        subprocess.run([nerve, 'detect', '--article', id_], check=True, stdout=subprocess.DEVNULL)
        out.write(subprocess.run([nerve, 'export', '--article', id_, '--format', 'jsonl',
                                  '--status', 'all'], check=True, stdout=subprocess.PIPE).stdout)
        subprocess.run([nerve, 'import', '--reviewed'] + maparg + [report], check=True,
                       stdout=subprocess.DEVNULL)
        t1 = time.monotonic()
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        steps.write('%.6f %.6f\n' % (t1 - t0, cpu))
EOF

python3 - "$work/golds.jsonl" "$work" "$map" <<'EOF'
import json, sys
gold, work, mapfile = sys.argv[1], sys.argv[2], sys.argv[3]
tmap = json.load(open(mapfile, encoding='utf-8')) if mapfile else {}
KEEP = {'PERSON', 'ORG', 'LOC', 'DATE'}
golds = []
for line in open(gold, encoding='utf-8'):
    if not line.strip():
        continue
    d = json.loads(line)
    g = set()
    for e in d.get('entities', []):
        t = tmap.get(e['type'], e['type'])
        if t in KEEP:
            g.add((e['start'], e['end'], t))
    golds.append(g)

def counts(path):
    sugg = {}
    for line in open(path, encoding='utf-8'):
        d = json.loads(line)
        sugg[d['id']] = {(e['start'], e['end'], e['type']) for e in d['entities']
                         if e.get('status') == 'suggested' and e['type'] in KEEP}
    return sugg

ids = [l.rstrip('\n') for l in open(work + '/ids', encoding='utf-8')]
def score(sugg):
    c, g = [0, 0], [0, 0]
    for i, (id_, gs) in enumerate(zip(ids, golds)):
        s = sugg.get(id_, set())
        h = 1 if i >= 100 else 0
        c[h] += len(s - gs) + len(gs - s)
        g[h] += len(gs)
    return c, g
base_c, g = score(counts(work + '/base.jsonl'))
loop_c, _ = score(counts(work + '/loop.jsonl'))
rows = [l.split() for l in open(work + '/steps')]
steps = sorted(float(w) for w, c in rows)
cpus = sorted(float(c) for w, c in rows)
def per100(c, n):
    return 100.0 * c / n if n else 0.0
print('reports: %d, gold entities (PERSON, ORG, LOC, DATE): %d in 1-100, %d in 101-'
      % (len(ids), g[0], g[1]))
print('corrections per 100 gold entities, 1-100:  without learning %.1f, with %.1f'
      % (per100(base_c[0], g[0]), per100(loop_c[0], g[0])))
if g[1]:
    print('corrections per 100 gold entities, 101-:   without learning %.1f, with %.1f (%.1f%% fewer)'
          % (per100(base_c[1], g[1]), per100(loop_c[1], g[1]),
             100.0 * (base_c[1] - loop_c[1]) / base_c[1] if base_c[1] else 0.0))
print('step (detect --article to the end of import --reviewed): median %.3f s, worst %.3f s'
      % (steps[len(steps) // 2], steps[-1]))
print('  processor time of its three commands: median %.3f s, worst %.3f s'
      % (cpus[len(cpus) // 2], cpus[-1]))
EOF
