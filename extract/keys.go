package extract

import (
	_ "embed"
	"encoding/csv"
	"strings"
	"sync"
)

//go:embed standard-table-keys.csv
var keysCSV string

// Key is one row or column key of a standard table.
type Key struct {
	Table, Axis, Key string
	Formats          []string
	Label, Notes     string
}

// StandardKeys returns the row and column keys of tables 二, 三 and 四 in
// template order (standard-table-keys.csv, embedded). The slice is shared:
// do not modify it.
var StandardKeys = sync.OnceValue(func() []Key {
	recs, err := csv.NewReader(strings.NewReader(keysCSV)).ReadAll()
	if err != nil {
		panic("extract: embedded standard-table-keys.csv: " + err.Error())
	}
	var keys []Key
	for _, r := range recs[1:] {
		keys = append(keys, Key{Table: r[0], Axis: r[1], Key: r[2], Formats: strings.Split(r[3], "|"), Label: r[4], Notes: r[5]})
	}
	return keys
})

// keysFor lists the keys of one table axis in a format, in template order.
func keysFor(table, axis, format string) []string {
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
