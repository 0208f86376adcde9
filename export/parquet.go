package export

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/parquet-go/parquet-go"

	"govreport/report"
	"govreport/store"
)

// ParquetTables are the tables written as Parquet, each in its folder.
var ParquetTables = []string{"cells", "indicators", "checks", "reports"}

// NoYear is the partition of the reports of no known year, as Hive names
// a NULL partition value.
const NoYear = "__HIVE_DEFAULT_PARTITION__"

// parquetNumbers are the columns that are numbers: int64, or double for
// the values of cells and checks; every other column is text. All are
// optional (NULL where SQLite has NULL: a blank cell's value is NULL,
// never 0).
var parquetNumbers = map[string]parquet.Node{
	"value": parquet.Leaf(parquet.DoubleType), "expected": parquet.Leaf(parquet.DoubleType), "actual": parquet.Leaf(parquet.DoubleType),
	"year": parquet.Int(64), "start": parquet.Int(64), "end": parquet.Int(64), "change": parquet.Int(64), "chosen": parquet.Int(64),
	"grid_table": parquet.Int(64), "grid_row": parquet.Int(64), "grid_col": parquet.Int(64),
	"cells": parquet.Int(64), "indicators": parquet.Int(64), "failed_checks": parquet.Int(64),
}

// WriteParquet writes cells, indicators, checks and reports (the columns
// of the long export) under dir as typed Parquet, partitioned by year as
// Hive lays it out (dir/cells/year=2021/part-0.parquet; the year is in
// the path, not in the files, as DuckDB, Spark and Trino read it). It
// returns the files written.
func WriteParquet(ctx context.Context, st *store.Store, dir string, f report.Filter) ([]string, error) {
	var files []string
	for _, what := range ParquetTables {
		fs, err := writeParquetTable(ctx, st, filepath.Join(dir, what), what, f)
		files = append(files, fs...)
		if err != nil {
			return files, fmt.Errorf("writing %s: %w", filepath.Join(dir, what), err)
		}
	}
	return files, nil
}

type partition struct {
	file *os.File
	w    *parquet.GenericWriter[any]
}

func writeParquetTable(ctx context.Context, st *store.Store, dir, what string, f report.Filter) (files []string, err error) {
	cols := tables[what]
	group := parquet.Group{}
	exprs := make([]string, len(cols))
	yearAt := -1
	for i, c := range cols {
		exprs[i] = c.sql
		if c.name == "year" {
			yearAt = i
			continue
		}
		node, ok := parquetNumbers[c.name]
		if !ok {
			node = parquet.String()
		}
		group[c.name] = parquet.Optional(node)
	}
	schema := parquet.NewSchema(what, group)
	parts := map[string]*partition{}
	defer func() {
		for _, p := range parts {
			if cerr := p.w.Close(); err == nil && cerr != nil {
				err = cerr
			}
			if cerr := p.file.Close(); err == nil && cerr != nil {
				err = cerr
			}
		}
	}()
	open := func(year string) (*partition, error) {
		if p, ok := parts[year]; ok {
			return p, nil
		}
		pdir := filepath.Join(dir, "year="+year)
		if err := os.MkdirAll(pdir, 0o755); err != nil {
			return nil, err
		}
		path := filepath.Join(pdir, "part-0.parquet")
		file, err := os.Create(path)
		if err != nil {
			return nil, err
		}
		files = append(files, path)
		p := &partition{file: file, w: parquet.NewGenericWriter[any](file, schema)}
		parts[year] = p
		return p, nil
	}
	child := what
	if child == "reports" {
		child = ""
	}
	row := make([]any, 1)
	err = st.Rows(ctx, f, child, exprs, func(vals []any) error {
		year := NoYear
		m := make(map[string]any, len(cols))
		for i, c := range cols {
			if i == yearAt {
				if y, ok := asInt(vals[i]); ok {
					year = strconv.FormatInt(y, 10)
				}
				continue
			}
			v, err := parquetValue(c.name, vals[i])
			if err != nil {
				return err
			}
			m[c.name] = v
		}
		p, err := open(year)
		if err != nil {
			return err
		}
		row[0] = m
		_, err = p.w.Write(row)
		return err
	})
	return files, err
}

// parquetValue is a value of SQLite as its Parquet column holds it: a
// pointer, nil for NULL (parquet-go writes the zero value of an optional
// column as NULL: a 0 must not become a blank).
func parquetValue(name string, v any) (any, error) {
	node, number := parquetNumbers[name]
	switch {
	case v == nil && !number:
		return (*string)(nil), nil
	case v == nil && node.Type().Kind() == parquet.Double:
		return (*float64)(nil), nil
	case v == nil:
		return (*int64)(nil), nil
	case !number:
		s := text(v)
		return &s, nil
	case node.Type().Kind() == parquet.Double:
		switch x := v.(type) {
		case float64:
			return &x, nil
		case int64:
			f := float64(x)
			return &f, nil
		}
	default:
		if n, ok := asInt(v); ok {
			return &n, nil
		}
	}
	return nil, errors.New(name + ": " + fmt.Sprintf("%T is not a number", v))
}

func asInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case float64:
		return int64(x), x == float64(int64(x))
	}
	return 0, false
}
