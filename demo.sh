#!/bin/sh
# demo.sh: set nerve up (the Debian packages it needs, a build in build/)
# and open it on a demo database made from the bundled sample reports in
# data/samples.  One line per step; the tools' output goes to
# build/setup.log, shown when a step fails.  Arguments, if any, are passed
# to nerve instead (./demo.sh stats).
set -e
top=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$top/build"
"$top/tools/setup.sh" --demo --log "$top/build/setup.log" build
db="$top/build/demo.db"
if [ ! -f "$db" ]; then
	echo "demo: importing the sample reports of data/samples into build/demo.db" >&2
	"$top/build/src/nerve" --db "$db" import "$top/data/samples" >/dev/null || true
fi
[ $# -gt 0 ] || echo "demo: opening the browser (? for help, q to quit)" >&2
exec "$top/build/src/nerve" --db "$db" "$@"
