package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"govreport/report"
)

// figureUnits are the measure words and units a prose figure may carry,
// longest first so that 批次 wins over 批 and 千米 over a 千 multiplier.
var figureUnits = func() []string {
	u := []string{"个百分点", "百分点", "个工作日", "平方公里", "平方米", "台(套)", "台（套）", "万人次", "人次", "个次", "家次", "户次", "条次", "件次",
		"批次", "万元", "亿元", "千元", "元", "千米", "公里", "千克", "公斤", "吨", "亩", "%", "％", "‰",
		"条", "件", "户", "家", "个", "份", "处", "只", "场", "篇", "人", "名", "次", "台", "套", "项", "类", "期",
		"批", "起", "宗", "例", "所", "座", "辆", "张", "本", "册", "位", "天", "小时", "倍", "万", "亿", "米"}
	sort.SliceStable(u, func(i, j int) bool { return len(u[i]) > len(u[j]) })
	return u
}()

var (
	// Words around a number that make it no figure.
	notFigureAfter = []string{"年", "月", "日", "号", "时", "分", "周年", "届", "次会议", "是", "网通办", "站式", "体化", "号文"}
)

// signWords turn a figure into a change: 增长12.5%, 下降3个百分点.
var signWords = []struct {
	word string
	sign float64
}{{"增长", 1}, {"提高", 1}, {"上升", 1}, {"增加", 1}, {"提升", 1}, {"下降", -1}, {"减少", -1}, {"降低", -1}, {"压缩", -1}}

// Figures finds the numbers with units in text, outside the spans given
// (tables, whose numbers are cells), with the subject each one counts and
// the catalogue key of that subject.
func Figures(text string, skip []report.Table, cat Catalogue) []report.Indicator {
	var out []report.Indicator
	for _, loc := range numberSpans(text) {
		start, end := loc[0], loc[1]
		if inTable(start, skip) {
			continue
		}
		numText := text[start:end]
		first, _ := utf8.DecodeRuneInString(numText)
		isChinese := !isDigitRune(first)
		before := strings.TrimRight(text[max(0, start-12):start], " \u3000\u00a0")
		if strings.HasSuffix(before, "第") || strings.HasSuffix(before, "〔") || strings.HasSuffix(before, "[") {
			continue // an ordinal or a document number
		}
		// A space or a full-width space may stand between the number and
		// its unit, as PDF text writes it (1136 条, 5500 余条), or a line
		// break where a laid-out text wraps a number set off by a space
		// (行政复议 351⏎件).
		rest, gap := text[end:], 0
		for _, sp := range []string{" ", "\u3000", "\u00a0", "\n"} {
			if sp == "\n" && (start == 0 || text[start-1] != ' ') {
				continue
			}
			if strings.HasPrefix(rest, sp) {
				rest, gap = rest[len(sp):], len(sp)
				break
			}
		}
		mult := ""
		for _, m := range multipliers {
			if strings.HasPrefix(rest, m.word) && !containsPrefix(rest, thousandUnits) {
				mult = m.word
				break
			}
		}
		rest = rest[len(mult):]
		approx := ""
		for _, a := range []string{"余", "多"} {
			if strings.HasPrefix(rest, a) {
				approx = a
				rest = rest[len(a):]
				break
			}
		}
		unit := ""
		for _, u := range figureUnits {
			if strings.HasPrefix(rest, u) {
				unit = u
				break
			}
		}
		if unit == "" || containsPrefix(text[end+gap:], notFigureAfter) {
			continue
		}
		if isChinese && !strings.ContainsAny(numText, "十百千万亿") {
			continue // 一二, 三四: not counts
		}
		v, ok := ParseAmount(numText + mult)
		if !ok {
			continue
		}
		rawEnd := end + gap + len(mult) + len(approx) + len(unit)
		ind := report.Indicator{Value: v, Unit: normUnit(unit), Raw: text[start:rawEnd], Start: start, End: rawEnd}
		clause := clauseBefore(text, start)
		for _, sw := range signWords {
			if strings.HasSuffix(strings.TrimRight(clause, "了约近达到为"), sw.word) {
				ind.Value *= sw.sign
				ind.Change = true
				break
			}
		}
		ind.Subject = subjectOf(clause)
		ind.Sentence = sentenceAround(text, start, rawEnd)
		// 办结率、满意率都达到100%: one figure for each subject.
		for _, subj := range coordinated(text, start, clause) {
			co := ind
			co.Subject = subj
			co.Key = cat.Key(subj, subj, ind.Unit)
			out = append(out, co)
		}
		ind.Key = cat.Key(ind.Subject, clause, ind.Unit)
		out = append(out, ind)
	}
	enumerations(text, out, cat)
	choose(out)
	return out
}

