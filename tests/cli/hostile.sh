# hostile.sh: input made to attack the analyst's terminal or to slip past
# the readers.  Every message that quotes input text shows terminal
# controls (OSC 52 writes the clipboard, OSC 0 retitles the window), C1
# controls and bidi overrides as visible escapes; exports keep the text
# as stored.  JSON \u0000 escapes, lone surrogates and keys given twice
# are refused with file, line, field and byte.
. "$TESTLIB"

esc=$(printf '\033')
bel=$(printf '\007')
osc52="${esc}]52;c;SGVsbG8=${bel}"
osc0="${esc}]0;owned${bel}"
rlo=$(printf '\342\200\256')      # U+202E RIGHT-TO-LEFT OVERRIDE
csi8=$(printf '\302\233')         # U+009B, the C1 CSI

# no_raw FILE: FILE holds no ESC, BEL, C1 or bidi override
no_raw() {
	if grep -q "$esc\|$bel\|$rlo\|$csi8" "$1"; then
		fail "$1 holds a raw control: $(od -c "$1" | head -5)"
	fi
}

# a brat type that writes the clipboard
mkdir -p "$T/brat"
printf 'Zakir Hasanov met them.\n' >"$T/brat/a.txt"
printf 'T1\t%s 0 13\tZakir Hasanov\n' "X${osc52}" >"$T/brat/a.ann"
expect 1 "$NERVE" import "$T/brat"
no_raw "$T/err"
contains "$T/err" 'X\x1b]52;c;SGVsbG8=\x07'

# a JSON Lines entity type and id with controls
printf '{"id": "i\\u001b]0;owned\\u0007", "text": "Baku", "entities": [{"start": 0, "end": 4, "type": "L\\u009b2J"}]}\n' >"$T/types.jsonl"
expect 1 "$NERVE" import "$T/types.jsonl"
no_raw "$T/err"
contains "$T/err" 'L\u009b2J'

# "the id ... is taken": the id quoted in a message
printf '{"id": "dup%s", "text": "one"}\n{"id": "dup%s", "text": "two"}\n' "$osc0" "$osc0" |
	sed 's/\x1b/\\u001b/g; s/\x07/\\u0007/g' >"$T/ids.jsonl"
expect 0 "$NERVE" import "$T/ids.jsonl"
no_raw "$T/err"
contains "$T/err" 'the id dup\x1b]0;owned\x07 is taken'

# a file name with a bidi override and an escape
name="$T/evil${rlo}${esc}[2Jtxt.txt"
printf 'Ankara.\n' >"$name"
chmod 000 "$name"
if ! as_root; then
	expect 1 "$NERVE" import "$name"
	no_raw "$T/err"
	contains "$T/err" '\u202e\x1b[2J'
fi
chmod 644 "$name"
expect 1 "$NERVE" import "$T/nothere${esc}]0;x${bel}.txt"
no_raw "$T/err"
contains "$T/err" 'nothere\x1b]0;x\x07.txt'

# a CSV whose text does not match: both texts quoted
"$NERVE" export --format csv --status all -o "$T/rows.csv" 2>/dev/null
printf 'article_id,start,end,text,type\nevil.txt,0,2,"A%s",LOC\n' "$osc52" >"$T/bad.csv"
expect 1 "$NERVE" import "$T/bad.csv"
no_raw "$T/err"

# nerve types: a type with a bidi override is refused, and quoted escaped
expect 1 "$NERVE" types add "T${rlo}X"
no_raw "$T/err"
contains "$T/err" "'T\u202eX' is not a valid type name"
expect 0 "$NERVE" types
no_raw "$T/out"

# exports are data: the text as stored
printf '{"id": "keep", "text": "Ankara \\u202e said"}\n' >"$T/keep.jsonl"
expect 0 "$NERVE" import --no-detect "$T/keep.jsonl"
expect 0 "$NERVE" export --format jsonl --article keep
contains "$T/out" "Ankara ${rlo} said"

# JSON: \u0000 is refused, naming file, line, field and byte ...
printf '{"text": "fine"}\n{"id": "n", "text": "cut\\u0000here"}\n' >"$T/nul.jsonl"
expect 1 "$NERVE" import --no-detect "$T/nul.jsonl"
contains "$T/err" 'nul.jsonl:2: "text": a \u0000 (NUL) escape at byte 41; nothing of this file was imported'
# ... or replaced under --replace-invalid, one character for one
expect 0 "$NERVE" import --no-detect --replace-invalid "$T/nul.jsonl"
expect 0 "$NERVE" export --format jsonl --article n
contains "$T/out" "\"text\":\"cut$(printf '\357\277\275')here\""
# a lone surrogate names the byte in the file
printf '{"text": "fine two"}\n{"text": "a\\ud800b"}\n' >"$T/sur.jsonl"
expect 1 "$NERVE" import --no-detect "$T/sur.jsonl"
contains "$T/err" 'sur.jsonl:2: "text": a lone surrogate \ud800 at byte 32'
# a key given twice
printf '{"text": "first", "id": "k", "text": "second"}\n' >"$T/twice.jsonl"
expect 1 "$NERVE" import --no-detect "$T/twice.jsonl"
contains "$T/err" 'twice.jsonl:1: the key "text" appears twice at byte 29'
# doccano too
printf '{"text": "x", "label": [], "label": [[0, 1, "A"]]}\n' >"$T/twice-doccano.jsonl"
expect 1 "$NERVE" import --no-detect --format doccano "$T/twice-doccano.jsonl"
contains "$T/err" 'the key "label" appears twice'
# a type longer than 63 bytes is refused, not cut
long=$(printf 'T%.0s' $(seq 64))
printf '{"text": "Baku", "entities": [{"start": 0, "end": 4, "type": "%s"}]}\n' "$long" >"$T/long.jsonl"
expect 1 "$NERVE" import --no-detect "$T/long.jsonl"
contains "$T/err" 'long.jsonl:1: entity 1: the type is longer than 63 bytes'
finish
