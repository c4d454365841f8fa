/* ib-store-migrations.c
 *
 * Each migration is frozen once released: a later schema change is a new number, never an
 * edit here, because databases in the field were made by the old text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ib-store"

#include "config.h"

#include "ib-store-migrations.h"

/* The sync columns every synced table carries, plus `extra` for fields
 * from a newer peer that this version does not know but must not erase. */
#define SYNC_COLUMNS \
  "id TEXT PRIMARY KEY NOT NULL," \
  "rev INTEGER NOT NULL DEFAULT 0 CHECK (rev >= 0)," \
  "class TEXT NOT NULL DEFAULT 'public' CHECK (class IN ('public', 'exempt'))," \
  "exempt_paragraph INTEGER CHECK (exempt_paragraph BETWEEN 1 AND 7)," \
  "deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))," \
  "updated_at TEXT," \
  "updated_by TEXT," \
  "extra TEXT," \
  "sample INTEGER,"

#define REF(t) " TEXT REFERENCES " t " (id) DEFERRABLE INITIALLY DEFERRED"

static const char migration_1[] =
  "CREATE TABLE meeting (" SYNC_COLUMNS
  "  kind TEXT, held_on TEXT, title TEXT);"

  "CREATE TABLE inspection (" SYNC_COLUMNS
  "  kind TEXT, framework TEXT, starts_on TEXT, ends_on TEXT, published_on TEXT,"
  "  visit_number INTEGER, lead_inspector TEXT, theme TEXT, summary TEXT, link TEXT);"

  "CREATE TABLE judgement (" SYNC_COLUMNS
  "  inspection" REF ("inspection") ", area TEXT, grade TEXT);"

  "CREATE TABLE finding (" SYNC_COLUMNS
  "  inspection" REF ("inspection") ", kind TEXT, text TEXT, sort_order INTEGER,"
  "  linked_actions TEXT);"

  "CREATE TABLE plan (" SYNC_COLUMNS
  "  title TEXT, version_label TEXT, origin_inspection" REF ("inspection") ","
  "  starts_on TEXT, ends_on TEXT, status TEXT, successor_plan" REF ("plan") ");"

  "CREATE TABLE priority (" SYNC_COLUMNS
  "  plan" REF ("plan") ", code TEXT, title TEXT, sort_order INTEGER, linked_findings TEXT);"

  "CREATE TABLE indicator (" SYNC_COLUMNS
  "  code TEXT, title TEXT, definition TEXT, category TEXT, unit TEXT, decimals INTEGER,"
  "  polarity TEXT, frequency TEXT, target REAL, tolerance REAL);"

  "CREATE TABLE measurement (" SYNC_COLUMNS
  "  indicator" REF ("indicator") ", period TEXT, value REAL, numerator REAL,"
  "  denominator REAL, england REAL, stat_neighbours REAL, region REAL, note TEXT);"

  "CREATE TABLE risk (" SYNC_COLUMNS
  "  ref TEXT, title TEXT, cause TEXT, event TEXT, consequence TEXT, category TEXT,"
  "  owner TEXT, inherent_l INTEGER, inherent_i INTEGER, residual_l INTEGER,"
  "  residual_i INTEGER, target_l INTEGER, target_i INTEGER, target_by TEXT,"
  "  controls TEXT, further_actions TEXT, linked_actions TEXT, response TEXT,"
  "  appetite TEXT, status TEXT, next_review TEXT);"

  "CREATE TABLE action (" SYNC_COLUMNS
  "  plan" REF ("plan") ", priority" REF ("priority") ", ref TEXT, title TEXT,"
  "  description TEXT, accountable_officer TEXT, lead_service TEXT, horizon TEXT,"
  "  starts_on TEXT, due_on TEXT, status TEXT, delivery_rag TEXT, impact_rag TEXT,"
  "  rag_override_reason TEXT, linked_indicators TEXT, linked_risks TEXT);"

  "CREATE TABLE position_statement (" SYNC_COLUMNS
  "  action" REF ("action") ", as_at TEXT, author TEXT, narrative TEXT,"
  "  delivery_rag TEXT, impact_rag TEXT, next_steps TEXT, meeting" REF ("meeting") ");"

  "CREATE TABLE risk_review (" SYNC_COLUMNS
  "  risk" REF ("risk") ", reviewed_on TEXT, residual_l INTEGER, residual_i INTEGER,"
  "  note TEXT, meeting" REF ("meeting") ");"

  /* Local-only sync tables: docs/sync-protocol.md §13. */
  "CREATE TABLE outbox ("
  "  lseq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  mid TEXT NOT NULL UNIQUE,"
  "  type TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete', 'resolve')),"
  "  base_rev INTEGER NOT NULL DEFAULT 0,"
  "  parent TEXT,"
  "  class TEXT,"
  "  exempt_paragraph INTEGER,"
  "  set_json TEXT,"
  "  was_json TEXT,"
  "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'conflict', 'rejected')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  created_at TEXT NOT NULL);"

  "CREATE TABLE sync_base ("
  "  type TEXT NOT NULL, id TEXT NOT NULL, rev INTEGER NOT NULL, fields TEXT NOT NULL,"
  "  PRIMARY KEY (type, id));"

  "CREATE TABLE conflicts ("
  "  conflict_id TEXT PRIMARY KEY NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL,"
  "  mine TEXT, theirs TEXT, server_rev INTEGER, author TEXT, created_at TEXT,"
  "  status TEXT NOT NULL DEFAULT 'open');"

  "CREATE TABLE sync_state (key TEXT PRIMARY KEY NOT NULL, value TEXT);";

