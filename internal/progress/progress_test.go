package progress

import (
	"bytes"
	"strings"
	"testing"
)

func TestPipedPrintsPlainLines(t *testing.T) {
	var buf bytes.Buffer
	b := New(&buf, "Nạp", 40)
	for i := 0; i < 40; i++ {
		b.Add(1)
	}
	b.Finish()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) < 3 || len(lines) > 12 {
		t.Fatalf("want a line per tenth, got %d: %q", len(lines), buf.String())
	}
	if lines[len(lines)-1] != "Nạp: 40/40 (100%)" {
		t.Errorf("last line %q", lines[len(lines)-1])
	}
	if strings.Contains(buf.String(), "\r") {
		t.Error("no carriage returns when piped")
	}
}
