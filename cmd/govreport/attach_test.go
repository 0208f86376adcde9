package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
)

// attachmentPortal serves a column (with a portal's menus) whose report
// page only points to its PDF (详见附件), the real huaian report.
func attachmentPortal(t *testing.T) *httptest.Server {
	pdf := mustRead(t, "../../testdata/corpus/pdf/huaian-2024.pdf")
	title := "淮安市人民政府2024年政府信息公开工作年度报告"
	mux := http.NewServeMux()
	mux.HandleFunc("/zwgk/nb/index.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>`+
			`<div class="nav">`+strings.Repeat(`<a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/bsfw/">办事服务</a><a href="/hdjl/">互动交流</a>`, 6)+`</div>`+
			`<ul><li><a href="./202502/t20250226_1.html" title="%s">%s</a> 2025-02-26</li></ul></body></html>`, title, title)
	})
	mux.HandleFunc("/zwgk/nb/202502/t20250226_1.html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="%s"><meta name="PubDate" content="2025-02-26 10:30">`+
			`<meta name="ContentSource" content="淮安市人民政府办公室"><title>%s</title></head><body><div class="menu"><a href="/">首页</a><a href="/guide.pdf">政务公开指南</a></div>`+
			`<div class="TRS_Editor"><p>%s</p><p>详见附件。</p><p>附件：<a href="./P020250226_szfgs2024.pdf">%s.pdf</a></p></div></body></html>`, title, title, title, title)
	})
	mux.HandleFunc("/zwgk/nb/202502/P020250226_szfgs2024.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write(pdf)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestAttachmentReport: run URL on a local portal whose report page only
// points to the real huaian PDF stores one report: the PDF's 200 cells
// (its gold) and 42 checks under the page's URL, title and date, the
// PDF's URL as its attachment. Run again, it is unchanged.
func TestAttachmentReport(t *testing.T) {
	srv := attachmentPortal(t)
	data := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"run", "--data", data, "--delay", "0", srv.URL + "/zwgk/nb/index.html"}, &out, &errb); code != exitOK {
		t.Fatalf("run: exit %d: %s%s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "3 documents: 1 stored") || !strings.Contains(out.String(), "1 attachments read into their pages' reports, 1 listing pages (links to reports) not stored") {
		t.Errorf("run's summary:\n%s", out.String())
	}
	out.Reset()
	if code := run([]string{"export", "--data", data, "--what", "reports", "--format", "jsonl", "--kind", "annual-disclosure-report"}, &out, &errb); code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d reports stored, want one (the listing page is stored as not a report):\n%s", len(lines), out.String())
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rep); err != nil {
		t.Fatal(err)
	}
	page := srv.URL + "/zwgk/nb/202502/t20250226_1.html"
	for k, want := range map[string]any{"url": page, "attachment": srv.URL + "/zwgk/nb/202502/P020250226_szfgs2024.pdf",
		"title": "淮安市人民政府2024年政府信息公开工作年度报告", "published": "2025-02-26", "issuer": "淮安市人民政府",
		"region_code": "320800", "year": float64(2024), "format": "2021", "kind": "annual-disclosure-report"} {
		if rep[k] != want {
			t.Errorf("%s: %v, want %v", k, rep[k], want)
		}
	}
	out.Reset()
	run([]string{"export", "--data", data, "--what", "cells"}, &out, &errb)
	recs, err := csv.NewReader(bytes.NewReader(out.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, r := range recs[1:] {
		got = append(got, strings.Join([]string{r[4], r[5], r[6], r[8], r[9], r[7]}, ","))
	}
	gold, err := csv.NewReader(bytes.NewReader(mustRead(t, "../../testdata/gold/huaian-2024.cells.csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gold[1:] {
		want = append(want, strings.Join(g, ","))
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") || len(got) != 200 {
		t.Errorf("%d cells exported, the gold has %d; they differ", len(got), len(want))
	}
	out.Reset()
	run([]string{"export", "--data", data, "--what", "checks"}, &out, &errb)
	// The gold's 42 of the tables' arithmetic, 3 P-TABLE, T-TIMELY,
	// T-COMPLETE and 3 Y-YEAR.
	if n := strings.Count(strings.TrimSpace(out.String()), "\n"); n != 50 {
		t.Errorf("%d checks, want 50", n)
	}
	out.Reset()
	if code := run([]string{"run", "--data", data, "--delay", "0", srv.URL + "/zwgk/nb/index.html"}, &out, &errb); code != exitOK {
		t.Fatalf("second run: exit %d: %s", code, errb.String())
	}
	if !strings.Contains(out.String(), "0 stored") {
		t.Errorf("second run's summary:\n%s", out.String())
	}
	out.Reset()
	run([]string{"export", "--data", data, "--what", "reports", "--format", "jsonl"}, &out, &errb)
	if n := strings.Count(strings.TrimSpace(out.String()), "\n") + 1; n != 1 || strings.Contains(out.String(), `"url":"`+srv.URL+"/zwgk/nb/202502/P020") {
		t.Errorf("after the second run, want the report (not the listing page, not the PDF on its own):\n%s", out.String())
	}
}
