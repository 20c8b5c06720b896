# configure.sh: configure refuses a SQLite without FTS5 or the JSON
# functions, with a message that says so.  A stub library stands in for
# such a SQLite (SQLITE_CFLAGS and SQLITE_LIBS bypass pkg-config).
. "$TESTLIB"
top=$SRCDIR/..
[ -x "$top/configure" ] || skip "no configure script in $top"
command -v "${CC:-cc}" >/dev/null || skip "no C compiler"
cc=${CC:-cc}

$cc -c -o "$T/stub.o" "$SQLITE_STUB" && ar rc "$T/libstub.a" "$T/stub.o" ||
	fail "cannot build the stub library"
mkdir "$T/b"
(cd "$T/b" && SQLITE_CFLAGS= SQLITE_LIBS="-L$T -lstub" \
	"$top/configure" --disable-nls >"$T/out" 2>"$T/err")
[ $? = 0 ] && fail "configure accepted a SQLite without FTS5"
contains "$T/err" "lacks FTS5 or the JSON functions"
contains "$T/out" "checking whether SQLite has FTS5 and the JSON functions... no"
finish
