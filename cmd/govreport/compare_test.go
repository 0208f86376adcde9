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

// TestPostsPublished: on the 平潭 portal pages and their text renderings
// (copies counted once), compare ind.posts_published gives each report's
// own total, the figures a reader finds (extract/choose_test.go), not the
// first figure of the key nor the sum of two copies.
func TestPostsPublished(t *testing.T) {
	data := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"run", "--data", data, "../../testdata/corpus/pingtan-site", "../../testdata/corpus/pingtan-text"}, &out, &errb); code != exitOK {
		t.Fatalf("run: exit %d: %s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"compare", "--data", data, "--issuer", "平潭综合实验区", "--issuer-exact", "--format", "csv", "ind.posts_published"}, &out, &errb); code != exitOK {
		t.Fatalf("compare: exit %d: %s", code, errb.String())
	}
	want := "group,2011,2013,2014,2015,2016,2017,2018,2020,2021,2022,2024,2025\n" +
		"平潭综合实验区,425,4970,2543,2949,3460,2122,2069,2602,2645,14571,10407,7700\n"
	if out.String() != want {
		t.Errorf("compare ind.posts_published:\n%s\nwant\n%s", out.String(), want)
	}
}
