package bench

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"time"
)

// Cold runs each query of the mix rounds times as a new `govreport
// search --json` process (exe), from start to exit, opening the index
// each time.
func Cold(ctx context.Context, exe, data string, mix []Query, rounds int) ([][]time.Duration, error) {
	lat := make([][]time.Duration, len(mix))
	for range rounds {
		for i, q := range mix {
			args := append([]string{"search", "--data", data, "--json", "--limit", "20"}, q.Args()...)
			var errb bytes.Buffer
			cmd := exec.CommandContext(ctx, exe, args...)
			cmd.Stderr = &errb
			t0 := time.Now()
			if err := cmd.Run(); err != nil {
				return nil, fmt.Errorf("%s %v: %w: %s", exe, args, err, errb.String())
			}
			lat[i] = append(lat[i], time.Since(t0))
		}
	}
	return lat, nil
}
