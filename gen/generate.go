package gen

import (
	"fmt"
	"math/rand/v2"

	"govreport/region"
)

// Options tune Generate.
type Options struct {
	N         int     // reports
	Seed      uint64  // same seed, same reports
	Series    int     // consecutive years per body (1: every report another body)
	FirstYear int     // first year covered (default 2021)
	FaultRate float64 // share of reports made inconsistent on purpose
}

// Truth is what a generated report says by construction.
type Truth struct {
	Name       string             `json:"name"`
	Template   string             `json:"template"`
	Issuer     string             `json:"issuer"`
	RegionCode string             `json:"region_code"`
	Year       int                `json:"year"`
	Cells      map[string]float64 `json:"cells"`  // every cell written, "t3.granted.total"
	Faults     []string           `json:"faults"` // planted: "T3-TOTAL-ROW t3 total", "X-CARRY t3 natural_person"
}

var departments = []string{"人民政府办公室", "市场监督管理局", "生态环境局", "教育局", "财政局", "人力资源和社会保障局", "住房和城乡建设局", "卫生健康委员会", "自然资源局", "交通运输局",
	"发展和改革局", "公安局", "民政局", "司法局", "农业农村局", "水利局", "商务局", "文化和旅游局", "应急管理局", "审计局", "统计局", "医疗保障局", "退役军人事务局", "林业局"}

// Generate makes opt.N reports and hands each to emit with its truth.
func Generate(templates []*Template, opt Options, emit func(name string, page []byte, t Truth) error) error {
	if len(templates) == 0 {
		return fmt.Errorf("no templates")
	}
	if opt.Series <= 0 {
		opt.Series = 1
	}
	if opt.FirstYear == 0 {
		opt.FirstYear = 2021
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x9e3779b97f4a7c15))
	counties := region.Builtin().Unique(region.County)
	// Each series is another body (a county's department), drawn without
	// replacement: two series of one body would be the same reports twice,
	// which the pipeline rightly counts once. Only past every body's
	// series (2,910 counties × 24 departments) does a body come round again.
	bodies := rng.Perm(len(counties) * len(departments))
	var prev map[string]float64
	var body, code string
	for i := 0; i < opt.N; i++ {
		k := i % opt.Series
		if k == 0 {
			b := bodies[(i/opt.Series)%len(bodies)]
			d := counties[b/len(departments)]
			body, code, prev = d.Name+departments[b%len(departments)], d.Code, nil
		}
		tpl := templates[rng.IntN(len(templates))]
		year := opt.FirstYear + k
		vals := values(rng, prev)
		t := Truth{Name: fmt.Sprintf("gen-%07d.html", i), Template: tpl.Name, Issuer: body, RegionCode: code, Year: year}
		if rng.Float64() < opt.FaultRate {
			t.Faults = plant(rng, vals, prev != nil)
		}
		page, written, err := tpl.render(vals, body, year)
		if err != nil {
			return err
		}
		t.Cells = written
		if err := emit(t.Name, page, t); err != nil {
			return err
		}
		prev = vals
	}
	return nil
}
