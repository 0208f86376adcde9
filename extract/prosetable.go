package extract

import (
	"fmt"
	"math"
	"strings"

	"govreport/report"
)

// restatements are the prose figures that restate a table cell, by their
// catalogue key: each way the prose may count, as the cells it adds up.
// 收到政府信息公开申请75件 may count the new applications alone or with
// those carried over (平潭 2022: 74 new and 1 carried over).
var restatements = []struct {
	key   string
	verbs []string // one of them in the clause before the figure: 答复…申请805件 counts answers, not applications
	ways  [][][3]string
	names []string
}{
	{"applications_received", []string{"收到", "受理", "办理", "新收", "接收"}, [][][3]string{
		{{"t3", "new_received", "total"}},
		{{"t3", "new_received", "total"}, {"t3", "carried_over", "total"}},
	}, []string{"t3.new_received.total", "t3.new_received.total + t3.carried_over.total"}},
	{"reviews", nil, [][][3]string{{{"t4", "review", "total"}}}, []string{"t4.review.total"}},
	{"lawsuits", nil, [][][3]string{{{"t4", "suit_direct", "total"}, {"t4", "suit_after_review", "total"}}},
		[]string{"t4.suit_direct.total + t4.suit_after_review.total"}},
}

// ProseChecks are the P-TABLE checks of a report: each prose figure that
// restates a cell of its tables (not a change, not a sum over years)
// against the cells, scoped by the key and the figure's place among
// the key's (applications_received#1). Expected is the table's value (the first way of
// counting when none agrees), Actual the prose figure; Detail gives both
// with the figure's byte offsets. A figure whose cells are blank or
// missing gets no check.
func ProseChecks(cells []report.Cell, figures []report.Indicator, text string) []report.Check {
	ix := indexCells(cells)
	var out []report.Check
	nth := map[string]int{}
	for _, f := range figures {
		if f.Change || f.Unit == "%" || strings.ContainsAny(f.Raw, "余多") {
			continue
		}
		for _, rs := range restatements {
			if f.Key != rs.key || len(rs.verbs) > 0 && !containsAny(clauseBefore(text, f.Start), rs.verbs...) {
				continue
			}
			first, found, way := 0.0, false, -1
			for i, cs := range rs.ways {
				pairs := make([][2]string, len(cs))
				for j, c := range cs {
					pairs[j] = [2]string{c[1], c[2]}
				}
				v, ok := ix.sum(cs[0][0], pairs...)
				if !ok {
					continue
				}
				if !found {
					first, found = v, true
				}
				if math.Abs(v-f.Value) < 1e-6 {
					first, way = v, i
					break
				}
			}
			if !found {
				continue
			}
			e, a := first, f.Value
			nth[rs.key]++
			ch := report.Check{ID: report.CheckProse, Table: rs.ways[0][0][0], Scope: fmt.Sprintf("%s#%d", rs.key, nth[rs.key]),
				Expected: &e, Actual: &a, Status: report.StatusPass}
			if way >= 0 {
				ch.Detail = fmt.Sprintf("%q at bytes %d–%d restates %s = %g", f.Raw, f.Start, f.End, rs.names[way], e)
			} else {
				ch.Status = report.StatusFail
				ch.Detail = fmt.Sprintf("%q at bytes %d–%d says %g, the table %s = %g", f.Raw, f.Start, f.End, a, rs.names[0], e)
			}
			out = append(out, ch)
		}
	}
	return out
}
