package extract

import (
	"regexp"
	"strings"

	"govreport/report"
)

// respective matches an enumeration that gives each subject its own
// figure: 诉求解决率、满意率分别达97.3%和97.7%; 起数和死亡人数分别下降3.6%和1.3%.
// Group 1 is the subjects, 2 the verb after 分别, 3 the figures.
var respective = regexp.MustCompile(`([^，,。；;：:（(\n]{2,60}?)分别(为|是|达到|达|超过|超|占|下降|减少|降低|增长|增加|提高|上升|提升|)((?:约|近)?[0-9.]+(?:万|亿)?(?:余|多)?[^，,。；;：:0-9、和及与]{0,4}(?:(?:、|和|及|与)(?:约|近)?[0-9.]+(?:万|亿)?(?:余|多)?[^，,。；;：:0-9、和及与]{0,4})+)`)

var subjectSep = regexp.MustCompile(`、|和|及|与`)

// enumerations gives the figures of each "A、B分别…x和y" its own subject,
// key and sign: the n-th figure counts the n-th subject, and a verb of
// change after 分别 makes every one of them a change.
func enumerations(text string, out []report.Indicator, cat Catalogue) {
	byStart := map[int]int{}
	for i, ind := range out {
		byStart[ind.Start] = i
	}
	for _, m := range respective.FindAllStringSubmatchIndex(text, -1) {
		subjects := subjectSep.Split(text[m[2]:m[3]], -1)
		verb := text[m[4]:m[5]]
		var figs []int
		for _, loc := range numberSpans(text[m[6]:m[7]]) {
			if i, ok := byStart[m[6]+loc[0]]; ok {
				figs = append(figs, i)
			}
		}
		if len(figs) != len(subjects) || len(figs) < 2 {
			continue
		}
		sign := 0.0
		for _, sw := range signWords {
			if verb == sw.word {
				sign = sw.sign
			}
		}
		last := strings.TrimSpace(subjects[len(subjects)-1])
		for n, i := range figs {
			ind := &out[i]
			ind.Subject = strings.TrimSpace(subjects[n])
			ind.Key = cat.Key(ind.Subject, ind.Subject, ind.Unit)
			if ind.Key == "" && !measured(ind.Subject) {
				// 食品、药品抽检合格率: 食品 shares the measure the last one names.
				ind.Key = cat.Key(last, last, ind.Unit)
			}
			if sign != 0 {
				if !ind.Change {
					ind.Value *= sign
				}
				ind.Change = true
			}
		}
	}
}

// measured says a subject names its own measure (诉求解决率, 起数), so
// that it does not share the last subject's (食品、药品抽检合格率).
func measured(subject string) bool {
	for _, m := range []string{"率", "数", "量", "额", "比重", "度", "人次", "收入", "规模"} {
		if strings.HasSuffix(subject, m) {
			return true
		}
	}
	return false
}

// cumulative words say a figure adds up several years (自2008年以来,
// 历年): not the year's own.
var cumulative = []string{"以来", "历年", "至今", "多年来"}

// choose marks, for each catalogued key, the figure that states the
// report's own value: of the figures of that key that are not changes nor
// sums over several years, the largest for a count (the whole body's
// total: a channel, a sub-unit or a category counts a part of it, never
// more) and the first for a rate (the report's own rate comes first, as
// the reports write it). The others stay candidates.
func choose(inds []report.Indicator) {
	best := map[string]int{}
	for i, ind := range inds {
		if ind.Key == "" || ind.Change || containsAny(ind.Sentence, cumulative...) {
			continue
		}
		j, seen := best[ind.Key]
		switch {
		case !seen:
			best[ind.Key] = i
		case ind.Unit != "%" && ind.Value > inds[j].Value:
			best[ind.Key] = i
		}
	}
	for _, i := range best {
		inds[i].Chosen = true
	}
}
