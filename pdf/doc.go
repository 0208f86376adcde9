// Package pdf reads the text layer and the drawn lines of a PDF: every
// character with its box, every horizontal and vertical line (the ruling
// of tables), the document's metadata, page by page. It owns the PDF
// engine, PDFium compiled to WebAssembly (github.com/klippa-app/go-pdfium,
// run by wazero: no cgo and no program outside this one), loaded once per
// process on first use, with its compiled code kept in the user's cache
// folder so that later processes start in a fraction of a second.
//
// A PDF is untrusted input: the engine runs with no file system and a
// memory limit (512 MiB an instance: a stream that inflates to a gigabyte
// fails), reads at most MaxPages pages and MaxChars characters, and
// Read returns at the caller's deadline (the instance is thrown away when
// its reading ends, as is one that a document made fail). Encrypted and
// broken files are errors that say so. The package knows nothing of reports: package
// extract turns a Doc into lines, paragraphs and tables.
//
// Coordinates are PDF points with the origin at the page's top left and y
// growing downwards, as a page is read.
package pdf
