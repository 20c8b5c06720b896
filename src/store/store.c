/*
 * store.c: opening the database, its schema and migrations, transactions,
 * the statement cache and backup (see store.h).
 */
#include "config.h"
#include "store.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_impl.h"
#include "lib/util.h"

/*
 * Migrations: migrations[i] takes a database from user_version i to i+1.
 * Never edit one that has shipped; append a new one and bump
 * STORE_SCHEMA_VERSION.
 */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE article (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  ext_id TEXT NOT NULL UNIQUE,\n"
	"  title TEXT NOT NULL DEFAULT '',\n"
	"  source TEXT NOT NULL DEFAULT '',\n"
	"  published TEXT NOT NULL DEFAULT '',\n"
	"  text TEXT NOT NULL,\n"
	"  sha256 TEXT NOT NULL UNIQUE,\n"
	"  imported_at TEXT NOT NULL,\n"
	"  state TEXT NOT NULL DEFAULT 'new'\n"
	"    CHECK (state IN ('new', 'in_progress', 'done')),\n"
	"  reviewed_by TEXT NOT NULL DEFAULT '',\n"
	"  reviewed_at TEXT NOT NULL DEFAULT '',\n"
	"  annotated INTEGER NOT NULL DEFAULT 0,\n"
	"  n_entities INTEGER NOT NULL DEFAULT 0,\n"   /* suggested + accepted, by trigger */
	"  n_suggested INTEGER NOT NULL DEFAULT 0\n"   /* suggested, by trigger */
	");\n"
	"CREATE INDEX article_state ON article(state, id);\n"
	"CREATE INDEX article_published ON article(published, id);\n"
	"CREATE INDEX article_title ON article(title, id);\n"
	"CREATE TABLE entity_type (\n"
	"  name TEXT PRIMARY KEY,\n"
	"  hotkey INTEGER UNIQUE CHECK (hotkey BETWEEN 1 AND 9),\n"
	"  colour TEXT NOT NULL,\n"
	"  description TEXT NOT NULL DEFAULT '',\n"
	"  ord INTEGER NOT NULL\n"
	");\n"
	"INSERT INTO entity_type (name, hotkey, colour, description, ord) VALUES\n"
	"  ('PERSON', 1, 'cyan', 'people', 1),\n"
	"  ('ORG', 2, 'magenta', 'organisations', 2),\n"
	"  ('LOC', 3, 'green', 'places', 3),\n"
	"  ('DATE', 4, 'yellow', 'dates and times', 4),\n"
	"  ('NORP', 5, 'blue', 'nationalities, religious and political groups', 5),\n"
	"  ('EVENT', 6, 'red', 'named events', 6),\n"
	"  ('TITLE', 7, '208', 'ranks and offices', 7),\n"
	"  ('MISC', 8, '244', 'other names', 8);\n"
	"CREATE TABLE entity (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,\n"
	"  start INTEGER NOT NULL,\n"
	"  \"end\" INTEGER NOT NULL,\n"
	"  type TEXT NOT NULL REFERENCES entity_type(name) ON UPDATE CASCADE,\n"
	"  status TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),\n"
	"  origin TEXT NOT NULL CHECK (origin IN ('detector', 'analyst', 'import')),\n"
	"  confidence REAL,\n"
	"  annotator TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  CHECK (start >= 0 AND \"end\" > start)\n"
	");\n"
	"CREATE INDEX entity_article ON entity(article, start);\n"
	"CREATE INDEX entity_updated ON entity(updated_at);\n"
	/* The journal: one row per change made by an analyst or an import.
	 * before/after are JSON objects of the entity's fields (NULL when it
	 * did not exist); grp ties the rows of one keystroke together (the
	 * unit of undo); undo_of names the grp a row undoes or redoes. */
	"CREATE TABLE edit (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  at TEXT NOT NULL,\n"
	"  annotator TEXT NOT NULL,\n"
	"  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,\n"
	"  entity INTEGER,\n"
	"  action TEXT NOT NULL,\n"
	"  before TEXT,\n"
	"  after TEXT,\n"
	"  grp INTEGER NOT NULL,\n"
	"  undo_of INTEGER\n"
	");\n"
	"CREATE INDEX edit_annotator ON edit(annotator, grp);\n"
	/* undo and redo look up whether a group was reversed already */
	"CREATE INDEX edit_undo_of ON edit(undo_of) WHERE undo_of IS NOT NULL;\n"
	"CREATE TABLE model (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  created_at TEXT NOT NULL,\n"
	"  trained_on TEXT NOT NULL,\n"
	"  scores TEXT NOT NULL DEFAULT '{}',\n"
	"  active INTEGER NOT NULL DEFAULT 0,\n"
	"  data BLOB NOT NULL\n"
	");\n"
	"CREATE VIRTUAL TABLE article_fts USING fts5(title, text,\n"
	"  content='article', content_rowid='id');\n"
	"CREATE TRIGGER article_fts_ai AFTER INSERT ON article BEGIN\n"
	"  INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);\n"
	"END;\n"
	"CREATE TRIGGER article_fts_ad AFTER DELETE ON article BEGIN\n"
	"  INSERT INTO article_fts(article_fts, rowid, title, text)\n"
	"    VALUES ('delete', old.id, old.title, old.text);\n"
	"END;\n"
	"CREATE TRIGGER article_fts_au AFTER UPDATE OF title, text ON article BEGIN\n"
	"  INSERT INTO article_fts(article_fts, rowid, title, text)\n"
	"    VALUES ('delete', old.id, old.title, old.text);\n"
	"  INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);\n"
	"END;\n"
	/* The browser's article list (store_browse.c): entity tallies per
	 * article and article counts per review state, kept by triggers, so
	 * that sorting by suggestions left and counting the rows of a filter
	 * never scan the corpus; and an index per sort order within a
	 * state, so that a filtered list pages by index too. */
	"CREATE INDEX article_suggested ON article(n_suggested, id);\n"
	"CREATE INDEX article_state_published ON article(state, published, id);\n"
	"CREATE INDEX article_state_title ON article(state, title, id);\n"
	"CREATE INDEX article_state_suggested ON article(state, n_suggested, id);\n"
	"CREATE TABLE article_tally (\n"
	"  state TEXT PRIMARY KEY,\n"
	"  n INTEGER NOT NULL\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO article_tally (state, n) VALUES ('new', 0), ('in_progress', 0), ('done', 0);\n"
	"CREATE TRIGGER article_tally_ai AFTER INSERT ON article BEGIN\n"
	"  UPDATE article_tally SET n = n + 1 WHERE state = new.state;\n"
	"END;\n"
	"CREATE TRIGGER article_tally_ad AFTER DELETE ON article BEGIN\n"
	"  UPDATE article_tally SET n = n - 1 WHERE state = old.state;\n"
	"END;\n"
	"CREATE TRIGGER article_tally_au AFTER UPDATE OF state ON article\n"
	"  WHEN old.state <> new.state BEGIN\n"
	"  UPDATE article_tally SET n = n - 1 WHERE state = old.state;\n"
	"  UPDATE article_tally SET n = n + 1 WHERE state = new.state;\n"
	"END;\n"
	"CREATE TRIGGER entity_tally_ai AFTER INSERT ON entity BEGIN\n"
	"  UPDATE article SET n_entities = n_entities + (new.status <> 'rejected'),\n"
	"    n_suggested = n_suggested + (new.status = 'suggested') WHERE id = new.article;\n"
	"END;\n"
	"CREATE TRIGGER entity_tally_ad AFTER DELETE ON entity BEGIN\n"
	"  UPDATE article SET n_entities = n_entities - (old.status <> 'rejected'),\n"
	"    n_suggested = n_suggested - (old.status = 'suggested') WHERE id = old.article;\n"
	"END;\n"
	"CREATE TRIGGER entity_tally_au AFTER UPDATE OF status, article ON entity\n"
	"  WHEN old.status <> new.status OR old.article <> new.article BEGIN\n"
	"  UPDATE article SET n_entities = n_entities - (old.status <> 'rejected'),\n"
	"    n_suggested = n_suggested - (old.status = 'suggested') WHERE id = old.article;\n"
	"  UPDATE article SET n_entities = n_entities + (new.status <> 'rejected'),\n"
	"    n_suggested = n_suggested + (new.status = 'suggested') WHERE id = new.article;\n"
	"END;\n",
	/* 1 -> 2: referents (what several mentions refer to: one person, one
	 * organisation).  An entity belongs to at most one (entity.referent).
	 * key is the linking key (the folded name), surname and initial those
	 * of a person's name; name_rank says how good a mention the name was
	 * taken from ((accepted << 20) + its length), so that a better one
	 * replaces it without reading the others; named: the analyst named
	 * it.  The tallies are kept by triggers (and redone after a bulk
	 * load, store_bulk_end()); indexes serve the entity view's sort
	 * orders.  Referents are never deleted: one left without mentions
	 * (by an undo, a split or a merge) is skipped by every query. */
	"CREATE TABLE referent (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  type TEXT NOT NULL REFERENCES entity_type(name) ON UPDATE CASCADE,\n"
	"  name TEXT NOT NULL,\n"
	"  name_rank INTEGER NOT NULL DEFAULT 0,\n"
	"  named INTEGER NOT NULL DEFAULT 0,\n"
	"  key TEXT NOT NULL,\n"
	"  surname TEXT NOT NULL DEFAULT '',\n"
	"  initial TEXT NOT NULL DEFAULT '',\n"
	"  ambiguous INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at TEXT NOT NULL,\n"
	"  n_mentions INTEGER NOT NULL DEFAULT 0,\n"   /* suggested + accepted */
	"  n_articles INTEGER NOT NULL DEFAULT 0,\n"   /* with any linked entity */
	"  n_accepted INTEGER NOT NULL DEFAULT 0,\n"
	"  n_suggested INTEGER NOT NULL DEFAULT 0,\n"
	"  n_rejected INTEGER NOT NULL DEFAULT 0\n"
	");\n"
	"CREATE INDEX referent_key ON referent(type, key);\n"
	"CREATE INDEX referent_surname ON referent(type, surname, id);\n"
	"CREATE INDEX referent_mentions ON referent(n_mentions, id);\n"
	"CREATE INDEX referent_articles ON referent(n_articles, id);\n"
	"CREATE INDEX referent_undecided ON referent(n_suggested, id);\n"
	"CREATE INDEX referent_name ON referent(name, id);\n"
	"ALTER TABLE entity ADD COLUMN referent INTEGER REFERENCES referent(id);\n"
	"CREATE INDEX entity_referent ON entity(referent, article) WHERE referent IS NOT NULL;\n"
	"CREATE TRIGGER referent_tally_ai AFTER INSERT ON entity WHEN new.referent IS NOT NULL\n"
	"BEGIN\n"
	"  UPDATE referent SET n_mentions = n_mentions + (new.status <> 'rejected'),\n"
	"    n_accepted = n_accepted + (new.status = 'accepted'),\n"
	"    n_suggested = n_suggested + (new.status = 'suggested'),\n"
	"    n_rejected = n_rejected + (new.status = 'rejected'),\n"
	"    n_articles = n_articles + NOT EXISTS (SELECT 1 FROM entity WHERE referent = new.referent\n"
	"      AND article = new.article AND id <> new.id)\n"
	"  WHERE id = new.referent;\n"
	"END;\n"
	"CREATE TRIGGER referent_tally_ad AFTER DELETE ON entity WHEN old.referent IS NOT NULL\n"
	"BEGIN\n"
	"  UPDATE referent SET n_mentions = n_mentions - (old.status <> 'rejected'),\n"
	"    n_accepted = n_accepted - (old.status = 'accepted'),\n"
	"    n_suggested = n_suggested - (old.status = 'suggested'),\n"
	"    n_rejected = n_rejected - (old.status = 'rejected'),\n"
	"    n_articles = n_articles - NOT EXISTS (SELECT 1 FROM entity WHERE referent = old.referent\n"
	"      AND article = old.article)\n"
	"  WHERE id = old.referent;\n"
	"END;\n"
	/* The status counts follow the status and the referent; the article
	 * count only the referent and the article (after the update the row
	 * holds its new values: the old referent keeps the article while
	 * another of its entities is there, the new one gains it unless one
	 * was). */
	"CREATE TRIGGER referent_tally_au AFTER UPDATE OF referent, status ON entity\n"
	"  WHEN old.referent IS NOT new.referent OR old.status <> new.status BEGIN\n"
	"  UPDATE referent SET n_mentions = n_mentions - (old.status <> 'rejected'),\n"
	"    n_accepted = n_accepted - (old.status = 'accepted'),\n"
	"    n_suggested = n_suggested - (old.status = 'suggested'),\n"
	"    n_rejected = n_rejected - (old.status = 'rejected')\n"
	"  WHERE id = old.referent;\n"
	"  UPDATE referent SET n_mentions = n_mentions + (new.status <> 'rejected'),\n"
	"    n_accepted = n_accepted + (new.status = 'accepted'),\n"
	"    n_suggested = n_suggested + (new.status = 'suggested'),\n"
	"    n_rejected = n_rejected + (new.status = 'rejected')\n"
	"  WHERE id = new.referent;\n"
	"END;\n"
	"CREATE TRIGGER referent_articles_au AFTER UPDATE OF referent, article ON entity\n"
	"  WHEN old.referent IS NOT new.referent OR old.article <> new.article BEGIN\n"
	"  UPDATE referent SET n_articles = n_articles - NOT EXISTS (SELECT 1 FROM entity\n"
	"    WHERE referent = old.referent AND article = old.article)\n"
	"  WHERE id = old.referent;\n"
	"  UPDATE referent SET n_articles = n_articles + NOT EXISTS (SELECT 1 FROM entity\n"
	"    WHERE referent = new.referent AND article = new.article AND id <> new.id)\n"
	"  WHERE id = new.referent;\n"
	"END;\n",
	/* 2 -> 3: the model in the loop.  learn holds the generation of what
	 * detection uses (bumped by every change of the model, its online
	 * updates or the decisions' memory: other processes compare it to
	 * their own and reload) and the model's own generation (the model and
	 * its updates only: suggestions older than it are made again);
	 * model_update the online step of each article
	 * marked done, as integer weight deltas on top of the model it was
	 * computed against (base: a model row, 0 the shipped model), active
	 * until its done mark is undone or a retrain folds it in; decision
	 * the memory of decisions, the count of accepted and rejected
	 * entities per string and type, kept by triggers (so that undo, which
	 * restores entity rows, takes a decision's effect back with it);
	 * article.detected_gen the model generation its suggestions were made at,
	 * and article.uncertainty their expected number of corrections
	 * (the sum of 1 - confidence), for the uncertainty sort. */
	"CREATE TABLE learn (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  generation INTEGER NOT NULL DEFAULT 1,\n"
	"  model_generation INTEGER NOT NULL DEFAULT 1,\n"
	"  learned_at TEXT NOT NULL DEFAULT ''\n"
	");\n"
	"INSERT INTO learn (id) VALUES (1);\n"
	"CREATE TABLE model_update (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,\n"
	"  grp INTEGER NOT NULL,\n"
	"  base INTEGER NOT NULL,\n"
	"  active INTEGER NOT NULL DEFAULT 1,\n"
	"  created_at TEXT NOT NULL,\n"
	"  data BLOB NOT NULL\n"
	");\n"
	"CREATE INDEX model_update_base ON model_update(base, active, id);\n"
	"CREATE INDEX model_update_grp ON model_update(grp);\n"
	"CREATE TABLE decision (\n"
	"  text TEXT NOT NULL,\n"
	"  type TEXT NOT NULL,\n"
	"  status TEXT NOT NULL,\n"
	"  n INTEGER NOT NULL,\n"
	"  PRIMARY KEY (text, type, status)\n"
	") WITHOUT ROWID;\n"
	"CREATE TRIGGER decision_ai AFTER INSERT ON entity WHEN new.status <> 'suggested' BEGIN\n"
	"  INSERT INTO decision (text, type, status, n)\n"
	"    SELECT substr(text, new.start + 1, new.\"end\" - new.start), new.type, new.status, 1\n"
	"    FROM article WHERE id = new.article\n"
	"    ON CONFLICT DO UPDATE SET n = n + 1;\n"
	"  UPDATE learn SET generation = generation + 1;\n"
	"END;\n"
	"CREATE TRIGGER decision_ad AFTER DELETE ON entity WHEN old.status <> 'suggested' BEGIN\n"
	"  UPDATE decision SET n = n - 1 WHERE status = old.status AND type = old.type AND\n"
	"    text = (SELECT substr(text, old.start + 1, old.\"end\" - old.start)\n"
	"            FROM article WHERE id = old.article);\n"
	"  UPDATE learn SET generation = generation + 1;\n"
	"END;\n"
	"CREATE TRIGGER decision_au AFTER UPDATE OF status, type, start, \"end\", article ON entity\n"
	"  WHEN (old.status <> 'suggested' OR new.status <> 'suggested') AND\n"
	"  (old.status, old.type, old.start, old.\"end\", old.article) IS NOT\n"
	"  (new.status, new.type, new.start, new.\"end\", new.article) BEGIN\n"
	"  UPDATE decision SET n = n - 1 WHERE old.status <> 'suggested' AND\n"
	"    status = old.status AND type = old.type AND\n"
	"    text = (SELECT substr(text, old.start + 1, old.\"end\" - old.start)\n"
	"            FROM article WHERE id = old.article);\n"
	"  INSERT INTO decision (text, type, status, n)\n"
	"    SELECT substr(text, new.start + 1, new.\"end\" - new.start), new.type, new.status, 1\n"
	"    FROM article WHERE id = new.article AND new.status <> 'suggested'\n"
	"    ON CONFLICT DO UPDATE SET n = n + 1;\n"
	"  UPDATE learn SET generation = generation + 1;\n"
	"END;\n"
	"ALTER TABLE article ADD COLUMN detected_gen INTEGER NOT NULL DEFAULT 0;\n"
	"ALTER TABLE article ADD COLUMN uncertainty REAL NOT NULL DEFAULT 0;\n"
	"CREATE INDEX article_uncertainty ON article(uncertainty, id);\n"
	"CREATE INDEX article_state_uncertainty ON article(state, uncertainty, id);\n",
	/* 3 -> 4: the detector's span and type of an entity an analyst or an
	 * import changed (all NULL while unchanged) */
	"ALTER TABLE entity ADD COLUMN original_start INTEGER;\n"
	"ALTER TABLE entity ADD COLUMN original_end INTEGER;\n"
	"ALTER TABLE entity ADD COLUMN original_type TEXT;\n",
};

