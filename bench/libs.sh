# libs.sh: sourced by the benchmarks that build a C program against the
# layer libraries of a build tree.  Sets NERVE_LIBS (the archives in link
# order, then the system libraries) from $build.
NERVE_LIBS=
for l in edit formats detect store text lib; do
	NERVE_LIBS="$NERVE_LIBS $build/src/$l/libnerve-$l.a"
done
NERVE_LIBS="$NERVE_LIBS $(pkg-config --libs sqlite3 libutf8proc zlib) -lm"
