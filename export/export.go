package export

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sort"

	"govreport/report"
	"govreport/store"
)

// Whats are the tables that can be exported, and Formats the formats.
var (
	Whats   = []string{"cells", "indicators", "reports", "checks"}
	Formats = []string{"csv", "jsonl", "xlsx", "parquet"} // parquet: WriteParquet, a folder
)

// Options choose what is exported and how.
type Options struct {
	What    string // cells, indicators, reports, checks
	Format  string // csv, jsonl, xlsx
	Wide    bool   // cells only: one row per report, one column per cell key
	BOM     bool   // csv: a UTF-8 byte order mark for Excel
	Chinese bool   // Chinese column headers
	// Stata (wide cells, CSV): Stata variable names (StataNames) and a
	// do-file, written to DoFile, that reads the CSV named CSVName and
	// labels every variable in Chinese.
	Stata   bool
	DoFile  io.Writer
	CSVName string
	Filter  report.Filter
}

// column is one exported column: its name, Chinese header and SQL.
type column struct{ name, zh, sql string }

var tables = map[string][]column{
	"cells": {
		{"report_id", "报告编号", "r.id"}, {"issuer", "发布机关", "r.issuer"}, {"region_code", "行政区划代码", "r.region_code"}, {"year", "年度", "r.year"},
		{"table", "表", "c.tbl"}, {"row", "行", "c.row"}, {"col", "列", "c.col"}, {"value", "数值", "c.value"}, {"raw", "原文", "c.raw"}, {"class", "类别", "c.class"},
		{"unit", "单位", "c.unit"}, {"row_label", "行标签", "c.row_label"}, {"col_label", "列标签", "c.col_label"},
		{"grid_table", "表序号", "c.grid_table"}, {"grid_row", "表内行", "c.grid_row"}, {"grid_col", "表内列", "c.grid_col"}, {"url", "网址", "r.url"},
	},
	"indicators": {
		{"report_id", "报告编号", "r.id"}, {"issuer", "发布机关", "r.issuer"}, {"region_code", "行政区划代码", "r.region_code"}, {"year", "年度", "r.year"},
		{"key", "指标", "c.key"}, {"value", "数值", "c.value"}, {"unit", "单位", "c.unit"}, {"raw", "原文", "c.raw"},
		{"subject", "对象", "c.subject"}, {"start", "起始字节", "c.start"}, {"end", "结束字节", "c.\"end\""}, {"change", "增减", "c.change"}, {"chosen", "报告值", "c.chosen"},
		{"sentence", "句子", "c.sentence"}, {"url", "网址", "r.url"},
	},
	"checks": {
		{"report_id", "报告编号", "r.id"}, {"issuer", "发布机关", "r.issuer"}, {"region_code", "行政区划代码", "r.region_code"}, {"year", "年度", "r.year"},
		{"id", "校验", "c.id"}, {"table", "表", "c.tbl"}, {"scope", "范围", "c.scope"}, {"status", "结果", "c.status"},
		{"expected", "表列合计", "c.expected"}, {"actual", "分项之和", "c.actual"}, {"other_report_id", "上年报告编号", "c.other"},
		{"detail", "说明", "c.detail"}, {"url", "网址", "r.url"},
	},
	"reports": {
		{"report_id", "报告编号", "r.id"}, {"issuer", "发布机关", "r.issuer"}, {"region_code", "行政区划代码", "r.region_code"}, {"year", "年度", "r.year"},
		{"province", "省", "r.province"}, {"city", "市", "r.city"}, {"county", "县", "r.county"}, {"department", "部门", "r.department"},
		{"issuer_printed", "原文发布机关", "r.issuer_printed"}, {"title", "标题", "r.title"}, {"published", "发布日期", "r.published"},
		{"published_source", "发布日期来源", "r.published_source"},
		{"timely", "按时发布", "(SELECT x.status FROM checks x WHERE x.rid = r.rid AND x.id = 'T-TIMELY')"},
		{"days_late", "逾期天数", "(SELECT x.actual FROM checks x WHERE x.rid = r.rid AND x.id = 'T-TIMELY')"},
		{"complete", "完整性得分", "(SELECT round(x.actual / x.expected, 4) FROM checks x WHERE x.rid = r.rid AND x.id = 'T-COMPLETE')"},
		{"reuse", "与上年重复比例", "(SELECT round(x.containment, 4) FROM reuse x WHERE x.rid = r.rid AND x.section = 0)"},
		{"format", "格式", "r.format"}, {"kind", "类型", "r.kind"}, {"path", "文件", "r.path"}, {"url", "网址", "r.url"}, {"attachment", "附件", "r.attachment"}, {"warc", "WARC记录", "r.warc"},
		{"sha256", "SHA256", "r.sha256"},
		{"cells", "单元格数", "(SELECT count(*) FROM cells x WHERE x.rid = r.rid)"},
		{"indicators", "指标数", "(SELECT count(*) FROM indicators x WHERE x.rid = r.rid)"},
		{"failed_checks", "未通过校验数", "(SELECT count(*) FROM checks x WHERE x.rid = r.rid AND x.status = 'fail')"},
		{"problems", "问题", "(SELECT group_concat(code, ' ') FROM problems x WHERE x.rid = r.rid)"},
	},
}