/* Version 2: one measurement per indicator and month (the duplicate_key rule of
 * docs/sync-protocol.md, made true locally too), and the indexes the views' parent lookups need
 * at ten years of data. A version-1 database holding duplicate months fails here and is rolled
 * back untouched. */
static const char migration_2[] =
  "CREATE UNIQUE INDEX measurement_indicator_period ON measurement (indicator, period) WHERE deleted = 0;"
  "CREATE INDEX priority_plan ON priority (plan);"
  "CREATE INDEX action_plan ON action (plan);"
  "CREATE INDEX position_statement_action ON position_statement (action, as_at);"
  "CREATE INDEX judgement_inspection ON judgement (inspection);"
  "CREATE INDEX finding_inspection ON finding (inspection);"
  "CREATE INDEX risk_review_risk ON risk_review (risk, reviewed_on);"
  "CREATE INDEX outbox_record ON outbox (type, id);";

/* Version 3 (docs/sync-protocol.md §5.3): entries of a type this version does not know, or
 * that it cannot validate, are kept raw instead of dropped, so a later version can still use
 * them. */
static const char migration_3[] =
  "CREATE TABLE sync_unknown ("
  "  type TEXT NOT NULL, id TEXT NOT NULL, seq INTEGER, entry TEXT NOT NULL, reason TEXT,"
  "  PRIMARY KEY (type, id));"
  "CREATE INDEX outbox_state ON outbox (state, lseq);"
  /* A "resolve" mutation names the conflict it decides. */
  "ALTER TABLE outbox ADD COLUMN conflict_id TEXT;"
  /* A full resync notes what the server still has; synced rows it lacks are set aside for
   * review, never deleted (docs/sync-protocol.md §13.5). */
  "CREATE TABLE sync_seen (type TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (type, id));"
  "CREATE TABLE sync_quarantine (type TEXT NOT NULL, id TEXT NOT NULL, reason TEXT, at TEXT,"
  "  PRIMARY KEY (type, id));";

/* Version 4: the DfE intervention ladder (improvement notice, statutory direction, …) as its
 * own record type, so the Judgements view can show it against Ofsted's timeline. */
