// Package progress draws the progress of long CLI work: a bar redrawn in
// place on a terminal, plain lines when the output is piped or logged.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// Bar reports progress towards a known total.
type Bar struct {
	w        io.Writer
	label    string
	total    int
	done     int
	tty      bool
	lastPct  int
	lastDraw time.Time
	start    time.Time
}

// New starts a bar for total steps written to w.
func New(w io.Writer, label string, total int) *Bar {
	b := &Bar{w: w, label: label, total: total, lastPct: -1, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		b.tty = term.IsTerminal(int(f.Fd()))
	}
	b.draw()
	return b
}

// Add records n more steps done.
func (b *Bar) Add(n int) {
	b.done += n
	b.draw()
}

// Finish completes the bar and ends its line.
func (b *Bar) Finish() {
	b.done = b.total
	b.lastDraw = time.Time{}
	b.draw()
	if b.tty {
		fmt.Fprintln(b.w)
	}
}

func (b *Bar) draw() {
	if b.w == nil || b.total <= 0 {
		return
	}
	pct := b.done * 100 / b.total
	if b.tty {
		if b.done < b.total && time.Since(b.lastDraw) < 50*time.Millisecond {
			return
		}
		b.lastDraw = time.Now()
		const width = 30
		fill := width * b.done / b.total
		fmt.Fprintf(b.w, "\r%s [%s%s] %d/%d (%d%%)", b.label, strings.Repeat("█", fill), strings.Repeat("░", width-fill), b.done, b.total, pct)
		return
	}
	// Piped: one line per tenth, so logs stay short.
	if pct/10 == b.lastPct/10 && b.done < b.total {
		return
	}
	if b.done == b.total && b.lastPct == 100 {
		return
	}
	b.lastPct = pct
	fmt.Fprintf(b.w, "%s: %d/%d (%d%%)\n", b.label, b.done, b.total, pct)
}
