#!/bin/sh
# layers.sh SRCDIR: check every #include of the C files under SRCDIR against
# the layers of HACKING.  A file in SRCDIR/L/ may include a header of its
# own folder by its bare name, and a header of another layer M as "M/x.h"
# only when L may use M; the system headers of SQLite, utf8proc and curses
# belong to one layer each; and no header includes itself through others.
# Prints one line per violation and exits 1 when there is any.
set -u
src=${1:?usage: layers.sh SRCDIR}
[ -d "$src" ] || { echo "layers.sh: no directory $src" >&2; exit 2; }
cd "$src" || exit 2

# Records for awk: "F<TAB>path" for every file, then
# "I<TAB>path<TAB>line:text" for every #include line.
{
	find . -name '*.[ch]' | sed 's|^\./||' | sort | sed 's/^/F	/'
	find . -name '*.[ch]' | sed 's|^\./||' | sort | while read -r f; do
		grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | sed "s|^|I	$f	|"
	done
} | awk -F'\t' '
BEGIN {
	# the table of HACKING: the layers each layer may use besides itself
	uses["lib"] = ""
	uses["text"] = "lib"
	uses["store"] = "lib text"
	uses["detect"] = "lib text"
	uses["formats"] = "lib text"
	uses["edit"] = "lib text store detect formats"
	uses["tui"] = "lib text store detect formats edit"
	uses["cli"] = "lib text store detect formats edit tui"
	for (l in uses) { n = split(uses[l], u, " "); for (i = 1; i <= n; i++) may[l, u[i]] = 1 }
	# system headers that one layer alone may include
	only["sqlite3.h"] = "store"
	only["utf8proc.h"] = "text"
	only["zlib.h"] = "lib"
	only["curses.h"] = "tui"; only["ncurses.h"] = "tui"; only["term.h"] = "tui"
	only["ncursesw/curses.h"] = "tui"; only["ncursesw/ncurses.h"] = "tui"
	bad = 0
}
function fail(msg) { print msg; bad = 1 }
$1 == "F" {
	exists[$2] = 1
	layer = $2; sub(/\/.*/, "", layer)
	if ($2 !~ /\//) fail($2 ": outside every layer folder")
	else if (!(layer in uses)) fail($2 ": " layer "/ is not a layer")
	next
}
$1 == "I" {
	file = $2
	layer = file; sub(/\/.*/, "", layer)
	dir = file; sub(/\/[^\/]*$/, "", dir)
	where = file ":" $3; sub(/:[^0-9].*$/, "", where); sub(/:$/, "", where)
	text = $3; sub(/^[0-9]+:/, "", text)
	if (match(text, /"[^"]*"/)) {
		h = substr(text, RSTART + 1, RLENGTH - 2)
		if (h == "config.h") next
		if (h !~ /\//) {
			if (!((dir "/" h) in exists))
				fail(where ": \"" h "\" is not in " dir "/ (name its layer: \"layer/" h "\")")
			edges[file] = edges[file] " " dir "/" h
			next
		}
		to = h; sub(/\/.*/, "", to)
		if (!(to in uses)) fail(where ": \"" h "\" is in no layer")
		else if (to != layer && !((layer, to) in may))
			fail(where ": " layer "/ may not use " to "/ (\"" h "\")")
		edges[file] = edges[file] " " h
	} else if (match(text, /<[^>]*>/)) {
		h = substr(text, RSTART + 1, RLENGTH - 2)
		if ((h in only) && only[h] != layer)
			fail(where ": <" h "> belongs to " only[h] "/, not " layer "/")
	}
}
function visit(f,    n, t, i) {
	if (state[f] == 2) return
	if (state[f] == 1) { fail("include circle through " f); return }
	state[f] = 1
	n = split(edges[f], t, " ")
	for (i = 1; i <= n; i++) visit(t[i])
	state[f] = 2
}
END {
	for (f in edges) visit(f)
	exit bad
}'
