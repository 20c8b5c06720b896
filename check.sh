#!/bin/sh
# check.sh: set nerve up (Debian packages) and run the whole test suite
# twice: a normal build, then one with AddressSanitizer and
# UndefinedBehaviorSanitizer (failures fatal).
set -e
top=$(cd "$(dirname "$0")" && pwd)
status=0
"$top/tools/setup.sh" build
make -C "$top/build" -s check || { status=1; cat "$top"/build/tests/test-suite.log >&2 || :; }
"$top/tools/setup.sh" build-asan --enable-sanitizers CFLAGS="-O1 -g"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	make -C "$top/build-asan" -s check || { status=1; cat "$top"/build-asan/tests/test-suite.log >&2 || :; }
[ $status = 0 ] && echo "check.sh: all tests passed (normal and sanitizer builds)"
exit $status