_Static_assert(ARRAY_SIZE(migrations) == STORE_SCHEMA_VERSION,
               "one migration per schema version");

void store_now(char out[STORE_TIME_LEN])
{
	time_t now = time(NULL);
	struct tm tm;
	if (!gmtime_r(&now, &tm) || !strftime(out, STORE_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm))
		out[0] = '\0';
}

int store_step_ids(struct store *st, sqlite3_stmt *s, int64_t **ids, size_t *n,
                   const char *what)
{
	size_t cap = 0;
	int rc;
	*ids = NULL;
	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xgrow(*ids, &cap, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_fail(st, what);
	}
	return 0;
}

int store_fail(struct store *st, const char *what)
{
	int code = sqlite3_extended_errcode(st->db);
	const char *msg = sqlite3_errmsg(st->db);
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED)
		/* TRANSLATORS: the database file, then what nerve was doing
		 * ("opening", "committing", "saving the decision") */
		err_set(_("%s: %s: the database is locked by another process"), st->path, what);
	else if ((code & 0xff) == SQLITE_READONLY)
		err_set(_("%s: %s: the database is read-only"), st->path, what);
	else if ((code & 0xff) == SQLITE_FULL)
		err_set(_("%s: %s: the disk is full"), st->path, what);
	else if ((code & 0xff) == SQLITE_CORRUPT)
		err_set(_("%s: %s: the database file is corrupt (restore it from a backup)"),
		        st->path, what);
	else if ((code & 0xff) == SQLITE_NOTADB)
		err_set(_("%s: not a nerve database (the file is not an SQLite database)"), st->path);
	else
		err_set("%s: %s: %s", st->path, what, msg);
	return -1;
}

