#!/bin/sh
# setup.sh [--demo] [--log FILE] [BUILDDIR [CONFIGURE OPTIONS...]]:
# install the Debian packages nerve needs when they are missing (as root),
# bootstrap, configure and build in BUILDDIR (default: build).  Used by
# demo.sh and check.sh.
#
#   --demo      only the packages that build and run nerve, not those the
#               tests need as well
#   --log FILE  say each step in one line on stderr and send the output of
#               the tools to FILE, shown when a step fails
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
demo=no
log=
while [ $# -gt 0 ]; do
	case $1 in
	--demo) demo=yes; shift ;;
	--log) log=$2; shift 2 ;;
	*) break ;;
	esac
done
builddir=${1:-build}
[ $# -gt 0 ] && shift

# to build and run nerve
packages="build-essential autoconf automake autopoint gettext pkg-config
libncurses-dev libsqlite3-dev libutf8proc-dev zlib1g-dev"
# and to run its tests: the sqlite3 shell, a real terminal, valgrind, the
# shells whose completion is tested, and the locales of the translations
[ $demo = yes ] || packages="$packages sqlite3 tmux valgrind bash-completion zsh locales"

say() { echo "setup: $*" >&2; }
# run CMD...: run a step's tools with their output in the log; show the
# end of the log when they fail
run() {
	if ! "$@" >>"$log" 2>&1; then
		say "failed: $*; the last lines of $log:"
		tail -n 30 "$log" >&2
		exit 1
	fi
}
if [ -z "$log" ]; then
	log=$(mktemp "${TMPDIR:-/tmp}/nerve-setup.XXXXXX")
	trap 'rm -f "$log"' EXIT    # kept only by --log
fi
: >"$log"

missing=
for p in $packages; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		say "these Debian packages are missing and installing them needs root:$missing"
		exit 1
	fi
	say "installing Debian packages:$missing"
	export DEBIAN_FRONTEND=noninteractive
	run apt-get update -qq
	# shellcheck disable=SC2086
	run apt-get install -y -qq --no-install-recommends $missing
fi
# the locales of the translations, which the tests use (ll_LL.UTF-8 for
# each language ll of po/LINGUAS)
if [ $demo = no ] && [ -f /etc/locale.gen ] && [ "$(id -u)" = 0 ]; then
	need=
	for l in $(sed 's/#.*//' "$top/po/LINGUAS"); do
		l=${l}_$(echo "$l" | tr '[:lower:]' '[:upper:]')
		locale -a 2>/dev/null | grep -qix "$l.utf-\?8" || need="$need $l"
	done
	if [ -n "$need" ]; then
		say "generating locales:$need"
		for l in $need; do
			sed -i "s/^# *\($l.UTF-8 UTF-8\)/\1/" /etc/locale.gen
		done
		run locale-gen
	fi
fi

cd "$top"
if ! { [ -x configure ] && [ configure -nt configure.ac ]; }; then
	say "bootstrapping (autopoint, autoreconf)"
	run ./bootstrap
fi
mkdir -p "$builddir"
cd "$builddir"
if [ ! -f Makefile ] || [ "$top/configure" -nt Makefile ]; then
	say "configuring in $builddir"
	run "$top/configure" -q "$@"
fi
say "building in $builddir"
run make -s -j"$(nproc)"
