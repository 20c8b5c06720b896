# median.sh: sourced by the benchmarks that time whole processes.  Every
# figure they print is the median of N runs with its minimum and maximum,
# the commands being compared taking turns inside one loop (interleaved),
# so that the load of a shared machine falls on all of them alike.
#
#   . bench/median.sh            # needs $work, a scratch directory
#   i=0
#   while [ $i -lt "$runs" ]; do
#       bench_run nerve "$nerve" --db "$work/n.db" import ...
#       bench_run shell sqlite3 "$work/s.db" ".read $work/s.sql"
#       bench_prep ...           # anything between runs, untimed
#       i=$((i + 1))
#   done
#   bench_head
#   bench_row nerve "nerve import --no-detect" [CHARS]
#
# bench_run NAME CMD... runs CMD under /usr/bin/time -v (standard output
# to $work/NAME.out, standard error to $work/NAME.err; a failure stops
# the benchmark) and appends "wall user sys maxrss_kb" to $work/NAME.runs.
# bench_stat NAME FIELD prints "median min max" of a field (wall, user,
# sys, cpu = user + sys, rss in MB).  bench_row prints one table row:
# wall and CPU seconds as median (min-max), peak memory as the largest
# of the runs, and with CHARS, millions of characters per second of the
# median wall time and of the median CPU time.
#
# Wall time on a shared machine drifts with the other jobs; CPU time
# (user + sys) much less; instruction counts (perf stat -e instructions,
# valgrind --tool=callgrind) not at all.  The README says which a figure is.

[ -x /usr/bin/time ] || { echo "median.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[ -n "${work:-}" ] && [ -d "$work" ] || { echo "median.sh: set work to a scratch directory" >&2; exit 1; }

bench_run() {
	bench_name=$1
	shift
	/usr/bin/time -v -o "$work/$bench_name.time" "$@" >"$work/$bench_name.out" \
		2>"$work/$bench_name.err" </dev/null || {
		echo "bench: $bench_name failed: $*" >&2
		cat "$work/$bench_name.err" >&2
		exit 1
	}
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0
		                           for (i = 1; i <= n; i++) s = s * 60 + p[i]; wall = s }
		/User time/ { user = $2 }
		/System time/ { sys = $2 }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%.3f %.3f %.3f %d\n", wall, user, sys, rss }' \
		"$work/$bench_name.time" >>"$work/$bench_name.runs"
}

# bench_stat NAME FIELD: "median min max" of FIELD over NAME's runs.
bench_stat() {
	awk -v f="$2" '{
		if (f == "wall") x = $1; else if (f == "user") x = $2; else if (f == "sys") x = $3
		else if (f == "cpu") x = $2 + $3; else x = $4 / 1024
		print x }' "$work/$1.runs" | sort -g | awk '{ v[NR] = $1 }
		END { if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2
		      printf "%.3f %.3f %.3f\n", m, v[1], v[NR] }'
}

# bench_runs NAME: how many runs NAME has.
bench_runs() {
	wc -l <"$work/$1.runs" | tr -d ' '
}

bench_head() {
	printf '%-44s %-22s %-22s %8s %s\n' "" "wall s: median (min-max)" \
		"CPU s: median (min-max)" "peak MB" "${1:-}"
}

# bench_row NAME LABEL [CHARS]
bench_row() {
	set -- "$1" "$2" "${3:-}" "$(bench_stat "$1" wall)" "$(bench_stat "$1" cpu)" \
		"$(bench_stat "$1" rss)"
	# shellcheck disable=SC2086
	printf '%s %s %s\n' "$4" "$5" "$6" | awk -v label="$2" -v chars="$3" -v n="$(bench_runs "$1")" '{
		rate = chars != "" ? sprintf("  %5.1f M chars/s (%5.1f of CPU)", chars / $1 / 1e6, chars / $4 / 1e6) : ""
		printf "%-44s %6.2f (%5.2f-%6.2f)   %6.2f (%5.2f-%6.2f)   %7.1f%s  [%d runs]\n",
			label, $1, $2, $3, $4, $5, $6, $9, rate, n }'
}
