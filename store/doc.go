// Package store owns the project's SQLite database (modernc.org/sqlite, no
// cgo): one file, govreport.db, in the data directory, holding reports
// (metadata, plain text, sections, source URL, WARC record, content hash),
// their cells, indicators, checks and problems, and the inputs that could
// not be read. docs/schema.md documents the tables for researchers who
// query the file directly.
//
// A report is stored in one transaction that replaces its old rows; the
// same content stored by the same extractor version is not written again.
package store
