#!/bin/sh
# bench/json.sh [BUILDDIR]: the speed of nerve's JSON Lines reader alone.
#
# Builds bench/json-parse.c against the layer libraries of BUILDDIR
# (default: build) and parses the speed corpus (decompressed first) into
# documents RUNS times (default 5), storing nothing; prints the fastest.
# CORPUS overrides the corpus file.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
corpus=${CORPUS:-$top/../shared/corpora/speed/whitehouse_2009_2015.jsonl.gz}
[ -f "$build/src/formats/libnerve-formats.a" ] || { echo "json.sh: build first ($build)" >&2; exit 1; }
[ -r "$corpus" ] || { echo "json.sh: cannot read $corpus" >&2; exit 1; }
. "$top/bench/libs.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/nerve-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
${CC:-cc} -O2 -Wall -I"$build" -I"$top/src" -o "$work/json-parse" "$top/bench/json-parse.c" \
	$NERVE_LIBS
gzip -dc "$corpus" >"$work/speed.jsonl"
"$work/json-parse" "$work/speed.jsonl" "${RUNS:-5}"