static const char migration_4[] =
  "CREATE TABLE intervention (" SYNC_COLUMNS
  "  kind TEXT, starts_on TEXT, instrument TEXT, adviser TEXT, review_on TEXT, summary TEXT,"
  "  link TEXT);";

/* Version 5: what a conflict is about ("hidden_children": someone's delete left records alive
 * that they could not see) and how many were kept; a resolve may restore or delete. A finding
 * carries its paragraph in the Ofsted report, and a statement may say which one it corrects;
 * record histories fetched from the server are kept. */
static const char migration_5[] =
  "ALTER TABLE conflicts ADD COLUMN reason TEXT;"
  "ALTER TABLE conflicts ADD COLUMN kept INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE outbox ADD COLUMN resolve_deleted INTEGER;"
  "ALTER TABLE finding ADD COLUMN paragraph INTEGER;"
  /* What the server said of each record's revisions, kept for reading History offline. */
  "CREATE TABLE history_cache (type TEXT NOT NULL, id TEXT NOT NULL, rev INTEGER NOT NULL, entry TEXT NOT NULL,"
  "  PRIMARY KEY (type, id, rev));"
  "ALTER TABLE position_statement ADD COLUMN corrects" REF ("position_statement") ";";

/* Version 6: reports (packs) to meetings in the council's template, and the frozen snapshot an
 * issued pack is read from, in pieces under the record limit. */
static const char migration_6[] =
  "CREATE TABLE report (" SYNC_COLUMNS
  "  meeting" REF ("meeting") ", subject TEXT, executive_summary TEXT, recommendations TEXT,"
  "  reason TEXT, portfolio_holders TEXT, corporate_director TEXT, authors TEXT, wards TEXT,"
  "  classification TEXT, background TEXT, financial_implications TEXT, legal_implications TEXT,"
  "  human_resources_implications TEXT, sustainability_implications TEXT,"
  "  public_health_implications TEXT, equality_implications TEXT, risk_assessment TEXT,"
  "  background_papers TEXT, appendix_plan INTEGER, appendix_kpis INTEGER, appendix_risks INTEGER,"
  "  appendix_ofsted INTEGER, appendix_since INTEGER, scope TEXT,"
  "  scope_priority" REF ("priority") ", scope_officer TEXT, issued_on TEXT, version INTEGER,"
  "  supersedes" REF ("report") ", snapshot TEXT);"
  "CREATE INDEX report_meeting ON report (meeting);"
  "CREATE TABLE report_snapshot (" SYNC_COLUMNS
  "  report" REF ("report") ", issue TEXT, part TEXT, sequence INTEGER, count INTEGER,"
  "  format INTEGER, content TEXT);"
  "CREATE INDEX report_snapshot_report ON report_snapshot (report, issue, part, sequence);";

/* Version 7: position statements' text indexed for search. Trigrams match any part of a word, as
 * the search box always has, and fold case across Unicode, so Welsh and Polish text matches as
 * English does. The index reads the table's own rows (no second copy of the text); the table is
 * never vacuumed, so its rowids are stable. Triggers keep it in step with every write, including
 * the purge of Exempt rows when a clearance is lowered. */
#define STATEMENT_TEXT_TRIGGERS \
  "CREATE TRIGGER statement_text_insert AFTER INSERT ON position_statement BEGIN" \
  "  INSERT INTO statement_text (rowid, narrative, next_steps, author)" \
  "    VALUES (new.rowid, new.narrative, new.next_steps, new.author);" \
  "END;" \
  "CREATE TRIGGER statement_text_delete AFTER DELETE ON position_statement BEGIN" \
  "  INSERT INTO statement_text (statement_text, rowid, narrative, next_steps, author)" \
  "    VALUES ('delete', old.rowid, old.narrative, old.next_steps, old.author);" \
  "END;" \
  "CREATE TRIGGER statement_text_update AFTER UPDATE OF narrative, next_steps, author ON position_statement BEGIN" \
  "  INSERT INTO statement_text (statement_text, rowid, narrative, next_steps, author)" \
  "    VALUES ('delete', old.rowid, old.narrative, old.next_steps, old.author);" \
  "  INSERT INTO statement_text (rowid, narrative, next_steps, author)" \
  "    VALUES (new.rowid, new.narrative, new.next_steps, new.author);" \
  "END;"

