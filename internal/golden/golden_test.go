package golden

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	want := `{"title":"a","cells":[{"raw":"1","value":1},{"raw":"2","value":2}],"year":2020}`
	got := `{"title":"a","cells":[{"raw":"1","value":1},{"raw":"3","value":3},{"raw":"4"}],"year":2021,"new":true}`
	d, err := Diff([]byte(want), []byte(got), 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`.cells[1].raw: golden "2", now "3"`, `.cells[1].value: golden 2, now 3`, `.cells[2]: golden (absent), now {"raw":"4"}`,
		`.year: golden 2020, now 2021`, `.new: golden null, now true`} {
		if !strings.Contains(strings.Join(d, "\n"), w) {
			t.Errorf("the diff lacks %q:\n%s", w, strings.Join(d, "\n"))
		}
	}
	if d, _ := Diff([]byte(want), []byte(want), 10); len(d) != 0 {
		t.Errorf("equal documents differ: %v", d)
	}
}
