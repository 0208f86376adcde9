-- govreport's SQLite schema, version 8 (PRAGMA user_version; PRAGMA
-- application_id marks the file as govreport's; docs/schema.md explains each
-- column, and store/migrate.go how files of versions 1 and 2 are brought up
-- to date). The store owns every table; the crawl tables are written by
-- package crawl through the same file.
CREATE TABLE IF NOT EXISTS reports (
  rid            INTEGER PRIMARY KEY, -- row number in this file, which the other tables refer to
  id             TEXT NOT NULL UNIQUE, -- report.IDOf: hash of the URL, else the path; stable across runs
  path           TEXT NOT NULL,     -- file the document was read from (or the WARC file)
  url            TEXT NOT NULL,     -- URL it was fetched from, '' for local files
  warc           TEXT NOT NULL,     -- 'file.warc.gz#offset' of its WARC record, or ''
  sha256         TEXT NOT NULL,     -- hash of the input bytes
  bytes          INTEGER NOT NULL,
  charset        TEXT NOT NULL,
  title          TEXT NOT NULL,
  issuer         TEXT NOT NULL,
  issuer_printed TEXT NOT NULL,
  department     TEXT NOT NULL,
  region_code    TEXT NOT NULL,     -- 6-digit division code, '' when unknown
  province       TEXT NOT NULL,
  city           TEXT NOT NULL,
  county         TEXT NOT NULL,
  year           INTEGER,           -- year covered; NULL when unknown
  published      TEXT NOT NULL,     -- YYYY-MM-DD or ''
  format         TEXT NOT NULL,     -- 2019, 2021, pre2019, unknown
  kind           TEXT NOT NULL,     -- annual-disclosure-report, government-work-report, other-report, unknown
  text           TEXT NOT NULL,     -- plain text; offsets of indicators and sections point into it
  sections       TEXT NOT NULL,     -- JSON array of {number,title,start,end}
  meta           TEXT NOT NULL,     -- JSON object of the page's meta tags
  tables         TEXT NOT NULL,     -- JSON array of every table's grid
  extractor      TEXT NOT NULL,     -- extractor version that made these rows
  stored_at      TEXT NOT NULL,     -- UTC time of the last change
  fetched        TEXT NOT NULL DEFAULT '', -- UTC time a page from the web was fetched (WARC-Date), '' for a local file
  attachment     TEXT NOT NULL DEFAULT '', -- URL of the attachment (PDF, Word) the report's tables and text come from, its page only pointing to it; ''
  duplicate_of   TEXT NOT NULL DEFAULT '', -- id of the report this one is another copy of (same body, year, kind and text); '' for a report counted
  published_source TEXT NOT NULL DEFAULT '', -- which of dates published is: meta, page, cms_tag, text, url, signature, delivered; ''
  dates          TEXT NOT NULL DEFAULT '[]'  -- JSON array of every date the document carries: {date, source, raw}
);
CREATE INDEX IF NOT EXISTS reports_attachment ON reports(attachment) WHERE attachment != '';
CREATE INDEX IF NOT EXISTS reports_issuer_year ON reports(issuer, year);
CREATE INDEX IF NOT EXISTS reports_region ON reports(region_code);
-- Counting the reports that are not copies (Store.Count, before every
-- search) reads this index, not the table.
CREATE INDEX IF NOT EXISTS reports_duplicate_of ON reports(duplicate_of);

CREATE TABLE IF NOT EXISTS cells (
  rid        INTEGER NOT NULL REFERENCES reports(rid) ON DELETE CASCADE,
  tbl        TEXT NOT NULL,  -- t2, t3, t4
  row        TEXT NOT NULL,  -- row key of standard-table-keys.csv
  col        TEXT NOT NULL,  -- column key
  value      REAL,           -- NULL unless class = 'number': a blank is never 0
  raw        TEXT NOT NULL,
  class      TEXT NOT NULL,  -- number, blank, dash, text
  unit       TEXT NOT NULL,
  grid_table INTEGER NOT NULL, grid_row INTEGER NOT NULL, grid_col INTEGER NOT NULL,
  row_label  TEXT NOT NULL, col_label TEXT NOT NULL,
  PRIMARY KEY (rid, tbl, row, col)
);

CREATE TABLE IF NOT EXISTS indicators (
  rid       INTEGER NOT NULL REFERENCES reports(rid) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,  -- order in the text
  key       TEXT NOT NULL,     -- catalogue key, '' when uncatalogued
  value     REAL NOT NULL,
  unit      TEXT NOT NULL,
  raw       TEXT NOT NULL,
  start     INTEGER NOT NULL,  -- byte offsets of raw in reports.text
  "end"     INTEGER NOT NULL,
  subject   TEXT NOT NULL,
  sentence  TEXT NOT NULL,
  change    INTEGER NOT NULL,  -- 1 for a signed change (增长/下降)
  chosen    INTEGER NOT NULL DEFAULT 0,  -- 1: the report's own value of its key (extract's rule); 0: a candidate
  PRIMARY KEY (rid, seq)
);
CREATE INDEX IF NOT EXISTS indicators_key ON indicators(key);

