// Package export writes the store's reports, cells, indicators and checks
// as tables researchers load into Stata, R, Python or Excel: long (tidy)
// CSV with the columns of docs/contract.md, JSON lines, XLSX
// (xuri/excelize), or wide (one row per report, one column per cell key
// such as t3.granted.total), with English or Chinese headers and an
// optional UTF-8 BOM for Excel. Rows come in a fixed order: issuer, year,
// report, then the order of the report.
package export
