# layers.sh: every #include under src/ keeps to the layers of HACKING, and
# the check itself fails when a violation is planted.
. "$TESTLIB"

expect 0 sh "$LAYERS" "$SRCDIR"
[ -s "$T/out" ] && fail "violations in src/: $(head -c 400 "$T/out")"

# Violations planted in a fresh copy of the tree, one case at a time.
copy() { rm -rf "$T/src"; cp -R "$SRCDIR" "$T/src"; }
add() { printf '%s\n' "$2" >>"$T/src/$1"; }
refused() { expect 1 sh "$LAYERS" "$T/src"; contains "$T/out" "$1"; }

copy; add detect/tagger.c '#include "store/store.h"'
refused 'detect/tagger.c:'
contains "$T/out" 'detect/ may not use store/'
copy; add detect/detect.c '#include <curses.h>'
refused '<curses.h> belongs to tui/, not detect/'
copy; add formats/fmt_csv.c '#include <sqlite3.h>'
refused '<sqlite3.h> belongs to store/, not formats/'
copy; add store/store.c '#include <utf8proc.h>'
refused '<utf8proc.h> belongs to text/, not store/'
copy; add tui/ui.c '#include "cli/cli.h"'
refused 'tui/ may not use cli/'
copy; add lib/util.c '#include "text/text.h"'
refused 'lib/ may not use text/'
copy; add text/text.c '#include "util.h"'
refused '"util.h" is not in text/'
copy; add lib/doc.h '#include "util.h"'; add lib/util.h '#include "doc.h"'
refused 'include circle'
copy; : >"$T/src/stray.c"
refused 'stray.c: outside every layer folder'
finish
