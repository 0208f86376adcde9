// Package report holds govreport's shared vocabulary: the report as
// extracted from one document, its cells, prose indicators, arithmetic
// checks and problems. Every other package speaks in these types; this
// package imports only the standard library and does no work of its own.
//
// The JSON field names follow the output contract (docs/contract.md):
// they are read by other programs and are never renamed.
package report
