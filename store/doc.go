// Package store owns the project's SQLite database (modernc.org/sqlite, no
// cgo): one file, govreport.db, in the data directory, holding reports
// (metadata, plain text, sections, source URL, WARC record, content hash),
// their cells, indicators, checks and problems, and the inputs that could
// not be read. docs/schema.md documents the tables for researchers who
// query the file directly.
//
// A report is stored in one transaction that replaces its old rows; the
// same content stored by the same extractor version is not written again.
// The other tables refer to a report by its row number (rid), given in
// the order reports are stored, so that a batch appends to their B-trees.
// The schema's version is the file's user_version; migrate.go brings a
// file of an earlier version up to date when it is opened.
package store
