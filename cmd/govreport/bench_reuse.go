package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"govreport/report"
	"govreport/reuse"
)

// reuseBench is what bench reuse prints.
type reuseBench struct {
	Reports        int       `json:"reports"`
	StoreSeconds   float64   `json:"store_seconds"`  // the reuse of every body, computed and stored
	SharedSeconds  float64   `json:"shared_seconds"` // reuse --shared over every report
	Pairs          int       `json:"pairs"`
	Sections       int       `json:"sections"`
	Containment    []float64 `json:"containment_quartiles"` // whole text: min, 25%, 50%, 75%, max
	MeanWhole      float64   `json:"mean_whole"`
	MeanSections   float64   `json:"mean_sections"`
	SharedPassages int       `json:"shared_passages"` // printed by 3 bodies or more
}

func (o *benchCmd) reuse(ctx context.Context, stdout, stderr io.Writer) error {
	st, err := openStore(o.data)
	if err != nil {
		return err
	}
	defer st.Close()
	var b reuseBench
	if b.Reports, err = st.Count(); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "govreport bench: the reuse of %d reports' bodies\n", b.Reports)
	t0 := time.Now()
	if err := st.ReuseAll(ctx); err != nil {
		return err
	}
	b.StoreSeconds = time.Since(t0).Seconds()
	rows, err := st.Reuse(ctx, report.Filter{})
	if err != nil {
		return err
	}
	var whole []float64
	sum := 0.0
	for _, r := range rows {
		if r.Section == 0 {
			whole = append(whole, r.Containment)
			b.MeanWhole += r.Containment
		} else {
			b.Sections++
			sum += r.Containment
		}
	}
	b.Pairs = len(whole)
	if b.Pairs > 0 {
		b.MeanWhole /= float64(b.Pairs)
		sort.Float64s(whole)
		for _, q := range []float64{0, 0.25, 0.5, 0.75, 1} {
			b.Containment = append(b.Containment, whole[int(q*float64(len(whole)-1))])
		}
	}
	if b.Sections > 0 {
		b.MeanSections = sum / float64(b.Sections)
	}
	fmt.Fprintf(stderr, "govreport bench: passages shared corpus-wide\n")
	t0 = time.Now()
	var bodies []string
	f := reuse.NewFinder()
	if err := st.Prose(ctx, report.Filter{}, func(id, issuer string, year int, d reuse.Doc) error {
		f.Add(len(bodies), d)
		bodies = append(bodies, issuer)
		return nil
	}); err != nil {
		return err
	}
	b.SharedPassages = len(f.Groups(func(n int) string { return bodies[n] }, 3))
	b.SharedSeconds = time.Since(t0).Seconds()
	if o.json {
		return jsonEncoder(stdout).Encode(b)
	}
	fmt.Fprintf(stdout, "%d reports: reuse of every body's consecutive reports computed and stored in %.1f s; passages shared corpus-wide found in %.1f s\n",
		b.Reports, b.StoreSeconds, b.SharedSeconds)
	q := ""
	for _, v := range b.Containment {
		q += fmt.Sprintf(" %.3f", v)
	}
	fmt.Fprintf(stdout, "%d pairs of consecutive reports, %d sections compared; whole text containment mean %.3f, min/quartiles/max%s; sections' mean %.3f; %d passages shared by 3 or more bodies\n",
		b.Pairs, b.Sections, b.MeanWhole, q, b.MeanSections, b.SharedPassages)
	return nil
}
