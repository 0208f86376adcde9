// Package pipeline moves documents from their sources through extraction:
// it resolves inputs (files and folders), reads each under a size cap,
// extracts them on a bounded number of workers and hands the reports on in
// input order. A document that cannot be read is reported and the run
// goes on.
package pipeline
