package serve

import (
	"net/http"

	"govreport/compare"
	"govreport/report"
)

// evaluation is what the report page shows of the checks an evaluator
// makes (T-TIMELY, T-COMPLETE, P-TABLE, Y-YEAR): every one, passed or
// not, with what it found.
func evaluation(checks []report.Check) []report.Check {
	var out []report.Check
	for _, c := range checks {
		if c.Detail != "" {
			out = append(out, c)
		}
	}
	return out
}

// history is a report's versions and changes, or nil when it has one
// version only.
func (s *Server) history(r *http.Request, id string) (*compare.History, error) {
	h, err := compare.ReportHistory(r.Context(), s.st, id)
	if err != nil || len(h.Versions) < 2 {
		return nil, err
	}
	return &h, nil
}

// apiHistory answers what history --json prints.
func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) {
	h, err := compare.ReportHistory(r.Context(), s.st, r.PathValue("id"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, h)
}
