// Package pipeline moves documents from their sources into the data
// directory: one pipeline for every source. It owns, in the order the
// data flows:
//   - inputs (Expand): files and folders (walked for DocExts) and WARC
//     files, whose documents (status 200 responses the extractor reads)
//     are read record by record under the size cap; a crawl's results are
//     its WARC files. An input that cannot be read is a failed item in its
//     place, never the end of the run;
//   - reading (ReadCapped): regular files only, opened without blocking
//     (a FIFO would block), at most the size cap;
//   - one ordered pool of workers (Extract): a bounded number of
//     documents in flight (and of bytes read ahead), results handed on in
//     input order, each document within a deadline past which it is a
//     failure and the run goes on;
//   - the run (Run): what is stored unchanged is skipped before
//     extraction (and an older WARC record of a page stored from a later
//     fetch); a changed document is stored (package store) and indexed
//     (package index) in batches, the SQLite transaction committed only
//     after its index entries are written; a copy that holds nothing
//     never replaces a stored report; one Progress counts it all;
//   - the data directory (OpenData): the store checked before anything
//     is created, the index opened next, a note in govreport.lock of who
//     writes, so that a reader waiting for the index can say.
package pipeline
