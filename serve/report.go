package serve

import (
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"govreport/export"
	"govreport/report"
	"govreport/warcio"
)

// gridCell is one place of a drawn table: its text, the class of its
// cell (num, blank, dash, text, or "" for a label) and, for the cell of a
// failed check, "fail" and what the check found.
type gridCell struct {
	Text, Class, Key, Note string
	Fail                   bool
	Rows, Cols             int  // the places a merged label takes (1 for most)
	Covered                bool // a place a merged label above or left takes
}

// gridView is a table of a report as it is drawn.
type gridView struct {
	Index      int
	Kind, Name string
	Rows       [][]gridCell
	Head       int
}

var tableNames = map[string]string{"t2": "表二 主动公开政府信息情况", "t3": "表三 收到和处理政府信息公开申请情况", "t4": "表四 政府信息公开行政复议、行政诉讼情况"}

// balanceRows are the rows of table 三 that T3-BALANCE adds.
var balanceRows = map[string]bool{"new_received": true, "carried_over": true, "total": true, "carried_forward": true}

// involved says whether a check's arithmetic takes in a cell: the column
// of table 三 a T3-TOTAL-ROW (its outcome rows and total) or T3-BALANCE
// (一, 二, 总计, 四) is of, the row of a T3-TOTAL-COL, the group of a
// T4-TOTAL.
func involved(ch report.Check, c report.Cell) bool {
	if ch.Table != c.Table {
		return false
	}
	switch ch.ID {
	case report.CheckT3TotalRow: // （七）总计 = （一）…（六）
		return c.Col == ch.Scope && !balanceRows[c.Row] || c.Col == ch.Scope && c.Row == "total"
	case report.CheckT3Balance: // 一 + 二 = （七）总计 + 四
		return c.Col == ch.Scope && balanceRows[c.Row]
	case report.CheckT3TotalCol, report.CheckT4Total:
		return c.Row == ch.Scope
	}
	return false
}

// grids draws a report's tables: every grid place, the keyed cells with
// their class, the cells of failed checks marked.
func grids(r report.Report) []gridView {
	type at struct{ t, r, c int }
	cells := map[at]report.Cell{}
	for _, c := range r.Cells {
		cells[at{c.Evidence.Table, c.Evidence.GridR, c.Evidence.GridC}] = c
	}
	var failed []report.Check
	for _, ch := range r.Checks {
		if ch.Status == report.StatusFail {
			failed = append(failed, ch)
		}
	}
	var out []gridView
	for ti, t := range r.Tables {
		g := gridView{Index: ti, Kind: t.Kind, Name: tableNames[t.Kind], Head: t.HeaderRows}
		if g.Name == "" {
			g.Name = fmt.Sprintf("表 %d", ti+1)
		}
		for ri, row := range t.Rows {
			var cs []gridCell
			for ci, text := range row {
				gc := gridCell{Text: text}
				if c, ok := cells[at{ti, ri, ci}]; ok {
					gc.Class, gc.Key = string(c.Class), report.CellKey(c.Table, c.Row, c.Col)
					if c.Class == report.ClassBlank {
						gc.Text = "（空）"
					}
					var notes []string
					for _, ch := range failed {
						if involved(ch, c) {
							gc.Fail = true
							notes = append(notes, fmt.Sprintf("%s %s：表列合计 %s，分项之和 %s", ch.ID, ch.Scope, num(ch.Expected), num(ch.Actual)))
						}
					}
					gc.Note = strings.Join(notes, "；")
				}
				cs = append(cs, gc)
			}
			g.Rows = append(g.Rows, cs)
		}
		merge(g.Rows)
		out = append(out, g)
	}
	return out
}

