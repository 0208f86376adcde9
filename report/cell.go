package report

// Class says what a cell holds.
type Class string

// Cell classes.
const (
	ClassNumber Class = "number" // a printed number, possibly signed or with a unit
	ClassBlank  Class = "blank"  // nothing printed: value is null, never 0
	ClassDash   Class = "dash"   // a placeholder: /, ／, —, -, 无, ——
	ClassText   Class = "text"   // any other text
)

// Cell is one cell of a standard table (二, 三 or 四) under its stable keys
// from standard-table-keys.csv, with the evidence it was read from.
type Cell struct {
	Table string   `json:"table"` // t2, t3 or t4
	Row   string   `json:"row"`
	Col   string   `json:"col"`
	Value *float64 `json:"value"` // only for ClassNumber
	Raw   string   `json:"raw"`   // the cell's text as printed
	Class Class    `json:"class"`
	Unit  string   `json:"unit,omitempty"` // a unit printed in the cell (元, 万元, 件)

	Evidence Evidence `json:"evidence"`
}

// Evidence locates a value in the document.
type Evidence struct {
	Table  int    `json:"table"`     // index into Report.Tables
	GridR  int    `json:"grid_row"`  // row in that table's grid
	GridC  int    `json:"grid_col"`  // column in that table's grid
	RowLbl string `json:"row_label"` // the row's label as printed
	ColLbl string `json:"col_label"` // the column's header as printed
}

// Table is one HTML table of the report body as a rectangular grid, with
// rowspan and colspan expanded (a spanned cell's text repeats in every
// grid position it covers; Origin tells the copies apart).
type Table struct {
	Index int `json:"index"`
	// Kind is t2, t3 or t4 for a standard table (or a part of one), else
	// "other".
	Kind string `json:"kind"`
	// Part numbers the pieces of a standard table split across several
	// HTML tables (0 for the first piece).
	Part int        `json:"part,omitempty"`
	Rows [][]string `json:"rows"`
	// HeaderRows is how many leading rows are column headers.
	HeaderRows int `json:"header_rows"`
	// Values lists every number in a non-standard table with its row and
	// column labels, so no number printed in a table is lost.
	Values []GridValue `json:"values,omitempty"`
	Start  int         `json:"start"` // byte offsets of the table in Report.Text
	End    int         `json:"end"`
}

// GridValue is a number in a generic table with its labels.
type GridValue struct {
	R        int      `json:"r"`
	C        int      `json:"c"`
	RowLabel string   `json:"row_label"`
	ColLabel string   `json:"col_label"`
	Raw      string   `json:"raw"`
	Value    *float64 `json:"value"`
	Unit     string   `json:"unit,omitempty"`
}

// Indicator is a figure found in prose: 主动公开各类政府信息497条.
type Indicator struct {
	Key      string  `json:"key"` // catalogue key, empty when uncatalogued
	Value    float64 `json:"value"`
	Unit     string  `json:"unit"`
	Raw      string  `json:"raw"`
	Start    int     `json:"start"` // byte offsets of Raw in Report.Text
	End      int     `json:"end"`
	Subject  string  `json:"subject,omitempty"`
	Sentence string  `json:"sentence,omitempty"`
	// Change marks a signed change (增长12.5% → +12.5, 下降3个百分点 → −3).
	Change bool `json:"change,omitempty"`
	// Chosen marks, among the figures of a key, the one that states the
	// report's own value (extract's rule: the largest count, the first
	// rate, no change, no sum over years); the others are candidates.
	Chosen bool `json:"chosen,omitempty"`
}

// Status is a check's outcome.
type Status string

// Check statuses.
const (
	StatusPass Status = "pass"
	StatusFail Status = "fail"
	StatusNA   Status = "na" // not assessable: a blank, dash, text or missing cell is involved
)

// Check is one arithmetic check over one scope (a column, row or group).
// Expected is the total as printed; Actual is what the parts add up to.
// Both are null when the status is na.
type Check struct {
	ID       string   `json:"id"`
	Table    string   `json:"table"`
	Scope    string   `json:"scope"`
	Status   Status   `json:"status"`
	Expected *float64 `json:"expected"`
	Actual   *float64 `json:"actual"`
	// Other is, for a check across years, the earlier report's ID: the
	// check is stored with the later report.
	Other string `json:"other_report_id,omitempty"`
	// Detail says in words what a check that is not arithmetic found: the
	// date and the deadline, what is missing, the figure and where it is.
	Detail string `json:"detail,omitempty"`
}

// Check IDs.
const (
	CheckT3Balance  = "T3-BALANCE"   // each column: 一 + 二 = （七）总计 + 四
	CheckT3TotalRow = "T3-TOTAL-ROW" // each column: （七）总计 = （一）…（六）
	CheckT3TotalCol = "T3-TOTAL-COL" // each row: 总计 = the six applicant columns
	CheckT4Total    = "T4-TOTAL"     // each group: 总计 = 维持 + 纠正 + 其他 + 尚未审结

	// Across consecutive reports of one body.
	CheckXCarry   = "X-CARRY"   // each column of 三: 上年结转 = last year's 结转下年度
	CheckXInForce = "X-INFORCE" // each row of 二 (2021): 现行有效 = last year's 现行有效 + 制发 − 废止

	// What evaluators check beyond the arithmetic.
	CheckTimely   = "T-TIMELY"   // published by the legal deadline; actual: days late (≤ 0 on time)
	CheckComplete = "T-COMPLETE" // the template's sections and tables present; expected: items required, actual: items present
	CheckProse    = "P-TABLE"    // a prose figure restating a table cell agrees with it; expected: the cell, actual: the prose figure
	CheckYear     = "Y-YEAR"     // headings and the statistics period name the year covered; expected: the year covered, actual: the year named
)
