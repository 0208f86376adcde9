package extract

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
)

// Entry maps a kind of prose figure to a stable indicator key: a figure
// whose subject or clause contains one of Words, with one of Units (any
// unit when Units is empty), gets Key.
type Entry struct {
	Key   string
	Words []string
	Units []string
}

// Catalogue is an ordered list of entries; the first that matches wins.
type Catalogue []Entry

// BuiltinCatalogue is the catalogue of common indicators of the annual
// reports. Users add their own with ReadCatalogue.
func BuiltinCatalogue() Catalogue {
	return Catalogue{
		{"posts_published", []string{"主动公开", "公布政府信息"}, []string{"条"}}, // 主动公开规章13件 counts documents of a kind, not posts
		{"info_submitted", []string{"报送信息", "报送"}, []string{"条", "篇"}},
		{"press_conferences", []string{"新闻发布会", "发布会"}, []string{"场", "次", "期"}},
		{"policy_interpretations", []string{"政策解读", "解读"}, []string{"篇", "件", "条", "次"}},
		{"reviews", []string{"行政复议"}, []string{"件", "起", "宗", "个"}},
		{"lawsuits", []string{"行政诉讼", "诉讼"}, []string{"件", "起", "宗", "个"}},
		{"applications_received", []string{"收到政府信息公开申请", "受理政府信息公开申请", "公开申请"}, []string{"件", "条", "份", "个"}},
		{"sample_batches", []string{"抽检", "抽查", "监督抽查"}, []string{"批次", "批"}},
		{"pass_rate", []string{"合格率"}, []string{"%"}},
		{"online_rate", []string{"网办率", "网上办理率", "网上可办率"}, []string{"%"}},
		{"completion_rate", []string{"办结率"}, []string{"%"}},
		{"satisfaction_rate", []string{"满意率", "满意度"}, []string{"%"}},
		{"proposals_handled", []string{"建议", "提案"}, []string{"件"}},
		{"info_fee", []string{"信息处理费"}, []string{"元", "万元"}},
		{"complaints", []string{"投诉", "举报"}, []string{"件", "起", "宗", "条"}},
		{"inspections", []string{"检查"}, []string{"次", "家", "户", "家次", "户次", "台(套)", "台"}},
	}
}

// Key returns the key of the first entry matching a figure: its words in
// the subject first, then in the clause before the number.
func (c Catalogue) Key(subject, clause, unit string) string {
	for _, text := range []string{subject, clause} {
		for _, e := range c {
			if (len(e.Units) == 0 || contains(e.Units, unit)) && containsAny(text, e.Words...) {
				return e.Key
			}
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ReadCatalogue reads user indicators from CSV: key,words,units with the
// words and units separated by | (a header row key,words,units is
// allowed; units may be empty for any unit). name is used in errors.
func ReadCatalogue(name string, r io.Reader) (Catalogue, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	var c Catalogue
	for i, rec := range recs {
		if i == 0 && len(rec) > 0 && rec[0] == "key" {
			continue
		}
		if len(rec) < 2 || strings.TrimSpace(rec[0]) == "" || strings.TrimSpace(rec[1]) == "" {
			return nil, fmt.Errorf("reading %s: line %d: want key,words[,units]", name, i+1)
		}
		e := Entry{Key: strings.TrimSpace(rec[0]), Words: splitBar(rec[1])}
		if len(rec) > 2 {
			e.Units = splitBar(rec[2])
		}
		c = append(c, e)
	}
	return c, nil
}

func splitBar(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
