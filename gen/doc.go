// Package gen generates realistic reports for benchmarks and scale tests,
// deterministically from a seed: real 2021-format report pages of the
// corpus are the templates; each generated report (each series of years)
// gets another body (a real county and a department, drawn without
// replacement), another year, and new numbers in
// tables 二/三/四, written into the template's own table cells, kept
// consistent (totals add up; with Series > 1, 上年结转 follows last year's
// 结转下年度 and 现行有效 follows 制发 and 废止), with a share of reports
// made inconsistent on purpose. Truth records every value and every
// planted fault. Generated reports are never test truth for the
// extractor; they measure speed and check the comparisons whose values
// are known by construction.
package gen