sqlite3_stmt *store_stmt(struct store *st, const char *sql)
{
	for (size_t i = 0; i < st->ncache; i++) {
		if (st->cache[i].sql == sql) {
			sqlite3_stmt *s = st->cache[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return s;
		}
	}
	sqlite3_stmt *s;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		store_fail(st, _("preparing a query"));
		return NULL;
	}
	st->cache = xgrow(st->cache, &st->capcache, st->ncache + 1, sizeof *st->cache);
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache].stmt = s;
	st->ncache++;
	return s;
}

int store_step_done(struct store *st, sqlite3_stmt *s, const char *what)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_fail(st, what);
	return 0;
}

char *store_col_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return t ? xstrndup((const char *)t, (size_t)sqlite3_column_bytes(s, i)) : NULL;
}

char *store_col_str(sqlite3_stmt *s, int i)
{
	char *t = store_col_dup(s, i);
	return t ? t : xstrdup("");
}

void store_col_copy(sqlite3_stmt *s, int i, char *dst, size_t size)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	snprintf(dst, size, "%s", t ? (const char *)t : "");
}

static int exec(struct store *st, const char *sql, const char *what)
{
	if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(st, what);
	return 0;
}

static int user_version(struct store *st, int *v)
{
	sqlite3_stmt *s;
	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Explain why a database could not be read, in the user's terms. */
static void open_error(struct store *st)
{
	int code = sqlite3_errcode(st->db);
	if (code == SQLITE_NOTADB)
		err_set(_("%s: not a nerve database (the file is not an SQLite database)"), st->path);
	else if (code == SQLITE_CORRUPT)
		err_set(_("%s: the database file is corrupt"), st->path);
	else
		store_fail(st, _("opening"));
}

static int migrate(struct store *st, int from)
{
	if (exec(st, "BEGIN IMMEDIATE", _("starting the schema upgrade")) < 0)
		return -1;
	/* Another process may have migrated while we waited for the lock. */
	if (user_version(st, &from) < 0) {
		open_error(st);
		goto fail;
	}
	for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
		if (exec(st, migrations[v], _("upgrading the schema")) < 0)
			goto fail;
	}
	if (from < STORE_SCHEMA_VERSION) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
		if (exec(st, pragma, _("upgrading the schema")) < 0)
			goto fail;
	}
	if (exec(st, "COMMIT", _("committing the schema upgrade")) < 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* Check the directory and file before SQLite sees them, so that each
 * failure gets its own message and nothing is created by mistake. */
static int check_path(const char *path, int flags)
{
	struct stat sb;
	if (stat(path, &sb) == 0) {
		if (S_ISDIR(sb.st_mode)) {
			err_set(_("%s: is a directory, not a database"), path);
			return -1;
		}
		if (access(path, R_OK) != 0) {
			err_set(_("%s: cannot read the database: %s"), path, strerror(errno));
			return -1;
		}
		/* SQLite would take an empty file for a new database: only a
		 * command that creates one may */
		if (S_ISREG(sb.st_mode) && sb.st_size == 0 && !(flags & STORE_CREATE)) {
			err_set(_("%s: the database file is empty (0 bytes), not a nerve database"), path);
			return -1;
		}
		if (!(flags & STORE_READONLY) && access(path, W_OK) != 0) {
			err_set(_("%s: the database is read-only"), path);
			return -1;
		}
		return 0;
	}
	if (errno != ENOENT) {
		err_set("%s: %s", path, strerror(errno));
		return -1;
	}
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash) {
		*slash = '\0';
		if (dir[0] && stat(dir, &sb) != 0) {
			err_set(_("%s: the directory %s does not exist"), path, dir);
			rc = -1;
		} else if (dir[0] && !S_ISDIR(sb.st_mode)) {
			err_set(_("%s: %s is not a directory"), path, dir);
			rc = -1;
		}
	}
	free(dir);
	if (rc == 0 && (!(flags & STORE_CREATE) || (flags & STORE_READONLY))) {
		err_set(_("%s: no such database"), path);
		rc = -1;
	}
	return rc;
}