CREATE TABLE IF NOT EXISTS checks (
  rid       INTEGER NOT NULL REFERENCES reports(rid) ON DELETE CASCADE,
  id        TEXT NOT NULL,  -- T3-BALANCE, T3-TOTAL-ROW, T3-TOTAL-COL, T4-TOTAL; X-CARRY, X-INFORCE with the later report
  tbl       TEXT NOT NULL,
  scope     TEXT NOT NULL,
  status    TEXT NOT NULL,  -- pass, fail, na
  expected  REAL,           -- the printed total (X-*: what the earlier report implies)
  actual    REAL,           -- what the parts add up to (X-*: what this report prints)
  other     TEXT NOT NULL DEFAULT '',  -- X-CARRY, X-INFORCE: the earlier report's id
  detail    TEXT NOT NULL DEFAULT '',  -- T-TIMELY, T-COMPLETE, P-TABLE, Y-YEAR: what was found, in words
  PRIMARY KEY (rid, id, tbl, scope)
);

-- The checks across years that name a report as the earlier one.
CREATE INDEX IF NOT EXISTS checks_other ON checks(other) WHERE other != '';

-- Earlier versions of a report: when a document stored before comes
-- again with other bytes (a page changed after publication), its stored
-- version is kept here before the new one replaces it.
CREATE TABLE IF NOT EXISTS versions (
  id        TEXT NOT NULL,     -- reports.id of the report
  seq       INTEGER NOT NULL,  -- 1 for the earliest version kept
  sha256    TEXT NOT NULL,
  fetched   TEXT NOT NULL,     -- when that version was fetched, '' for a local file
  warc      TEXT NOT NULL,     -- its WARC record
  stored_at TEXT NOT NULL,
  title     TEXT NOT NULL,
  published TEXT NOT NULL,
  text      TEXT NOT NULL,
  cells     TEXT NOT NULL,     -- JSON array of its cells: {table, row, col, raw, class, value}
  PRIMARY KEY (id, seq)
);

-- How much of a report repeats the same body's previous report, per
-- section (0: the whole text): distinct character shingles of this
-- report's section outside tables and headings, the share found in the
-- earlier report's section of the same number (containment) and the
-- Jaccard index of the two sets; the copied passages as byte ranges of
-- both texts. Computed with the checks across years, kept with the later
-- report.
CREATE TABLE IF NOT EXISTS reuse (
  rid         INTEGER NOT NULL REFERENCES reports(rid) ON DELETE CASCADE,
  other       TEXT NOT NULL,     -- id of the earlier report
  section     INTEGER NOT NULL,
  shingles    INTEGER NOT NULL,
  containment REAL NOT NULL,
  jaccard     REAL NOT NULL,
  passages    TEXT NOT NULL,     -- JSON array of {start, end, other_start, other_end}
  PRIMARY KEY (rid, section)
);
CREATE INDEX IF NOT EXISTS reuse_other ON reuse(other);

CREATE TABLE IF NOT EXISTS problems (
  rid       INTEGER NOT NULL REFERENCES reports(rid) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  code      TEXT NOT NULL,
  detail    TEXT NOT NULL,
  PRIMARY KEY (rid, seq)
);

-- Inputs that could not be read at all (unreadable file, failed fetch).
CREATE TABLE IF NOT EXISTS failures (
  source    TEXT PRIMARY KEY,
  error     TEXT NOT NULL,
  at        TEXT NOT NULL
);

-- The crawl's frontier and history (package crawl).
CREATE TABLE IF NOT EXISTS crawl_urls (
  url           TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,             -- seed, listing, report, attachment
  title         TEXT NOT NULL DEFAULT '',  -- the link's title on the page that linked it
  referrer      TEXT NOT NULL DEFAULT '',
  generation    INTEGER NOT NULL,          -- the crawl that queued or fetched it last
  state         TEXT NOT NULL,             -- queued, done, failed, skipped, recorded
  http_status   INTEGER NOT NULL DEFAULT 0,
  attempts      INTEGER NOT NULL DEFAULT 0,
  error         TEXT NOT NULL DEFAULT '',
  problem       TEXT NOT NULL DEFAULT '',  -- robots, too_large, binary, not_html
  etag          TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  sha256        TEXT NOT NULL DEFAULT '',
  warc          TEXT NOT NULL DEFAULT '',  -- file.warc.gz#offset of the response record
  fetched_at    TEXT NOT NULL DEFAULT '',
  final_url     TEXT NOT NULL DEFAULT ''   -- where redirects ended, when not at url
);
CREATE INDEX IF NOT EXISTS crawl_urls_queue ON crawl_urls(state, generation);
CREATE TABLE IF NOT EXISTS crawl_warc (
  file      TEXT PRIMARY KEY,
  committed INTEGER NOT NULL               -- length of the file known to hold whole records
);
CREATE TABLE IF NOT EXISTS crawl_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