static const char migration_7[] =
  "CREATE VIRTUAL TABLE statement_text USING fts5 (narrative, next_steps, author,"
  "  content = 'position_statement', content_rowid = 'rowid', tokenize = 'trigram');"
  "INSERT INTO statement_text (statement_text) VALUES ('rebuild');"
  STATEMENT_TEXT_TRIGGERS;

/* Version 8: national data. Measurements carry the published symbols, their source, ranks and
 * revisions; this device keeps its council's identity, the mapping remembered for each
 * Explore Education Statistics data set, and other councils' latest Ofsted grades. None of the
 * local tables sync: they are the same public files any device can import. */
static const char migration_8[] =
  "ALTER TABLE measurement ADD COLUMN value_symbol TEXT;"
  "ALTER TABLE measurement ADD COLUMN england_symbol TEXT;"
  "ALTER TABLE measurement ADD COLUMN stat_neighbours_symbol TEXT;"
  "ALTER TABLE measurement ADD COLUMN region_symbol TEXT;"
  "ALTER TABLE measurement ADD COLUMN source_file TEXT;"
  "ALTER TABLE measurement ADD COLUMN source_dataset TEXT;"
  "ALTER TABLE measurement ADD COLUMN source_publication TEXT;"
  "ALTER TABLE measurement ADD COLUMN source_published TEXT;"
  "ALTER TABLE measurement ADD COLUMN source_period TEXT;"
  "ALTER TABLE measurement ADD COLUMN source_release TEXT;"
  "ALTER TABLE measurement ADD COLUMN source_own INTEGER;"
  "ALTER TABLE measurement ADD COLUMN revised TEXT;"
  "ALTER TABLE measurement ADD COLUMN sn_count INTEGER;"
  "ALTER TABLE measurement ADD COLUMN rank INTEGER;"
  "ALTER TABLE measurement ADD COLUMN rank_of INTEGER;"
  "ALTER TABLE measurement ADD COLUMN quartile INTEGER;"
  "ALTER TABLE measurement ADD COLUMN sn_rank INTEGER;"
  "ALTER TABLE measurement ADD COLUMN sn_rank_of INTEGER;"
  "CREATE TABLE local_setting (key TEXT PRIMARY KEY NOT NULL, value TEXT);"
  "CREATE TABLE ees_mapping (dataset TEXT PRIMARY KEY NOT NULL, file_name TEXT, title TEXT,"
  "  publication TEXT, items TEXT NOT NULL, updated_at TEXT);"
  "CREATE TABLE national_la (la_code TEXT PRIMARY KEY NOT NULL, la_name TEXT, region TEXT,"
  "  new_la_code TEXT, neighbours TEXT, source TEXT);"
  "CREATE TABLE national_grade (la_code TEXT NOT NULL, area TEXT NOT NULL, grade TEXT NOT NULL,"
  "  kind TEXT, inspected_on TEXT, published_on TEXT, PRIMARY KEY (la_code, area));";

const char *
_ib_store_migration_sql (int version)
{
  switch (version)
    {
    case 1: return migration_1;
    case 2: return migration_2;
    case 3: return migration_3;
    case 4: return migration_4;
    case 5: return migration_5;
    case 6: return migration_6;
    case 7: return migration_7;
    case 8: return migration_8;
    default: return NULL;
    }
}

const char *
_ib_store_statement_text_triggers_sql (void)
{
  return STATEMENT_TEXT_TRIGGERS;
}
