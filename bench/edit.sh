#!/bin/sh
# bench/edit.sh: time per keystroke of the editing core, commit included,
# on a database of 100 reports and on one of a million (override with
# SIZES="100 1000000").  Run from the repository root after a build in
# build/ (BUILD=dir to use another).  The databases are kept in
# $BENCHDIR (default ${TMPDIR:-/tmp}/nerve-bench) for reruns: each run
# reviews the next 100 reports still to review; the small ones are made
# anew every time.
#
# The browser's own scripted review (keys through the article view) will
# replace this once the keys are wired; this measures the part below the
# screen.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
sizes=${SIZES:-"100 1000000"}
dir=${BENCHDIR:-${TMPDIR:-/tmp}/nerve-bench}
mkdir -p "$dir"
bin=$dir/edit-core
${CC:-cc} -O2 -Wall -Wformat -I"$build" -I"$top/src" -o "$bin" "$top/bench/edit-core.c" \
	"$build/src/libnerve.a" $(pkg-config --cflags --libs sqlite3 libutf8proc) -lm
for n in $sizes; do
	db=$dir/edit-$n.db
	for mode in "" idle; do
		[ "$n" -gt 10000 ] || rm -f "$db" "$db-wal" "$db-shm"
		"$bin" "$db" "$n" $mode
	done
done