// distributive reports whether a clause ends in 都/均 and a verb of
// attainment (满意率都达到, 合格率均为): one figure for every subject.
func distributive(clause string) bool {
	for _, q := range []string{"都", "均"} {
		i := strings.LastIndex(clause, q)
		if i <= 0 || strings.HasSuffix(clause[:i], "平") {
			continue
		}
		switch clause[i+len(q):] {
		case "", "达到", "达", "为", "是", "超过", "已达到", "保持在", "在":
			return true
		}
	}
	return false
}

// coordinated returns the subjects listed with 、 before a clause that
// gives them one figure together (办结率、满意率都达到100%): 办结率.
func coordinated(text string, start int, clause string) []string {
	if !distributive(clause) {
		return nil
	}
	var subjects []string
	lo := max(0, start-len(clause)-8)
	at := strings.LastIndex(text[lo:start], clause)
	if at >= 0 {
		at += lo
	}
	for at > 0 && len(subjects) < 8 {
		head, ok := strings.CutSuffix(text[:at], "、")
		if !ok {
			break
		}
		prev := clauseBefore(head, len(head))
		subj := subjectOf(prev)
		if prev == "" || utf8.RuneCountInString(subj) > 8 || strings.IndexFunc(subj, isDigitRune) >= 0 {
			break
		}
		subjects = append([]string{subj}, subjects...)
		at = strings.LastIndex(head, prev)
	}
	return subjects
}

// numberSpans finds the numbers printed in text: runs of Arabic digits
// (half- or full-width, with separators and decimal points inside) and
// runs of two or more Chinese numeral characters.
func numberSpans(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isDigitRune(r):
			j, lastDigit := i+size, i+size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isDigitRune(r2) {
					j += s2
					lastDigit = j
				} else if r2 == ',' || r2 == '.' || r2 == '，' || r2 == '．' {
					j += s2
				} else {
					break
				}
			}
			out = append(out, [2]int{i, lastDigit})
			i = lastDigit
		case strings.ContainsRune(chineseNumerals, r):
			j, n := i, 0
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if !strings.ContainsRune(chineseNumerals, r2) {
					break
				}
				j += s2
				n++
			}
			if n >= 2 {
				out = append(out, [2]int{i, j})
			}
			i = j
		default:
			i += size
		}
	}
	return out
}

const chineseNumerals = "零〇一二两三四五六七八九十百千万亿"

