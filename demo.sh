#!/bin/sh
# demo.sh: set nerve up (Debian packages, build) and open it on a demo
# database made from the bundled sample reports in data/samples.
# Arguments, if any, are passed to nerve instead (./demo.sh stats).
set -e
top=$(cd "$(dirname "$0")" && pwd)
"$top/tools/setup.sh" build
export NERVE_DATADIR="$top/data"
db="$top/build/demo.db"
if [ ! -f "$db" ]; then
	"$top/build/src/nerve" --db "$db" import "$top/data/samples" || true
fi
exec "$top/build/src/nerve" --db "$db" "$@"
