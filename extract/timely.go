package extract

import (
	"fmt"
	"strings"
	"time"

	"govreport/report"
)

// Body types, as the 《政府信息公开条例》 sets their deadlines.
const (
	bodyGovernment = "government" // a people's government (a zone's 管委会 is one)
	bodyDepartment = "department" // a department of a government (办公厅 included)
	bodyTownship   = "township"   // a township, town or street office
)

// bodyType is the kind of body an issuer is, from its normalised name and
// department: "" when it cannot be told.
func bodyType(issuer, department string) string {
	switch {
	case issuer == "":
		return ""
	case strings.HasSuffix(issuer, "街道办事处") || (department == "人民政府" && containsAny(issuer, "乡人民政府", "镇人民政府")):
		return bodyTownship
	case department == "人民政府" || issuer == "国务院":
		return bodyGovernment
	case department == "" && isZone(issuer):
		return bodyGovernment
	case department != "":
		return bodyDepartment
	}
	return ""
}

// Deadline is the legal deadline of an annual report, with the article
// that sets it.
type Deadline struct {
	Date string // YYYY-MM-DD, the last day on time
	Rule string
}

// DeadlineOf is the deadline of the annual report covering year by a body
// of the type given. The 2008 条例 (art. 31): every body by 31 March. The
// 条例 as revised in 2019, for reports from 2019 on: a department by 31
// January (art. 49), a government's own report by 31 March (art. 50);
// it sets none for a township. ok is false when no deadline applies or
// the body type is unknown.
func DeadlineOf(year int, body string) (Deadline, bool) {
	next := fmt.Sprint(year + 1)
	switch {
	case year < 2008:
		return Deadline{}, false
	case year <= 2018:
		return Deadline{next + "-03-31", "《政府信息公开条例》(2007) 第三十一条: every body by 31 March"}, true
	case body == bodyDepartment:
		return Deadline{next + "-01-31", "《政府信息公开条例》(2019) 第四十九条: a department by 31 January"}, true
	case body == bodyGovernment:
		return Deadline{next + "-03-31", "《政府信息公开条例》(2019) 第五十条: a government by 31 March"}, true
	}
	return Deadline{}, false
}

// daysBetween is b − a in days, both YYYY-MM-DD.
func daysBetween(a, b string) (int, bool) {
	ta, err1 := time.Parse(time.DateOnly, a)
	tb, err2 := time.Parse(time.DateOnly, b)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return int(tb.Sub(ta).Hours() / 24), true
}

// Timely is the T-TIMELY check of an annual report: its published date
// against its deadline, Actual the days late (0 or less: on time). With
// no date of the publication itself, a date it cannot precede (written,
// the file's creation) past the deadline proves it late, and a fetch by
// the deadline proves it on time; anything else is na.
func Timely(r report.Report) (report.Check, bool) {
	if r.Kind != report.KindAnnualReport || r.Year == 0 {
		return report.Check{}, false
	}
	ch := report.Check{ID: report.CheckTimely, Scope: "published", Status: report.StatusNA}
	body := bodyType(r.Issuer, r.Department)
	dl, ok := DeadlineOf(r.Year, body)
	if !ok {
		switch {
		case r.Year < 2008:
			return report.Check{}, false
		case body == bodyTownship:
			ch.Detail = "the 条例 (2019) sets no deadline for a township's report"
		default:
			ch.Detail = fmt.Sprintf("the issuer %q is neither a government nor a department that can be told: no deadline", r.Issuer)
		}
		return ch, true
	}
	late := func(date string) float64 {
		d, _ := daysBetween(dl.Date, date)
		return float64(d)
	}
	if r.Published != "" {
		d := late(r.Published)
		ch.Actual = &d
		ch.Status = report.StatusPass
		verdict := "on time"
		if d > 0 {
			ch.Status = report.StatusFail
			verdict = fmt.Sprintf("%d days late", int(d))
		}
		ch.Detail = fmt.Sprintf("published %s (%s), deadline %s (%s): %s", r.Published, r.PublishedSource, dl.Date, dl.Rule, verdict)
		return ch, true
	}
	for _, dt := range r.Dates {
		switch d := late(dt.Date); {
		case dt.Source.Bound() == "not_before" && d > 0:
			ch.Actual = &d
			ch.Status = report.StatusFail
			ch.Detail = fmt.Sprintf("no date of publication; %s %s, after the deadline %s (%s): at least %d days late", dt.Source, dt.Date, dl.Date, dl.Rule, int(d))
			return ch, true
		case dt.Source.Bound() == "not_after" && d <= 0:
			ch.Status = report.StatusPass
			ch.Detail = fmt.Sprintf("no date of publication; %s %s, by the deadline %s (%s): on time", dt.Source, dt.Date, dl.Date, dl.Rule)
			return ch, true
		}
	}
	ch.Detail = fmt.Sprintf("no date of publication that decides it (deadline %s, %s)", dl.Date, dl.Rule)
	return ch, true
}

// evaluate is what an evaluator checks of a report beyond its tables'
// arithmetic: prose against the tables, timeliness, completeness and the
// year named.
func evaluate(r report.Report, text string) []report.Check {
	out := ProseChecks(r.Cells, r.Indicators, text)
	if ch, ok := Timely(r); ok {
		out = append(out, ch)
	}
	if ch, ok := Complete(r, text); ok {
		out = append(out, ch)
	}
	return append(out, YearChecks(r, text)...)
}
