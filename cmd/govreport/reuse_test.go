package main

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode"

	"govreport/internal/testcorpus"
	"govreport/report"
	"govreport/store"
)

// plainProse is a report's prose as the reuse test reads it, by its own
// code: the text without its tables and its sections' heading lines,
// whitespace dropped.
func plainProse(r report.Report, start, end int) []rune {
	cut := make([]bool, len(r.Text))
	for _, t := range r.Tables {
		for i := max(t.Start, 0); i < min(t.End, len(cut)); i++ {
			cut[i] = true
		}
	}
	for _, s := range r.Sections {
		for i := s.Start; i >= 0 && i < len(cut) && r.Text[i] != '\n'; i++ {
			cut[i] = true
		}
	}
	var out []rune
	for i, c := range r.Text[start:end] {
		if !cut[start+i] && !unicode.IsSpace(c) {
			out = append(out, c)
		}
	}
	return out
}

// grams is the set of 8-character substrings of runes.
func grams(rs []rune) map[string]bool {
	out := map[string]bool{}
	for i := 0; i+8 <= len(rs); i++ {
		out[string(rs[i:i+8])] = true
	}
	return out
}

// TestReuseAgainstCount: the stored reuse of every pair of consecutive
// reports of 平潭综合实验区 in the sample corpus equals a plain count of
// 8-character substrings shared by the two texts (whole text and each
// section), and govreport reuse ranks them.
func TestReuseAgainstCount(t *testing.T) {
	data, _ := testcorpus.Data(t)
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	rows, err := st.Reuse(ctx, report.Filter{Issuer: "平潭综合实验区"})
	if err != nil {
		t.Fatal(err)
	}
	pairs, sections := map[string]bool{}, 0
	for _, row := range rows {
		later, err := st.Report(ctx, row.ReportID)
		if err != nil {
			t.Fatal(err)
		}
		earlier, err := st.Report(ctx, row.Other)
		if err != nil {
			t.Fatal(err)
		}
		if earlier.Year >= later.Year || earlier.Issuer != later.Issuer {
			t.Errorf("%s %d compared with %s %d", later.Issuer, later.Year, earlier.Issuer, earlier.Year)
		}
		part := func(r report.Report) []rune {
			if row.Section == 0 {
				return plainProse(r, 0, len(r.Text))
			}
			for _, s := range r.Sections {
				if s.Number == row.Section {
					return plainProse(r, s.Start, s.End)
				}
			}
			t.Fatalf("%s has no section %d", r.ID, row.Section)
			return nil
		}
		a, b := grams(part(later)), grams(part(earlier))
		shared := 0
		for g := range a {
			if b[g] {
				shared++
			}
		}
		want := float64(shared) / float64(len(a))
		jac := float64(shared) / float64(len(a)+len(b)-shared)
		if len(a) != row.Shingles || math.Abs(want-row.Containment) > 1e-9 || math.Abs(jac-row.Jaccard) > 1e-9 {
			t.Errorf("%d vs %d, section %d: stored %d shingles, containment %.4f, jaccard %.4f; counted %d, %.4f, %.4f",
				later.Year, earlier.Year, row.Section, row.Shingles, row.Containment, row.Jaccard, len(a), want, jac)
		}
		for _, p := range row.Passages {
			if p.End-p.Start < 20 || strings.TrimSpace(later.Text[p.Start:p.End]) == "" {
				t.Errorf("passage %+v: %q", p, later.Text[p.Start:p.End])
			}
		}
		pairs[row.ReportID] = true
		if row.Section > 0 {
			sections++
		}
	}
	// 平潭综合实验区's reports of 2011, 2013–2018, 2020–2022, 2024, 2025.
	if len(pairs) != 11 || sections < 40 {
		t.Errorf("%d pairs of consecutive reports and %d sections compared, want 11 and at least 40", len(pairs), sections)
	}
	var out, errb bytes.Buffer
	if code := run([]string{"reuse", "--data", data, "--format", "jsonl", "--issuer", "平潭综合实验区"}, &out, &errb); code != exitOK {
		t.Fatalf("reuse: exit %d %s", code, errb.String())
	}
	var got []float64
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var r store.ReuseRow
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		got = append(got, r.Containment)
	}
	if len(got) != 11 || !sort.IsSorted(sort.Reverse(sort.Float64Slice(got))) {
		t.Errorf("reuse lists %v, want the 11 pairs, most copied first", got)
	}
	if code := run([]string{"reuse", "--data", data, "--by", "year"}, &out, &errb); code != exitUsage {
		t.Errorf("--by year: exit %d", code)
	}
}

