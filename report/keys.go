package report

import (
	_ "embed"
	"encoding/csv"
	"slices"
	"strings"
	"sync"
)

//go:embed standard-table-keys.csv
var keysCSV string

// Key is one row or column key of a standard table.
type Key struct {
	Table, Axis, Key string
	Formats          []Format
	Label, Notes     string
	// Cols are the columns a row of table 二 has (its block's: 第二十条第
	// （一）项 has 本年制发件数 …); empty for the rows of 三 and 四, which have
	// every column.
	Cols []string
}

// StandardKeys returns the row and column keys of tables 二, 三 and 四 in
// template order (standard-table-keys.csv, embedded), parsed once. The
// slice is shared: do not modify it.
var StandardKeys = sync.OnceValue(func() []Key {
	recs, err := csv.NewReader(strings.NewReader(keysCSV)).ReadAll()
	if err != nil {
		panic("report: embedded standard-table-keys.csv: " + err.Error())
	}
	var keys []Key
	for _, r := range recs[1:] {
		var fs []Format
		for _, f := range strings.Split(r[3], "|") {
			fs = append(fs, Format(f))
		}
		k := Key{Table: r[0], Axis: r[1], Key: r[2], Formats: fs, Label: r[4], Notes: r[5]}
		if r[6] != "" {
			k.Cols = strings.Split(r[6], "|")
		}
		keys = append(keys, k)
	}
	return keys
})

// KeysFor lists the keys of one table axis ("row" or "col") in a format,
// in template order.
func KeysFor(table, axis string, format Format) []string {
	var out []string
	for _, k := range StandardKeys() {
		if k.Table != table || k.Axis != axis {
			continue
		}
		for _, f := range k.Formats {
			if f == format {
				out = append(out, k.Key)
				break
			}
		}
	}
	return out
}

// CellInfo is one cell of the standard tables: its key, its row and
// column labels, the formats it exists in, and notes.
type CellInfo struct {
	Key, Label string // t3.granted.total; 予以公开 / 总计
	Formats    []Format
	Notes      string
}

// CellKeys lists every cell of tables 二, 三 and 四 that some format has,
// in template order (the codebook's cells, the wide export's columns).
func CellKeys() []CellInfo {
	var out []CellInfo
	keys := StandardKeys()
	for _, table := range []string{"t2", "t3", "t4"} {
		for _, r := range keys {
			if r.Table != table || r.Axis != "row" {
				continue
			}
			for _, c := range keys {
				if c.Table != table || c.Axis != "col" || len(r.Cols) > 0 && !slices.Contains(r.Cols, c.Key) {
					continue
				}
				var formats []Format
				for _, f := range r.Formats {
					if slices.Contains(c.Formats, f) {
						formats = append(formats, f)
					}
				}
				if len(formats) == 0 {
					continue
				}
				out = append(out, CellInfo{Key: CellKey(table, r.Key, c.Key), Label: r.Label + " / " + c.Label, Formats: formats,
					Notes: strings.Trim(r.Notes+"; "+c.Notes, "; ")})
			}
		}
	}
	return out
}

// CellKey is the name of a cell in wide tables and metrics: t3.granted.total.
func CellKey(table, row, col string) string { return table + "." + row + "." + col }

// IsCellKey reports whether a table.row.col name is a cell of the
// standard tables in some format.
func IsCellKey(name string) bool {
	parts := strings.Split(name, ".")
	if len(parts) != 3 {
		return false
	}
	row, col := false, false
	for _, k := range StandardKeys() {
		if k.Table != parts[0] {
			continue
		}
		switch {
		case k.Axis == "row" && k.Key == parts[1]:
			row = true
		case k.Axis == "col" && k.Key == parts[2]:
			col = true
		}
	}
	return row && col
}
