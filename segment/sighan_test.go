package segment

import (
	"bufio"
	"math"
	"os"
	"strings"
	"testing"
)

// TestSIGHAN measures segmentation on the SIGHAN 2005 PKU test set
// (testdata/sighan) with and without the domain dictionary and the HMM,
// logs precision, recall and F1 (go test ./segment -run SIGHAN -v) and
// holds each F1 to what was measured (design.md): 0.828 without the HMM,
// 0.799 with it, within 0.005, so that a change to the dictionary or the
// cut that moves it is seen.
func TestSIGHAN(t *testing.T) {
	raw := readLines(t, "../testdata/sighan/pku_test.utf8")
	gold := readLines(t, "../testdata/sighan/pku_test_gold.utf8")
	if len(raw) != len(gold) || len(raw) < 1900 {
		t.Fatalf("%d raw lines, %d gold lines", len(raw), len(gold))
	}
	want := map[bool]float64{false: 0.828, true: 0.799} // by HMM
	for _, opt := range []Options{{}, {HMM: true}, {Domain: true}, {Domain: true, HMM: true}} {
		seg := New(opt)
		var sc Score
		for i, line := range raw {
			pred, err := seg.Cut(line)
			if err != nil {
				t.Fatal(err)
			}
			g := strings.Fields(gold[i])
			if strings.Join(g, "") != strings.Join(pred, "") {
				t.Fatalf("line %d: the cut does not spell the line", i+1)
			}
			sc.Add(g, pred)
		}
		t.Logf("domain=%-5v hmm=%-5v  P %.4f  R %.4f  F1 %.4f  (%d gold words, %d predicted)",
			opt.Domain, opt.HMM, sc.Precision(), sc.Recall(), sc.F1(), sc.Gold, sc.Predicted)
		if f := sc.F1(); math.Abs(f-want[opt.HMM]) > 0.005 {
			t.Errorf("domain=%v hmm=%v: F1 %.4f, measured before %.3f ± 0.005", opt.Domain, opt.HMM, f, want[opt.HMM])
		}
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			out = append(out, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