// TestSharedPassages: across the sample corpus, the passages two bodies
// share are those 平潭综合实验区's 2013 report took from 平潭县人民政府's of
// the same year, nearly word for word (read in both texts: 我县 became 我区,
// 三个方面 几个方面, 3、 2、), one of them again in 2015 (三是抓好…).
func TestSharedPassages(t *testing.T) {
	data, _ := testcorpus.Data(t)
	var out, errb bytes.Buffer
	if code := run([]string{"reuse", "--data", data, "--shared", "--min-bodies", "2", "--format", "jsonl"}, &out, &errb); code != exitOK {
		t.Fatalf("reuse --shared: exit %d %s", code, errb.String())
	}
	st, err := store.Open(data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var heads []string
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var g struct {
			Text   string
			Bodies int
			Copies []struct {
				ReportID   string `json:"report_id"`
				Issuer     string
				Year       int
				Start, End int
			}
		}
		if err := json.Unmarshal([]byte(l), &g); err != nil {
			t.Fatal(err)
		}
		heads = append(heads, g.Text)
		issuers := map[string]bool{}
		for _, c := range g.Copies {
			issuers[c.Issuer] = true
			text, err := st.Text(c.ReportID)
			if err != nil {
				t.Fatal(err)
			}
			got := strings.Join(strings.Fields(text[c.Start:c.End]), "")
			a, b := fiveGrams(got), fiveGrams(g.Text)
			shared := 0
			for k := range a {
				if b[k] {
					shared++
				}
			}
			if j := float64(shared) / float64(len(a)+len(b)-shared); j < 0.7 {
				t.Errorf("%s %d [%d–%d]: %q shares %.2f of its 5-grams with the passage %q", c.Issuer, c.Year, c.Start, c.End, got, j, g.Text)
			}
		}
		if g.Bodies != 2 || !issuers["平潭县人民政府"] || !issuers["平潭综合实验区"] {
			t.Errorf("%q shared by %v", g.Text, issuers)
		}
	}
	// most widely copied first, then by text: the 3、/2、/三是 passage has
	// three copies
	want := []string{"做好主动公开信息巡查工作", "加强信息公开培训指导", "在政府信息公开工作的开展中"}
	if len(heads) != len(want) {
		t.Fatalf("shared passages %v, want %v", heads, want)
	}
	for i := range want {
		if !strings.Contains(heads[i], want[i]) {
			t.Errorf("shared passages %v, want %v", heads, want)
		}
	}
}

func fiveGrams(s string) map[string]bool {
	rs := []rune(s)
	out := map[string]bool{}
	for i := 0; i+5 <= len(rs); i++ {
		out[string(rs[i:i+5])] = true
	}
	return out
}

// TestBenchReuse: bench reuse computes the sample corpus's reuse again
// (in a copy) and finds its 28 pairs of consecutive reports: 国务院 16,
// 平潭综合实验区 11, 平潭县人民政府 1.
func TestBenchReuse(t *testing.T) {
	data := copyData(t)
	var out, errb bytes.Buffer
	if code := run([]string{"bench", "reuse", "--data", data, "--json"}, &out, &errb); code != exitOK {
		t.Fatalf("bench reuse: exit %d %s", code, errb.String())
	}
	var b reuseBench
	if err := json.Unmarshal(out.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	if b.Pairs != 28 || b.Reports != 43 || len(b.Containment) != 5 || b.Containment[4] < 0.4 || b.StoreSeconds <= 0 {
		t.Errorf("%+v", b)
	}
}

// copyData copies the sample corpus's data directory, for a test that
// writes to it.
func copyData(t *testing.T) string {
	src, _ := testcorpus.Data(t)
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}