// merge draws a label that fills several places of a grid (its colspan
// and rowspan copies, the same text side by side or one above another)
// once, across them. Values are never merged.
func merge(rows [][]gridCell) {
	label := func(r, c int, text string) bool {
		return r < len(rows) && c < len(rows[r]) && !rows[r][c].Covered && rows[r][c].Class == "" && rows[r][c].Text == text && text != ""
	}
	for r := range rows {
		for c := range rows[r] {
			cell := &rows[r][c]
			if cell.Covered {
				continue
			}
			cell.Rows, cell.Cols = 1, 1
			if cell.Class != "" || cell.Text == "" {
				continue
			}
			for label(r, c+cell.Cols, cell.Text) {
				rows[r][c+cell.Cols].Covered = true
				cell.Cols++
			}
		down:
			for r2 := r + 1; r2 < len(rows); r2++ {
				for c2 := c; c2 < c+cell.Cols; c2++ {
					if !label(r2, c2, cell.Text) {
						break down
					}
				}
				if c+cell.Cols < len(rows[r2]) && label(r2, c+cell.Cols, cell.Text) {
					break // the row below is wider: not the same cell
				}
				for c2 := c; c2 < c+cell.Cols; c2++ {
					rows[r2][c2].Covered = true
				}
				cell.Rows++
			}
		}
	}
}

func num(v *float64) string {
	if v == nil {
		return "—"
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

func (s *Server) reportPage(w http.ResponseWriter, r *http.Request) {
	rep, err := s.st.Report(r.Context(), r.PathValue("id"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	hist, err := s.history(r, rep.ID)
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	var failed []report.Check
	passed, na := 0, 0
	for _, ch := range rep.Checks {
		switch ch.Status {
		case report.StatusFail:
			failed = append(failed, ch)
		case report.StatusPass:
			passed++
		default:
			na++
		}
	}
	s.render(w, r, "report.html", map[string]any{"Title": orDash(rep.Title), "R": rep, "Grids": grids(rep), "Failed": failed,
		"Passed": passed, "NA": na, "Archived": s.archivePath(rep) != "", "Evaluation": evaluation(rep.Checks), "History": hist})
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// reportCSV is a report's cells as CSV, as export writes them.
func (s *Server) reportCSV(w http.ResponseWriter, r *http.Request) {
	rep, err := s.st.Report(r.Context(), r.PathValue("id"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+rep.ID+`-cells.csv"`)
	cw := csv.NewWriter(w)
	cw.Write([]string{"report_id", "issuer", "year", "table", "row", "col", "value", "raw", "class", "unit", "row_label", "col_label"})
	for _, c := range rep.Cells {
		v := ""
		if c.Value != nil {
			v = strconv.FormatFloat(*c.Value, 'f', -1, 64)
		}
		cw.Write([]string{rep.ID, export.Neutralise(rep.Issuer), strconv.Itoa(rep.Year), c.Table, c.Row, c.Col, v, export.Neutralise(c.Raw),
			string(c.Class), c.Unit, export.Neutralise(c.Evidence.RowLbl), export.Neutralise(c.Evidence.ColLbl)})
	}
	cw.Flush()
}

// archivePath is the WARC file holding a report's page, "" when the data
// directory has none.
func (s *Server) archivePath(rep report.Report) string {
	file, _, ok := strings.Cut(rep.Source.WARC, "#")
	if !ok || s.warcDir == "" || file != filepath.Base(file) {
		return ""
	}
	p := filepath.Join(s.warcDir, file)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// archived serves a report's page as it was fetched, from its WARC
// record, sandboxed: its scripts never run on our origin, its links and
// images go nowhere.
func (s *Server) archived(w http.ResponseWriter, r *http.Request) {
	rep, err := s.st.Report(r.Context(), r.PathValue("id"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	path := s.archivePath(rep)
	_, off, _ := strings.Cut(rep.Source.WARC, "#")
	offset, perr := strconv.ParseInt(off, 10, 64)
	if path == "" || perr != nil {
		s.fail(w, r, http.StatusNotFound, errors.New("no archived copy of this report in the data directory"))
		return
	}
	var body []byte
	var ctype string
	stop := errors.New("stop")
	_, err = warcio.ReadCapped(path, offset, 64<<20, func(res warcio.Response) error {
		body, ctype = res.Body, res.ContentType
		return stop
	})
	if err != nil && !errors.Is(err, stop) || body == nil {
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("the archived copy cannot be read: %v", err))
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'; style-src 'unsafe-inline'")
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	w.Write(body)
}

// apiReport answers what extract --json prints of the report, with its
// stored id; text=1 adds its text.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	rep, err := s.st.Report(r.Context(), r.PathValue("id"))
	if err != nil {
		s.failErr(w, r, err)
		return
	}
	if r.URL.Query().Get("text") != "1" {
		rep.Text = ""
	}
	writeJSON(w, http.StatusOK, rep)
}
