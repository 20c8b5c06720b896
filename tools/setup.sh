#!/bin/sh
# setup.sh [BUILDDIR [CONFIGURE OPTIONS...]]: install the Debian packages
# nerve needs when they are missing (as root), bootstrap, configure and
# build in BUILDDIR (default: build).  Used by demo.sh and check.sh.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-build}
[ $# -gt 0 ] && shift

packages="build-essential autoconf automake autopoint gettext pkg-config
libncurses-dev libsqlite3-dev libutf8proc-dev sqlite3 tmux valgrind"
missing=
for p in $packages; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing" >&2
	if [ "$(id -u)" != 0 ]; then
		echo "setup: these Debian packages are missing and installing them needs root:$missing" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null
	# shellcheck disable=SC2086
	apt-get install -y -qq $missing >/dev/null
fi

cd "$top"
[ -x configure ] && [ configure -nt configure.ac ] || ./bootstrap >/dev/null 2>&1 || ./bootstrap
mkdir -p "$builddir"
cd "$builddir"
if [ ! -f Makefile ] || [ "$top/configure" -nt Makefile ]; then
	"$top/configure" -q "$@"
fi
make -s -j"$(nproc)" >/dev/null
