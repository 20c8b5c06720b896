#!/bin/sh
# demo.sh: set nerve up (Debian packages, build) and open it on a demo
# database made from the bundled sample reports in data/samples.  Until
# the browser exists it shows `nerve stats` of that database.
set -e
top=$(cd "$(dirname "$0")" && pwd)
"$top/tools/setup.sh" build
export NERVE_DATADIR="$top/data"
db="$top/build/demo.db"
if [ ! -f "$db" ]; then
	"$top/build/src/nerve" --db "$db" import "$top/data/samples" || true
fi
[ $# -gt 0 ] || set -- stats
exec "$top/build/src/nerve" --db "$db" "$@"
