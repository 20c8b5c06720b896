# formats-lib.sh: helpers of the interchange tests (formats*.sh), sourced
# after lib.sh.  Offsets are checked by slicing texts by code points with
# the sqlite3 shell's substr() (tools/setup.sh installs it); without it,
# those checks are skipped with a message.
D="$TESTDATA/interchange"

# have_sqlite: 0 when the sqlite3 shell is there; says what is skipped
# otherwise.
have_sqlite() {
	command -v sqlite3 >/dev/null 2>&1 && return 0
	echo "SKIP (part): no sqlite3 shell to slice texts by code points" >&2
	return 1
}

# db_entities DB: "ext_id|start|end|type|status|[text]" for every entity,
# the text sliced from the stored article by code points.
db_entities() {
	sqlite3 "$1" "SELECT a.ext_id, e.start, e.\"end\", e.type, e.status,
	  '[' || substr(a.text, e.start + 1, e.\"end\" - e.start) || ']'
	  FROM entity e JOIN article a ON a.id = e.article ORDER BY a.id, e.start, e.\"end\", e.id"
}

# The lines of a file as rows of a recursive query (CTE "lines(line)").
lines_cte() {
	printf "WITH RECURSIVE split(line, rest) AS (SELECT NULL, CAST(readfile('%s') AS TEXT)
	  UNION ALL SELECT CASE WHEN instr(rest, char(10)) > 0
	    THEN substr(rest, 1, instr(rest, char(10)) - 1) ELSE rest END,
	  CASE WHEN instr(rest, char(10)) > 0 THEN substr(rest, instr(rest, char(10)) + 1)
	    ELSE '' END FROM split WHERE rest <> ''),
	  lines(line) AS (SELECT line FROM split WHERE line IS NOT NULL AND line <> '')" "$1"
}

# doccano_slices FILE: "id|start|end|type|[text]" for every label of every
# line, the text sliced from the line's text by code points.
doccano_slices() {
	sqlite3 :memory: "$(lines_cte "$1") SELECT json_extract(line, '\$.id'),
	  json_extract(value, '\$[0]'), json_extract(value, '\$[1]'), json_extract(value, '\$[2]'),
	  '[' || substr(json_extract(line, '\$.text'), json_extract(value, '\$[0]') + 1,
	    json_extract(value, '\$[1]') - json_extract(value, '\$[0]')) || ']'
	  FROM lines, json_each(line, '\$.label')"
}

# prodigy_slices FILE: the same for the spans of Prodigy lines, with the
# span's tokens (token_start..token_end) sliced too.
prodigy_slices() {
	sqlite3 :memory: "$(lines_cte "$1") SELECT json_extract(line, '\$.id'),
	  json_extract(value, '\$.start'), json_extract(value, '\$.end'),
	  json_extract(value, '\$.label'),
	  '[' || substr(json_extract(line, '\$.text'), json_extract(value, '\$.start') + 1,
	    json_extract(value, '\$.end') - json_extract(value, '\$.start')) || ']',
	  '[' || coalesce(substr(json_extract(line, '\$.text'),
	    json_extract(line, '\$.tokens[' || json_extract(value, '\$.token_start') || '].start') + 1,
	    json_extract(line, '\$.tokens[' || json_extract(value, '\$.token_end') || '].end')
	    - json_extract(line, '\$.tokens[' || json_extract(value, '\$.token_start') || '].start')),
	    '-') || ']'
	  FROM lines, json_each(line, '\$.spans')"
}

# brat_slices DIR/NAME: "id|type|start|end|[text]|field" for every T line
# of NAME.ann, the text sliced from NAME.txt by code points.
brat_slices() {
	sqlite3 :memory: "$(lines_cte "$1.ann"),
	  t(id, body, field) AS (SELECT substr(line, 1, instr(line, char(9)) - 1),
	    substr(substr(line, instr(line, char(9)) + 1), 1,
	      instr(substr(line, instr(line, char(9)) + 1), char(9)) - 1),
	    substr(substr(line, instr(line, char(9)) + 1),
	      instr(substr(line, instr(line, char(9)) + 1), char(9)) + 1)
	    FROM lines WHERE line LIKE 'T%'),
	  p(id, type, nums, field) AS (SELECT id, substr(body, 1, instr(body, ' ') - 1),
	    substr(body, instr(body, ' ') + 1), field FROM t),
	  q(id, type, s, e, field) AS (SELECT id, type,
	    CAST(substr(nums, 1, instr(nums, ' ') - 1) AS INTEGER),
	    CAST(substr(nums, instr(nums, ' ') + 1) AS INTEGER), field FROM p)
	  SELECT id, type, s, e, '[' || substr(CAST(readfile('$1.txt') AS TEXT), s + 1, e - s) || ']',
	    field FROM q"
}

# csv_rows FILE: the CSV's records without entity_id and updated_at,
# parsed by the sqlite3 shell (quotes, commas and newlines in cells).
csv_rows() {
	sqlite3 :memory: ".mode csv" ".import '$1' t" ".mode list" ".separator |" \
		"SELECT article_id, article_title, start, \"end\", text, type, status, origin,
		  annotator FROM t"
}
