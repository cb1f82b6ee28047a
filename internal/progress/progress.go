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
	finished bool
	lastStep int // counting mode: the last count written when piped
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

// Set records that n steps are done; with no known total (0), the bar
// counts instead of filling.
func (b *Bar) Set(n int) {
	b.done = n
	b.draw()
}

// Finish completes the bar and ends its line.
func (b *Bar) Finish() {
	if b.total > 0 {
		b.done = b.total
	}
	b.lastDraw = time.Time{}
	b.finished = true
	b.draw()
	if b.tty {
		fmt.Fprintln(b.w)
	}
}

func (b *Bar) draw() {
	if b.w == nil {
		return
	}
	if b.total <= 0 {
		b.count()
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

// countStep is how often a piped counting bar writes a line.
const countStep = 100000

// count draws a bar whose total is unknown: the count so far.
func (b *Bar) count() {
	if b.tty {
		if !b.finished && time.Since(b.lastDraw) < 50*time.Millisecond {
			return
		}
		b.lastDraw = time.Now()
		fmt.Fprintf(b.w, "\r%s: %d dòng", b.label, b.done)
		return
	}
	if b.finished || b.done/countStep > b.lastStep/countStep {
		b.lastStep = b.done
		fmt.Fprintf(b.w, "%s: %d dòng\n", b.label, b.done)
	}
}
