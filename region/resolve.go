package region

import (
	"strings"
	"unicode/utf8"
)

// Resolve finds the region of a body from its name: the chain of place
// names at its start (湖北省十堰市…), each narrowing the one before, or an
// alias (平潭综合实验区). It returns the division and the length in bytes of
// the place part of name, which is also given when the place is ambiguous
// and ok is false. A short form (十堰, 平潭) counts only where
// bodyStart accepts the rest of the name, so that 中山大学 is not a body of
// 中山市; a nil bodyStart accepts nothing.
//
// A name several divisions share (朝阳区 is in 北京市 and in 长春市) is
// decided by context, the report's text: the candidate whose province or
// city the text names most often wins; on a tie nothing is returned. A
// region is never guessed.
func (g *Gazetteer) Resolve(name, context string, bodyStart func(rest string) bool) (Division, int, bool) {
	var cands []*Division
	pos := 0
	for pos < len(name) {
		if code, n := aliasPrefix(name[pos:]); n > 0 {
			if d := g.byCode[code]; d != nil && (cands == nil || g.withinAny(d, cands)) {
				cands, pos = []*Division{d}, pos+n
				continue
			}
		}
		ds, n := g.prefix(name[pos:])
		if n == 0 {
			break
		}
		if bodyStart != nil && !bodyStart(name[pos+n:]) {
			// 十堰市场监管局 is 十堰 + 市场监管局, not 十堰市 + 场监管局.
			if s := shortForm(name[pos : pos+n]); s != name[pos:pos+n] && bodyStart(name[pos+len(s):]) {
				if _, m := g.prefix(name[pos+n:]); m == 0 {
					n = len(s)
				}
			}
		}
		if g.short[name[pos:pos+n]] && (bodyStart == nil || !bodyStart(name[pos+n:])) {
			if _, m := g.prefix(name[pos+n:]); m == 0 {
				break
			}
		}
		var kept []*Division
		for _, d := range ds {
			if cands == nil || g.withinAny(d, cands) && !contains(cands, d) {
				kept = append(kept, d)
			}
		}
		if len(kept) == 0 {
			break
		}
		cands, pos = kept, pos+n
	}
	switch len(cands) {
	case 0:
		return Division{}, 0, false
	case 1:
		return *cands[0], pos, true
	}
	if d := g.byContext(cands, context); d != nil {
		return *d, pos, true
	}
	return Division{}, pos, false
}

// byContext picks the one candidate whose enclosing province or city the
// context names most often.
func (g *Gazetteer) byContext(cands []*Division, context string) *Division {
	var best *Division
	bestN, tie := 0, false
	for _, d := range cands {
		n := 0
		for p, depth := g.byCode[d.parent], 0; p != nil && depth < 2; p, depth = g.byCode[p.parent], depth+1 {
			if p.Name != d.Name && !strings.Contains(p.Name, "直辖") && p.Name != "市辖区" {
				n += strings.Count(context, p.Name)
			}
		}
		switch {
		case n > bestN:
			best, bestN, tie = d, n, false
		case n == bestN:
			tie = true
		}
	}
	if bestN == 0 || tie {
		return nil
	}
	return best
}

func (g *Gazetteer) withinAny(d *Division, cands []*Division) bool {
	for _, c := range cands {
		if g.within(d, c.Code) {
			return true
		}
	}
	return false
}

func contains(ds []*Division, d *Division) bool {
	for _, c := range ds {
		if c == d {
			return true
		}
	}
	return false
}

func aliasPrefix(s string) (string, int) {
	for name, code := range aliases {
		if strings.HasPrefix(s, name) {
			return code, len(name)
		}
	}
	return "", 0
}

// Before returns the divisions named by the longest place name that ends
// s (…《十堰市 → 十堰市), full names only.
func (g *Gazetteer) Before(s string) []Division {
	for n := min(len(s), g.maxLen); n >= 6; n-- {
		i := len(s) - n
		if !utf8.RuneStart(s[i]) {
			continue
		}
		if ds, ok := g.byName[s[i:]]; ok && !g.short[s[i:]] {
			out := make([]Division, len(ds))
			for k, d := range ds {
				out[k] = *d
			}
			return out
		}
	}
	return nil
}
