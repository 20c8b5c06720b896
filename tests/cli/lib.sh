# lib.sh: shared helpers of the command-line tests.  Each test sources it,
# gets a fresh temporary directory in $T, and calls fail/skip.
set -u
T=$(mktemp -d "${TMPDIR:-/tmp}/nerve-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export NERVE_DB="$T/test.db"
export NERVE_ANNOTATOR=tester
export LC_ALL=C.UTF-8 TZ=UTC HOME="$T" XDG_DATA_HOME="$T/xdg"
[ -n "${DATADIR:-}" ] && export NERVE_DATADIR="$DATADIR"
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
skip() { echo "SKIP: $*" >&2; exit 77; }
# expect STATUS CMD...: run CMD, check its exit status; output in $T/out, $T/err
expect() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"; got=$?
	[ "$got" = "$want" ] || fail "$* exited $got, want $want: $(head -c 400 "$T/err")"
}
# contains FILE TEXT: FILE must contain TEXT
contains() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(head -c 400 "$1")"; }
finish() { [ "$failures" = 0 ] || exit 1; exit 0; }
# lacks FILE TEXT: FILE must not contain TEXT
lacks() { ! grep -qF -- "$2" "$1" || fail "$1 has '$2': $(head -c 400 "$1")"; }
# same FILE1 FILE2: the files must be byte for byte the same
same() { cmp -s "$1" "$2" || fail "$1 and $2 differ: $(diff "$1" "$2" | head -c 400)"; }
# as_root: true when permission bits do not stop this process
as_root() { [ "$(id -u)" = 0 ]; }
# rows FILE: number of lines of FILE
rows() { wc -l <"$1" | tr -d ' '; }
