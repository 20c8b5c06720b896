# files.sh: files that are not files.  A directory walk takes regular
# files only (a FIFO named *.txt would hang it, a link to /dev/zero fill
# the memory); a file named on the command line may be anything readable
# (so <(zcat ...) works); input larger than --max-size (default 1 GiB) is
# refused as soon as the limit is passed, counted while reading.
. "$TESTLIB"

# watchdog CMD...: run CMD for at most 20 seconds (exit 124 when killed)
watchdog() { timeout 20 "$@"; }

mkdir "$T/dir"
printf 'Ankara.\n' >"$T/dir/real.txt"
mkfifo "$T/dir/fifo.txt"
ln -s /dev/zero "$T/dir/zero.txt"
expect 1 watchdog "$NERVE" import --no-detect "$T/dir"
contains "$T/out" "imported: 1"
contains "$T/err" "dir/fifo.txt: not a regular file; skipped"
contains "$T/err" "dir/zero.txt: not a regular file; skipped"
# a symbolic link to a regular file is a file
ln -s "$T/dir/real.txt" "$T/link-dir-target.txt"
mkdir "$T/dir2"
ln -s "$T/dir/real.txt" "$T/dir2/link.txt"
printf 'Baku.\n' >"$T/dir2/other.txt"
expect 0 "$NERVE" import --no-detect "$T/dir2"
contains "$T/out" "imported: 1, duplicates: 1"

# a FIFO named on the command line is read
printf '{"text": "Tbilisi, from a pipe."}\n' >"$T/pipe.src"
mkfifo "$T/named.jsonl"
cat "$T/pipe.src" >"$T/named.jsonl" &
expect 0 watchdog "$NERVE" import --no-detect "$T/named.jsonl"
wait
contains "$T/out" "imported: 1"

# /dev/zero named on the command line stops at the limit
expect 1 watchdog "$NERVE" import --no-detect --max-size 1M --format text /dev/zero
contains "$T/err" "/dev/zero: larger than the limit of 1 MiB (--max-size)"
expect 1 watchdog "$NERVE" import --no-detect --max-size 1M --format jsonl /dev/zero
contains "$T/err" "/dev/zero: larger than the limit of 1 MiB (--max-size); nothing of this file was imported"
# (/dev/zero as CSV is a NUL byte at once; rows past the limit instead)
{
	printf 'article_id,start,end,type\n'
	i=0
	while [ $i -lt 200 ]; do printf 'nothere,0,1,LOC\n'; i=$((i + 1)); done
} >"$T/rows.csv"
expect 1 "$NERVE" import --max-size 1K "$T/rows.csv"
contains "$T/err" "rows.csv: larger than the limit of 1 KiB (--max-size); nothing of this file was imported"

# a file just over the limit is refused, one of exactly the limit is not
head -c 1023 /dev/zero | tr '\0' 'a' >"$T/k.txt"
printf '\n' >>"$T/k.txt"
expect 0 "$NERVE" import --no-detect --max-size 1K "$T/k.txt"
printf 'b' >>"$T/k.txt"
expect 1 "$NERVE" import --no-detect --max-size 1K "$T/k.txt"
contains "$T/err" "k.txt: larger than the limit"
# standard input too
expect 1 sh -c "head -c 5000 /dev/zero | tr '\\\\0' x | '$NERVE' import --no-detect --max-size 4K -"
contains "$T/err" "standard input: larger than the limit"

# bad sizes are misuse
for bad in 0 -5 12X 1.5M ''; do
	expect 2 "$NERVE" import --max-size "$bad" "$T/k.txt"
	contains "$T/err" "--max-size takes a size in bytes"
done
finish
