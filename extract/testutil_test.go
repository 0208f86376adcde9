package extract

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"govreport/pdf"
	"govreport/report"
)

const testdata = "../testdata"

// readCSV reads a CSV file of testdata into records without its header.
func readCSV(t testing.TB, rel string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(testdata, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("reading %s: %v", rel, err)
	}
	return recs[1:]
}

// extractFile extracts a testdata file.
func extractFile(t testing.TB, rel string) report.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testdata, rel))
	if err != nil {
		t.Fatal(err)
	}
	return Extract(Input{Name: rel, Data: b}, Options{PDF: pdf.Shared()})
}

func readTestdata(rel string) ([]byte, error) { return os.ReadFile(filepath.Join(testdata, rel)) }
