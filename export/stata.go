package export

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"govreport/report"
)

// Stata's rules for a variable name: 1 to 32 characters, letters, digits
// and underscores, not beginning with a digit, not a reserved word.
var (
	stataName     = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,31}$`)
	stataReserved = map[string]bool{"_all": true, "_b": true, "byte": true, "_coef": true, "_cons": true, "double": true,
		"float": true, "if": true, "in": true, "int": true, "long": true, "_n": true, "_N": true, "_pi": true, "_pred": true,
		"_rc": true, "_skip": true, "strL": true, "using": true, "with": true}
	stataStr = regexp.MustCompile(`^str[0-9]+$`)
)

// ValidStataName says why name is not a valid Stata variable name, or nil.
func ValidStataName(name string) error {
	switch {
	case !stataName.MatchString(name):
		return fmt.Errorf("%q: a Stata name has 1 to 32 letters, digits or underscores and does not begin with a digit", name)
	case stataReserved[name] || stataStr.MatchString(name):
		return fmt.Errorf("%q is reserved in Stata", name)
	}
	return nil
}

// stataCols are the short forms of table 三's columns, for the cell keys
// too long for a Stata name.
var stataCols = map[string]string{"natural_person": "np", "commercial": "com", "research": "res", "social_org": "soc",
	"legal_service": "legal", "other_org": "oth", "total": "tot"}

// StataNames maps every cell key of the standard tables to its Stata
// name: the key with underscores for dots (t3_granted_total), and where
// that is over 32 characters, the column written short
// (t3_denied_enforcement_file_np) and then the row cut; the names are
// fixed by the codebook, not by what an export holds, so a variable keeps
// its name from one export to the next.
var StataNames = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	taken := map[string]bool{}
	for _, c := range report.CellKeys() {
		name := strings.ReplaceAll(c.Key, ".", "_")
		if len(name) > 32 {
			parts := strings.Split(c.Key, ".")
			col := parts[2]
			if s, ok := stataCols[col]; ok {
				col = s
			}
			row := parts[1]
			if room := 32 - len(parts[0]) - len(col) - 2; len(row) > room {
				row = row[:room]
			}
			name = parts[0] + "_" + row + "_" + col
		}
		for base, i := name, 2; taken[name]; i++ {
			suffix := fmt.Sprint(i)
			name = base[:min(len(base), 32-len(suffix))] + suffix
		}
		taken[name] = true
		out[c.Key] = name
	}
	return out
})

// stataLabel cuts a variable label to Stata's 80 characters.
func stataLabel(s string) string {
	if utf8.RuneCountInString(s) <= 80 {
		return s
	}
	return string([]rune(s)[:79]) + "…"
}

// writeDo writes the do-file that reads a wide export into Stata: the
// CSV as UTF-8 with its first row as names, then every variable's label
// in Chinese.
func writeDo(w io.Writer, csvName string, names, labels []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "* Reads %s (govreport export --stata) into Stata 14 or later.\n", csvName)
	fmt.Fprintf(&b, "import delimited using %q, encoding(\"utf-8\") varnames(1) case(preserve) stringcols(1 2 3 5) clear\n", csvName)
	for i, n := range names {
		// Compound quotes: a label may hold a double quote.
		fmt.Fprintf(&b, "label variable %s `\"%s\"'\n", n, stataLabel(labels[i]))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
