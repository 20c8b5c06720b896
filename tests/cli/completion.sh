# completion.sh: the bash and zsh completion scripts load, and what they
# offer is what nerve takes: the commands and options of each --help,
# formats, statuses and states that nerve accepts, and the types of the
# database named by --db.
. "$TESTLIB"
bash_script=$SRCDIR/../completion/bash/nerve
zsh_script=$SRCDIR/../completion/zsh/_nerve
command -v bash >/dev/null || skip "no bash"
export PATH="$(dirname "$NERVE"):$PATH"

# bcomp WORD...: what bash completes for the command line WORD... (the
# last word being completed), sorted, one a line
bcomp() {
	bash --norc --noprofile -c '. "$1"; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_nerve nerve "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}"' bcomp "$bash_script" "$@" | sed '/^$/d' | sort
}
# longopts: the long options a help text on standard input mentions
longopts() { grep -o -- '--[a-z][a-z-]*' | sort -u; }
# same_list WHAT FILE1 FILE2
same_list() { cmp -s "$2" "$3" || fail "$1: $(diff "$2" "$3" | tr '\n' ' ')"; }

bash --norc --noprofile -c '. "$1"; complete -p nerve' _ "$bash_script" >"$T/out" 2>"$T/err" ||
	fail "sourcing the bash completion: $(cat "$T/err")"
contains "$T/out" "complete -F _nerve nerve"

# the commands and global options of nerve --help
"$NERVE" --help >"$T/help"
sed -n '/^Commands:/,/^$/p' "$T/help" | awk 'NF > 1 { print $1 }' | sort >"$T/want"
bcomp nerve "" >"$T/got"
same_list "commands" "$T/want" "$T/got"
sed -n '/^Global options/,$p' "$T/help" | longopts >"$T/global"
bcomp nerve -- >"$T/got"
same_list "global options" "$T/global" "$T/got"

# each command's options: its --help's and the global ones
for cmd in $(cat "$T/want"); do
	{ "$NERVE" "$cmd" --help | longopts; cat "$T/global"; } | sort -u >"$T/want-$cmd"
	bcomp nerve "$cmd" -- >"$T/got"
	same_list "options of $cmd" "$T/want-$cmd" "$T/got"
	# after a global option too
	bcomp nerve --db x.db "$cmd" -- >"$T/got"
	same_list "options of $cmd after --db" "$T/want-$cmd" "$T/got"
done

# formats, statuses and states: each one offered is one nerve accepts
# (a misuse exits 2; an empty database fails with 1)
bcomp nerve import --format "" >"$T/got"
[ "$(rows "$T/got")" = 7 ] || fail "import formats: $(cat "$T/got" | tr '\n' ' ')"
for f in $(cat "$T/got"); do
	"$NERVE" import --format "$f" "$T/missing" >/dev/null 2>&1
	[ $? = 2 ] && fail "import --format $f, offered by completion, is misuse"
done
bcomp nerve export --format "" >"$T/got"
[ "$(rows "$T/got")" = 6 ] || fail "export formats: $(cat "$T/got" | tr '\n' ' ')"
grep -qx text "$T/got" && fail "export offers format text"
for f in $(cat "$T/got"); do
	"$NERVE" export --format "$f" -o "$T/export-$f" >/dev/null 2>&1
	[ $? = 2 ] && fail "export --format $f, offered by completion, is misuse"
done
bcomp nerve export --status "" >"$T/got"
for s in $(cat "$T/got"); do
	"$NERVE" export --status "$s" >/dev/null 2>&1
	[ $? = 2 ] && fail "export --status $s, offered by completion, is misuse"
done
contains "$T/got" "suggested"
bcomp nerve export --status accepted,re >"$T/got"
contains "$T/got" "accepted,rejected"
bcomp nerve export --state=in >"$T/got"
contains "$T/got" "in_progress"
bcomp nerve --sync "" >"$T/got"
contains "$T/got" "full"

# types: those of the database --db names, not of $NERVE_DB
expect 0 "$NERVE" --db "$T/other.db" import --no-detect "$TESTDATA/detect-report.txt"
expect 0 "$NERVE" --db "$T/other.db" types add "WEAPON"
"$NERVE" --db "$T/other.db" types --names | sort >"$T/want"
bcomp nerve --db "$T/other.db" export --type "" >"$T/got"
same_list "types of --db" "$T/want" "$T/got"
contains "$T/got" "WEAPON"
bcomp nerve export --db="$T/other.db" --type W >"$T/got"
[ "$(cat "$T/got")" = WEAPON ] || fail "--db=FILE --type W: $(cat "$T/got")"
bcomp nerve --db "$T/other.db" types colour "" >"$T/got"
contains "$T/got" "PERSON"
bcomp nerve --db "$T/other.db" types colour PERSON "" >"$T/got"
contains "$T/got" "magenta"
bcomp nerve --db "$T/nothing.db" export --type "" >"$T/got"
[ -s "$T/got" ] && fail "types of a missing database: $(cat "$T/got")"
[ -e "$T/nothing.db" ] && fail "completion created the database"

# zsh: the script parses, compinit finds it for nerve, and each
# command's block names the same options as that command's --help
if command -v zsh >/dev/null; then
	zsh -n "$zsh_script" || fail "zsh -n $zsh_script"
	got=$(cd "$T" && zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit
		compinit -u -d "$2"; print -r -- $_comps[nerve]' _ "$(dirname "$zsh_script")" "$T/zcompdump")
	[ "$got" = _nerve ] || fail "zsh compinit does not find _nerve for nerve: '$got'"
	for cmd in import export stats types backup detect eval train; do
		awk -v c="$cmd" '$0 ~ "^\t\t\\(([a-z]+\\|)*" c "(\\|[a-z]+)*\\)$" { on = 1; next }
			on { print } on && /;;/ { on = 0 }' "$zsh_script" | longopts | grep -vx -- --color >"$T/got"
		sed -n '/^\tglobal=(/,/^\t)/p' "$zsh_script" | longopts >>"$T/got"
		sort -u -o "$T/got" "$T/got"
		same_list "zsh options of $cmd" "$T/want-$cmd" "$T/got"
	done
	# and it completes, in a real interactive zsh (zpty): formats, and
	# the types of the database --db names
	cat >"$T/z.zsh" <<'END'
zmodload zsh/zpty || exit 77
zpty z 'zsh -f -i'
zpty -w z 'PS1="> "; setopt nobeep; unset NERVE_DB'
zpty -w z "fpath=(${(q)1} \$fpath); autoload -Uz compinit; compinit -u -d ${(q)2}/zcd"
zpty -w z "path=(${(q)3} \$path)"
zpty -w -n z $'nerve export --format \t'
zpty -r -m z out '*doccano*prodigy*' && print -r -- "$out" >"$2/z-formats"
zpty -w -n z $'\x15nerve --db '"${(q)2}"$'/other.db export --type \t'
zpty -r -m z out '*WEAPON*' && print -r -- "$out" >"$2/z-types"
zpty -d z
END
	timeout 60 zsh -f "$T/z.zsh" "$(dirname "$zsh_script")" "$T" "$(dirname "$NERVE")" >/dev/null 2>&1
	case $? in
	0) contains "$T/z-formats" "conll"
	   contains "$T/z-types" "PERSON" ;;
	77) echo "note: no zsh/zpty module: zsh's completion not tried" ;;
	*) fail "zsh did not complete formats and types (see $T/z-*)" ;;
	esac
else
	echo "note: zsh is not installed; its completion is not tested"
fi
finish