// Write exports from the store to w.
func Write(ctx context.Context, st *store.Store, w io.Writer, o Options) error {
	cols, ok := tables[o.What]
	if !ok {
		return fmt.Errorf("--what %q: want cells, indicators, reports or checks", o.What)
	}
	if o.Wide {
		if o.What != "cells" {
			return fmt.Errorf("--wide is for --what cells")
		}
		return writeWide(ctx, st, w, o)
	}
	rw, err := newWriter(w, o.Format, o.BOM, o.What)
	if err != nil {
		return err
	}
	head := make([]string, len(cols))
	exprs := make([]string, len(cols))
	for i, c := range cols {
		head[i], exprs[i] = c.name, c.sql
		if o.Chinese {
			head[i] = c.zh
		}
	}
	if err := rw.header(head); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	child := o.What
	if child == "reports" {
		child = ""
	}
	err = st.Rows(ctx, o.Filter, child, exprs, func(vals []any) error {
		if err := rw.row(vals); err != nil {
			return fmt.Errorf("writing the export: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := rw.close(); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	return nil
}

// writeWide writes one row per report that has standard tables, with a column per cell key present
// in any selected report, in template order (t2, t3, t4; rows, then
// columns as in standard-table-keys.csv).
func writeWide(ctx context.Context, st *store.Store, w io.Writer, o Options) error {
	reports, err := st.Reports(ctx, o.Filter)
	if err != nil {
		return err
	}
	present := map[string]bool{}
	for _, r := range reports {
		for k := range r.Classes {
			present[k] = true
		}
	}
	keys := orderKeys(present)
	rw, err := newWriter(w, o.Format, o.BOM, "cells")
	if err != nil {
		return err
	}
	head := []string{"report_id", "issuer", "region_code", "year", "format"}
	labels := []string{"报告编号", "发布机关", "行政区划代码", "年度", "格式"}
	if o.Chinese {
		head = slices.Clone(labels)
	}
	for _, k := range keys {
		labels = append(labels, zhKey(k))
		switch {
		case o.Stata:
			head = append(head, StataNames()[k])
		case o.Chinese:
			head = append(head, zhKey(k))
		default:
			head = append(head, k)
		}
	}
	if err := rw.header(head); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	if o.Stata && o.DoFile != nil {
		if err := writeDo(o.DoFile, o.CSVName, head, labels); err != nil {
			return fmt.Errorf("writing the do-file: %w", err)
		}
	}
	for _, r := range reports {
		if len(r.Classes) == 0 {
			continue // no standard table
		}
		var year any
		if r.Year > 0 {
			year = int64(r.Year)
		}
		row := []any{r.ID, r.Issuer, r.RegionCode, year, r.Format}
		for _, k := range keys {
			if v, ok := r.Values[k]; ok {
				row = append(row, v)
			} else {
				row = append(row, nil) // blank, dash, text or absent: never 0
			}
		}
		if err := rw.row(row); err != nil {
			return fmt.Errorf("writing the export: %w", err)
		}
	}
	if err := rw.close(); err != nil {
		return fmt.Errorf("writing the export: %w", err)
	}
	return nil
}

// orderKeys sorts table.row.col keys in template order.
func orderKeys(present map[string]bool) []string {
	rank := map[string]int{}
	for i, k := range report.StandardKeys() {
		rank[k.Table+"/"+k.Axis+"/"+k.Key] = i
	}
	var keys []string
	for k := range present {
		keys = append(keys, k)
	}
	pos := func(k string) (int, int, int) {
		var t, r, c string
		fmt.Sscanf(replaceDots(k), "%s %s %s", &t, &r, &c)
		return int(t[1] - '0'), rank[t+"/row/"+r], rank[t+"/col/"+c]
	}
	sort.Slice(keys, func(i, j int) bool {
		ti, ri, ci := pos(keys[i])
		tj, rj, cj := pos(keys[j])
		if ti != tj {
			return ti < tj
		}
		if ri != rj {
			return ri < rj
		}
		if ci != cj {
			return ci < cj
		}
		return keys[i] < keys[j]
	})
	return keys
}

func replaceDots(k string) string {
	b := []byte(k)
	for i := range b {
		if b[i] == '.' {
			b[i] = ' '
		}
	}
	return string(b)
}

// zhKey is a cell key's Chinese header: 三.（一）予以公开.总计.
func zhKey(k string) string {
	var t, r, c string
	fmt.Sscanf(replaceDots(k), "%s %s %s", &t, &r, &c)
	label := map[string]string{}
	for _, key := range report.StandardKeys() {
		if key.Table == t {
			label[key.Axis+"/"+key.Key] = key.Label
		}
	}
	names := map[string]string{"t2": "二", "t3": "三", "t4": "四"}
	return names[t] + "." + label["row/"+r] + "." + label["col/"+c]
}
