package store

import (
	"context"
	"strings"
	"testing"

	"govreport/report"
)

// TestDedupe: of real reports stored together, the text rendering of the
// 平潭 2020 page is a copy of it (the page, with its tables, counted),
// and so is a copy of the page re-saved with other white space; the 2021
// report of the same body, and the 2011 and 2013 reports of 平潭县 whose
// texts share three quarters, stay reports. Copies are left out of the
// filters, the counts and the index's view of what is stored; a second
// pass changes nothing.
func TestDedupe(t *testing.T) {
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	page2020 := "corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/202103/t20210305_80595.htm"
	files := []string{page2020, "corpus/pingtan-text/pingtan-syq-2020.txt", "corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/202202/t20220208_80613.htm",
		"corpus/pingtan-site/zwgk/zfxxgk/zfxxgknb/201401/t20140122_80754.htm", "corpus/pingtan-text/pingtan-ptxian-2011.txt"}
	var ids []string
	for _, f := range files {
		r := extractTestdata(t, f)
		if _, err := st.Put(ctx, r, "test"); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	resaved := extractTestdata(t, page2020)
	resaved.ID, resaved.Source.Path = "resaved", "resaved.htm"
	resaved.Text = strings.ReplaceAll(resaved.Text, "\n", "\n\n  ")
	if _, err := st.Put(ctx, resaved, "test"); err != nil {
		t.Fatal(err)
	}
	ids = append(ids, resaved.ID)
	merged, err := st.Dedupe(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range merged {
		got[m.Path] = m.OfPath
	}
	if len(merged) != 2 || got["corpus/pingtan-text/pingtan-syq-2020.txt"] != page2020 || got["resaved.htm"] != page2020 {
		t.Errorf("merged %+v; want the 2020 text rendering and the re-saved copy as copies of the page", merged)
	}
	series, err := st.Reports(ctx, report.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	n, _ := st.Count()
	missing, _ := st.Missing(ids)
	if len(series) != 4 || n != 4 || len(missing) != 2 {
		t.Errorf("%d reports in the filters, %d counted, %d seen as not stored; want 4, 4, 2", len(series), n, len(missing))
	}
	if again, err := st.Dedupe(ctx, ids); err != nil || len(again) != 0 {
		t.Errorf("a second pass changed %+v (%v)", again, err)
	}
}
