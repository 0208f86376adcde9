package gen

import (
	"math"
	"math/rand/v2"
)

var applicantCols = []string{"natural_person", "commercial", "research", "social_org", "legal_service", "other_org"}

// outcomeRows are the rows of table 三 that (七)总计 adds up, with the
// weight of each in a typical year.
var outcomeRows = []struct {
	row    string
	weight float64
}{
	{"granted", 40}, {"partial", 8},
	{"denied_state_secret", 0.3}, {"denied_law_forbidden", 0.5}, {"denied_three_safety", 0.3}, {"denied_third_party", 1}, {"denied_internal", 1},
	{"denied_process", 1.5}, {"denied_enforcement_file", 0.5}, {"denied_query", 1},
	{"unable_not_held", 18}, {"unable_needs_creation", 3}, {"unable_unclear", 2},
	{"rejected_petition", 3}, {"rejected_repeat", 2}, {"rejected_publication", 0.5}, {"rejected_mass_repeat", 0.5}, {"rejected_confirmation", 0.5},
	{"other_no_correction", 2}, {"other_no_fee", 0.3}, {"other_misc", 3},
}

// values draws a consistent set of table values; prev (last year's values
// of the same body) fixes 上年结转 and 现行有效.
func values(rng *rand.Rand, prev map[string]float64) map[string]float64 {
	v := map[string]float64{}
	scale := math.Exp(rng.NormFloat64()*1.2 + 3) // applications: median ~20, long tail
	for _, col := range applicantCols {
		share := map[string]float64{"natural_person": 0.75, "commercial": 0.15, "research": 0.01, "social_org": 0.01, "legal_service": 0.05, "other_org": 0.03}[col]
		newN := math.Round(scale * share * (0.5 + rng.Float64()))
		carried := math.Round(rng.Float64() * newN * 0.1)
		if prev != nil {
			carried = prev["t3.carried_forward."+col]
		}
		forward := math.Round(rng.Float64() * (newN + carried) * 0.1)
		processed := newN + carried - forward
		v["t3.new_received."+col], v["t3.carried_over."+col], v["t3.carried_forward."+col] = newN, carried, forward
		// Spread the processed applications over the outcomes.
		total := 0.0
		for _, o := range outcomeRows {
			total += o.weight
		}
		left := processed
		for i, o := range outcomeRows {
			n := math.Floor(processed * o.weight / total * (0.6 + 0.8*rng.Float64()))
			if i == len(outcomeRows)-1 || n > left {
				n = left
			}
			if i == len(outcomeRows)-1 {
				n = left
			}
			v["t3."+o.row+"."+col] = n
			left -= n
		}
		v["t3.total."+col] = processed
	}
	for _, row := range append([]string{"new_received", "carried_over", "total", "carried_forward"}, rowNames()...) {
		sum := 0.0
		for _, col := range applicantCols {
			sum += v["t3."+row+"."+col]
		}
		v["t3."+row+".total"] = sum
	}
	for _, row := range []string{"review", "suit_direct", "suit_after_review"} {
		total := 0.0
		for _, col := range []string{"maintained", "corrected", "other", "pending"} {
			n := math.Floor(rng.ExpFloat64() * scale * 0.02)
			v["t4."+row+"."+col] = n
			total += n
		}
		v["t4."+row+".total"] = total
	}
	for _, row := range []string{"rules", "normative_docs"} {
		issued, repealed := math.Floor(rng.Float64()*10), math.Floor(rng.Float64()*4)
		inForce := math.Floor(20+rng.Float64()*200) + issued
		if prev != nil {
			inForce = prev["t2."+row+".in_force"] + issued - repealed
		}
		v["t2."+row+".issued"], v["t2."+row+".repealed"], v["t2."+row+".in_force"] = issued, repealed, inForce
	}
	for _, row := range []string{"licensing", "punishment", "coercion"} {
		v["t2."+row+".decisions"] = math.Floor(rng.ExpFloat64() * scale * 20)
	}
	v["t2.admin_fees.fee_amount"] = math.Round(rng.ExpFloat64()*scale*10) / 10
	return v
}

func rowNames() []string {
	out := make([]string, len(outcomeRows))
	for i, o := range outcomeRows {
		out[i] = o.row
	}
	return out
}

// plant makes one value wrong on purpose and names the check it breaks.
func plant(rng *rand.Rand, v map[string]float64, series bool) []string {
	col := applicantCols[rng.IntN(len(applicantCols))]
	if series && rng.IntN(2) == 0 {
		v["t3.carried_over."+col]++
		v["t3.carried_over.total"]++
		// Keep this report's own arithmetic: the extra application is
		// carried forward, so only the cross-year check breaks.
		v["t3.carried_forward."+col]++
		v["t3.carried_forward.total"]++
		return []string{"X-CARRY t3 " + col, "X-CARRY t3 total"}
	}
	v["t3.granted."+col] += float64(1 + rng.IntN(5))
	return []string{"T3-TOTAL-ROW t3 " + col, "T3-TOTAL-COL t3 granted"}
}