func isDigitRune(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

// thousandUnits start with 千 but are units, not the multiplier: 82.45千米.
var thousandUnits = []string{"千米", "千克", "千元", "千瓦"}

func containsPrefix(s string, words []string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

func normUnit(u string) string {
	switch u {
	case "％":
		return "%"
	case "台（套）":
		return "台(套)"
	}
	return u
}

// clauseBefore is the text from the last clause break before off to off.
func clauseBefore(text string, off int) string {
	head := text[max(0, off-90):off]
	// Break at punctuation and opening brackets; a closing bracket ends an
	// aside inside the clause (电商平台(网站)2534个次), not the clause.
	for cut := len(head); ; {
		i := strings.LastIndexAny(head[:cut], "，,。；;：:、（(\n\t！？")
		if i < 0 {
			break
		}
		r, size := utf8.DecodeRuneInString(head[i:])
		if (r == '(' || r == '（') && strings.ContainsAny(head[i:], ")）") {
			cut = i // an aside closed before the number: keep looking back
			continue
		}
		head = head[i+size:]
		break
	}
	if !utf8.ValidString(head) {
		for len(head) > 0 && !utf8.ValidString(head) {
			head = head[1:]
		}
	}
	return strings.TrimSpace(head)
}

// subjectVerbs end the verb phrase before the counted noun: the subject is
// what follows the last of them (全市共组织开展|食品抽检 7076批次).
var subjectVerbs = []string{"开展", "组织", "公开", "报送", "办理", "检查", "抽查", "征集", "解决", "督促", "下发", "排查", "监测",
	"制定", "公布", "走访", "惠及", "承办", "受理", "收到", "发布", "召开", "举办", "开通", "查处", "处理", "答复", "接收", "培训", "出动", "抽检了", "抽查了"}

// subjectTrim are leading and trailing words that are not part of a subject.
var (
	subjectLead  = []string{"其中", "全年", "全市", "全区", "全县", "我局", "我区", "我市", "本年度", "年度", "累计", "共计", "共", "各类", "各种", "了", "并"}
	subjectTrail = []string{"不低于", "不少于", "不超过", "超过", "高于", "低于", "都达到", "均达到", "达到", "共计", "累计", "合计", "总计", "分别为", "约为", "为", "达", "共", "计", "约", "近", "超", "逾", "了", "都", "均", "有"}
)

var leadingYear = regexp.MustCompile(`^(19|20)\d\d年(度|底|末)?(以来)?`)

// subjectOf is the noun phrase a figure counts, from its clause.
func subjectOf(clause string) string {
	s := clause
	for changed := true; changed; {
		changed = false
		for _, w := range subjectTrail {
			if strings.HasSuffix(s, w) && len(s) > len(w) {
				s, changed = strings.TrimSuffix(s, w), true
			}
		}
	}
	best := -1
	for _, v := range subjectVerbs {
		if i := strings.LastIndex(s, v); i >= 0 && i+len(v) < len(s) && i+len(v) > best {
			best = i + len(v)
		}
	}
	if best > 0 {
		s = s[best:]
	}
	if i := strings.LastIndexAny(s, " 　"); i >= 0 && i+1 < len(s) {
		s = strings.TrimLeft(s[i:], " 　") // a heading before a space: （三）咨询情况 2013年
	}
	if loc := leadingYear.FindStringIndex(s); loc != nil {
		s = s[loc[1]:] // a date is context, not the subject
	}
	for changed := true; changed; {
		changed = false
		for _, w := range subjectLead {
			if strings.HasPrefix(s, w) && len(s) > len(w) {
				s, changed = strings.TrimPrefix(s, w), true
			}
		}
	}
	if utf8.RuneCountInString(s) > 16 {
		rs := []rune(s)
		s = string(rs[len(rs)-16:])
	}
	return s
}

// sentenceAround is the sentence holding text[start:end], cut to about
// 80 characters either side. It looks for the sentence's ends only that
// far, so that a text without 。 or line breaks (one line of a megabyte)
// costs the same per figure as any other.
func sentenceAround(text string, start, end int) string {
	const side = 240 // bytes
	lo := max(0, start-side)
	a := strings.LastIndexAny(text[lo:start], "。！？\n；")
	if a < 0 {
		a = lo
	} else {
		_, size := utf8.DecodeRuneInString(text[lo+a:])
		a = lo + a + size
	}
	hi := min(len(text), end+side)
	b := strings.IndexAny(text[end:hi], "。！？\n")
	if b < 0 {
		b = hi
	} else {
		_, size := utf8.DecodeRuneInString(text[end+b:])
		b = end + b + size
	}
	for a < start && !utf8.RuneStart(text[a]) {
		a++
	}
	for b > end && b < len(text) && !utf8.RuneStart(text[b]) {
		b--
	}
	return strings.TrimSpace(text[a:b])
}