struct store *store_open(const char *path, int flags)
{
	int memory = strcmp(path, ":memory:") == 0;
	if (!memory && check_path(path, flags) < 0)
		return NULL;

	struct store *st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->flags = flags;
	int oflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
	if (flags & STORE_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE | ((flags & STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &st->db, oflags, NULL) != SQLITE_OK) {
		if (st->db)
			/* TRANSLATORS: what nerve was doing when the database failed */
			store_fail(st, _("opening"));
		else
			err_set(_("%s: cannot open the database"), path);
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 10000);

	int version = 0;
	if (user_version(st, &version) < 0) {
		open_error(st);
		goto fail;
	}
	if (version == 0 && !memory) {
		/* An SQLite file with tables but no version is someone else's:
		 * never add nerve's tables to it.  Reading the schema also finds a
		 * file whose first page is damaged. */
		sqlite3_stmt *s;
		int n = -1;
		if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_schema", -1, &s, NULL) ==
		    SQLITE_OK) {
			if (sqlite3_step(s) == SQLITE_ROW)
				n = sqlite3_column_int(s, 0);
			sqlite3_finalize(s);
		}
		if (n < 0) {
			store_fail(st, _("opening"));
			goto fail;
		}
		if (n > 0) {
			err_set(_("%s: not a nerve database (an SQLite database of something else)"), path);
			goto fail;
		}
	}
	if (version < 0) {
		err_set(_("%s: not a nerve database (its schema version is %d)"), path, version);
		goto fail;
	}
	if (version > STORE_SCHEMA_VERSION) {
		err_set(_("%s: the database was written by a newer nerve (schema %d; this one "
		          "knows up to %d); upgrade nerve to open it"),
		        path, version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	if (!(flags & STORE_READONLY) && sqlite3_db_readonly(st->db, "main") == 1) {
		err_set(_("%s: the database is read-only"), path);
		goto fail;
	}
	if (exec(st, "PRAGMA foreign_keys = ON", _("opening")) < 0)
		goto fail;
	if (flags & STORE_READONLY) {
		if (version < STORE_SCHEMA_VERSION) {
			err_set(_("%s: the database needs an upgrade, which a read-only open "
			          "cannot do"), path);
			goto fail;
		}
		return st;
	}
	if (!memory && exec(st, "PRAGMA journal_mode = WAL", _("opening")) < 0)
		goto fail;
	if (exec(st, (flags & STORE_SYNC_FULL) ? "PRAGMA synchronous = FULL"
	                                        : "PRAGMA synchronous = NORMAL",
	         _("opening")) < 0)
		goto fail;
	if (version < STORE_SCHEMA_VERSION && migrate(st, version) < 0)
		goto fail;
	return st;
fail:
	store_close(&st);
	return NULL;
}

void store_close(struct store **pst)
{
	struct store *st = *pst;
	if (!st)
		return;
	for (size_t i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	free(st->cache);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
	*pst = NULL;
}

const char *store_path(const struct store *st)
{
	return st->path;
}

int store_readonly(const struct store *st)
{
	return (st->flags & STORE_READONLY) != 0;
}

int store_begin(struct store *st)
{
	/* A statement left mid-result holds a read snapshot; BEGIN IMMEDIATE
	 * on an old snapshot fails at once instead of waiting for the other
	 * writer.  Statements are only ever read to their end or to the row
	 * needed, so resetting them here loses nothing. */
	for (sqlite3_stmt *q = sqlite3_next_stmt(st->db, NULL); q; q = sqlite3_next_stmt(st->db, q))
		if (sqlite3_stmt_busy(q))
			sqlite3_reset(q);
	return exec(st, "BEGIN IMMEDIATE", _("starting a transaction"));
}

int store_commit(struct store *st)
{
	if (exec(st, "COMMIT", _("committing")) < 0) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

int store_in_transaction(struct store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

void store_rollback(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int store_backup(struct store *st, const char *path,
                 void (*step)(void *arg, int done, int total), void *arg)
{
	sqlite3 *dst;
	if (sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		err_set("%s: %s", path, dst ? sqlite3_errmsg(dst) : _("cannot create the file"));
		sqlite3_close(dst);
		return -1;
	}
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", st->db, "main");
	int rc = SQLITE_OK;
	if (b) {
		do {
			rc = sqlite3_backup_step(b, 256);
			if (step) {
				int total = sqlite3_backup_pagecount(b);
				step(arg, total - sqlite3_backup_remaining(b), total);
			}
			if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
				sqlite3_sleep(50);
		} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
		sqlite3_backup_finish(b);
	}
	if (!b || rc != SQLITE_DONE) {
		err_set("%s: %s", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return -1;
	}
	sqlite3_close(dst);
	return 0;
}
