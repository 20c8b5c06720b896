#!/bin/sh
# build.sh TOP BUILD: build the libFuzzer targets of tests/fuzz into
# BUILD/tests/fuzz with clang (FUZZ_CC; configure found it): the sources
# of every layer below the front ends compiled once with coverage,
# AddressSanitizer and UndefinedBehaviorSanitizer, then one binary per
# target and reader.  Run by 'make fuzz'; bench/fuzz.sh runs them.
set -eu
top=$1
build=$2
cc=${FUZZ_CC:-}
if [ -z "$cc" ]; then
	echo "make fuzz: no clang with libFuzzer (configure looked for one; set FUZZ_CC and" \
		"run configure again): skipped" >&2
	exit 0
fi
out=$build/tests/fuzz
obj=$out/obj
mkdir -p "$obj"
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
flags="-O1 -g $san -I$build -I$top/src -DLOCALEDIR=\"/nonexistent\" \
	-DPKGDATADIR=\"$top/data\" -DFUZZ_DATADIR=\"$top/data\" \
	$(pkg-config --cflags sqlite3 libutf8proc zlib)"
libs="$(pkg-config --libs sqlite3 libutf8proc zlib) -lm"

# the libraries, compiled once (again only when a source is newer)
objs=
for f in "$top"/src/lib/*.c "$top"/src/text/*.c "$top"/src/store/*.c "$top"/src/detect/*.c \
	"$top"/src/formats/*.c "$top"/src/edit/*.c; do
	layer=$(basename "$(dirname "$f")")
	o=$obj/$layer-$(basename "$f" .c).o
	if [ ! -f "$o" ] || [ "$f" -nt "$o" ]; then
		# shellcheck disable=SC2086
		$cc $flags -fsanitize=fuzzer-no-link -c "$f" -o "$o"
	fi
	objs="$objs $o"
done

target() {
	name=$1
	shift
	# shellcheck disable=SC2086
	$cc $flags -fsanitize=fuzzer "$@" $objs -o "$out/$name" $libs
	echo "make fuzz: $out/$name"
}
for fmt in text jsonl csv doccano prodigy conll brat; do
	upper=$(echo "$fmt" | tr a-z A-Z)
	target "import_$fmt" -DFUZZ_FORMAT=IMPORT_$upper "$top/tests/fuzz/fuzz_import.c"
done
target tokenize "$top/tests/fuzz/fuzz_tokenize.c"
target json "$top/tests/fuzz/fuzz_json.c"

# seed corpora from the test data, one directory per target
seed() {
	d=$out/seeds/$1
	shift
	mkdir -p "$d"
	for f in "$@"; do
		[ -f "$f" ] && cp "$f" "$d/$(echo "$f" | tr / _)"
	done
	:
}
data=$top/tests/data
seed import_text "$data"/reports/*.txt "$data"/detect-report.txt "$top"/data/samples/*.txt
seed import_jsonl "$data"/*.jsonl "$data"/interchange/*.jsonl
seed import_csv
printf 'article_id,article_title,entity_id,start,end,text,type,status,origin,annotator,updated_at\r\na.txt,T,1,0,13,Zakir Hasanov,PERSON,accepted,analyst,ann,2026-01-01T00:00:00Z\r\na.txt,T,2,26,30,Baku,LOC,suggested,detector,detector,2026-01-01T00:00:00Z\r\n' \
	>"$out/seeds/import_csv/export.csv"
seed import_doccano "$data"/interchange/*doccano*
seed import_prodigy "$data"/interchange/*prodigy*
seed import_conll "$data"/interchange/*.conll
mkdir -p "$out/seeds/import_brat"
for ann in $(find "$data" -name '*.ann'); do
	txt=${ann%.ann}.txt
	[ -f "$txt" ] || continue
	{ cat "$txt"; printf '\000'; cat "$ann"; } >"$out/seeds/import_brat/$(echo "$ann" | tr / _)"
done
seed tokenize "$data"/reports/*.txt "$data"/detect-report.txt "$top"/data/samples/*.txt
seed json "$data"/*.jsonl "$data"/*.json "$data"/interchange/*.jsonl
