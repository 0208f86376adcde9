package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"

	"govreport/internal/testcorpus"
)

// TestCompareAligned: compare's terminal table lines up by display width
// (a Chinese name takes two columns a character), and its CSV leaves a
// missing value empty.
func TestCompareAligned(t *testing.T) {
	data, _ := testcorpus.Data(t)
	var out, errb bytes.Buffer
	if code := run([]string{"compare", "--data", data, "--year", "2020..", "--change", "t3.granted.total"}, &out, &errb); code != exitOK {
		t.Fatalf("compare: exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")[2:]
	if len(lines) < 3 || !strings.Contains(out.String(), "平潭综合实验区") {
		t.Fatalf("compare printed:\n%s", out.String())
	}
	for _, l := range lines[1:] {
		if runewidth.StringWidth(l) != runewidth.StringWidth(lines[0]) {
			t.Errorf("lines of %d and %d columns:\n%s\n%s", runewidth.StringWidth(lines[0]), runewidth.StringWidth(l), lines[0], l)
		}
	}
	out.Reset()
	if code := run([]string{"compare", "--data", data, "--year", "2020..", "--format", "csv", "t3.granted.total"}, &out, &errb); code != exitOK {
		t.Fatalf("compare: exit %d: %s", code, errb.String())
	}
	if strings.Contains(out.String(), ",-") || !strings.Contains(out.String(), ",,") {
		t.Errorf("CSV with a dash or no empty value:\n%s", out.String())
	}
}
