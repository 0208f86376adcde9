// Package serve is govreport's read-only web application over a data
// directory: search (the CLI's query language, filters, facets, snippets,
// paging), a report with its tables drawn as printed and the cells of its
// failed checks marked, a body across years, a comparison with its chart,
// the failed checks, the archived page as fetched, and a JSON API under
// /api/ giving what the commands print with --json.
//
// It uses net/http and html/template only, its templates and stylesheet
// embedded; pages work without JavaScript and carry none. Everything a
// report holds is untrusted input: templates escape it, every response has
// a Content-Security-Policy (an archived page is served sandboxed, never
// able to run script on our origin), queries are capped, and there is no
// endpoint that writes.
package serve
