package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"govreport/export"
	"govreport/report"
)

// TestParquetEqualsCSV: the Parquet export of the sample corpus, read back
// with another implementation (Apache Arrow's Go Parquet reader), holds
// every row and value of the CSV export of each table, year partition by
// year partition and in the same order; blanks stay NULL, years are
// integers in the partition path, numbers are typed.
func TestParquetEqualsCSV(t *testing.T) {
	st := openCorpus(t)
	dir := t.TempDir()
	files, err := export.WriteParquet(context.Background(), st, dir, report.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("%d files", len(files))
	}
	for _, what := range export.ParquetTables {
		rows, err := csv.NewReader(bytes.NewReader(write(t, st, export.Options{What: what, Format: "csv"}))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		head := rows[0]
		yearAt := indexOf(head, "year")
		want := map[string][]string{} // year → rows without the year, joined
		for _, r := range rows[1:] {
			y := r[yearAt]
			if y == "" {
				y = export.NoYear
			}
			rest := append(append([]string{}, r[:yearAt]...), r[yearAt+1:]...)
			want[y] = append(want[y], strings.Join(rest, "\x1f"))
		}
		parts, _ := filepath.Glob(filepath.Join(dir, what, "year=*", "part-0.parquet"))
		if len(parts) != len(want) {
			t.Errorf("%s: %d partitions, the CSV has %d years", what, len(parts), len(want))
		}
		nulls := 0
		for _, path := range parts {
			year := strings.TrimPrefix(filepath.Base(filepath.Dir(path)), "year=")
			if year != export.NoYear {
				if _, err := strconv.Atoi(year); err != nil {
					t.Errorf("%s: partition %s", what, year)
				}
			}
			got, n := readParquet(t, path, append(append([]string{}, head[:yearAt]...), head[yearAt+1:]...))
			nulls += n
			if strings.Join(got, "\n") != strings.Join(want[year], "\n") {
				if len(got) > 0 && len(want[year]) > 0 {
					g, w := strings.Split(got[0], "\x1f"), strings.Split(want[year][0], "\x1f")
					for i := range g {
						if i < len(w) && g[i] != w[i] {
							t.Errorf("%s year %s, column %d: parquet %q, CSV %q", what, year, i, g[i], w[i])
						}
					}
				}
				t.Errorf("%s year %s: %d rows in Parquet, %d in the CSV, or their values differ", what, year, len(got), len(want[year]))
			}
		}
		if what == "cells" && nulls == 0 {
			t.Error("no NULL value among the cells: blanks must stay NULL")
		}
	}
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// readParquet reads a file with Arrow, its rows written as the CSV writes
// values, in the order of cols, and counts the NULLs.
func readParquet(t *testing.T, path string, cols []string) ([]string, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pf, err := file.NewParquetReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	n := int(tbl.NumRows())
	out := make([][]string, n)
	for i := range out {
		out[i] = make([]string, len(cols))
	}
	nulls := 0
	for ci, name := range cols {
		idx := tbl.Schema().FieldIndices(name)
		if len(idx) != 1 {
			t.Fatalf("%s: no column %s", path, name)
		}
		row := 0
		for _, chunk := range tbl.Column(idx[0]).Data().Chunks() {
			for j := 0; j < chunk.Len(); j++ {
				var s string
				switch a := chunk.(type) {
				case *array.String:
					if !a.IsNull(j) {
						s = export.Neutralise(a.Value(j))
					}
				case *array.Float64:
					if !a.IsNull(j) {
						s = strconv.FormatFloat(a.Value(j), 'f', -1, 64)
					}
				case *array.Int64:
					if !a.IsNull(j) {
						s = strconv.FormatInt(a.Value(j), 10)
					}
				default:
					t.Fatalf("%s: column %s is %T", path, name, chunk)
				}
				if chunk.IsNull(j) {
					nulls++
				}
				out[row][ci] = s
				row++
			}
		}
	}
	lines := make([]string, n)
	for i, r := range out {
		lines[i] = strings.Join(r, "\x1f")
	}
	return lines, nulls
}
