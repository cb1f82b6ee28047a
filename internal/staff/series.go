package staff

import "slices"

// The counters a unit's series keeps, cumulative over days.
const (
	cCat      = 0                  // + category: primary headcount by category
	cBudget   = cCat + nCategories // + category: primary and paid by the budget
	cHeads    = cBudget + nCategories
	cDeps     = cHeads + 1
	cSurplus  = cDeps + 1 // deputies recorded as surplus
	cProf     = cSurplus + 1
	cConc     = cProf + 1 // concurrent posts
	nCounters = cConc + 1
)

// counters are a unit's counts on a day.
type counters [nCounters]int32

// series keeps, for each unit, its counts after each day on which they
// change: the count on any day is a binary search away, so a report for
// the whole country on any day costs one lookup per unit, not a pass over
// millions of assignments.
type series struct {
	start []int32 // unit u's days are days[start[u]:start[u+1]]
	days  []day
	vals  []counters
}

// at returns unit u's counts on day d, nil when it has none.
func (s *series) at(u int32, d day) *counters {
	lo, hi := int(s.start[u]), int(s.start[u+1])
	// The first day after d, by halving: the counts are those of the day before it.
	first, n := lo, hi-lo
	for n > 0 {
		half := n / 2
		if s.days[first+half] <= d {
			first += half + 1
			n -= half + 1
		} else {
			n = half
		}
	}
	if first == lo {
		return nil
	}
	return &s.vals[first-1]
}

// event is a change of a unit's counts on a day.
type event struct {
	d    day
	sign int32
	k    int32 // the assignment
	cat  uint8
}

// buildSeries lays out every unit's series from its assignments.
func (m *Model) buildSeries() {
	s := &series{start: make([]int32, len(m.units)+1)}
	var evs []event
	for u := range m.units {
		evs = evs[:0]
		for k := m.unitStart[u]; k < m.unitStart[u+1]; k++ {
			a := &m.asgs[k]
			if a.flags&fVersions == 0 {
				evs = append(evs, event{a.from, 1, k, a.cat})
				if a.to != openTo {
					evs = append(evs, event{a.to, -1, k, a.cat})
				}
				continue
			}
			// The person's category changed: one span per version.
			for _, span := range m.categorySpans(a) {
				evs = append(evs, event{span.from, 1, k, span.cat})
				if span.to != openTo {
					evs = append(evs, event{span.to, -1, k, span.cat})
				}
			}
		}
		slices.SortFunc(evs, func(x, y event) int { return x.d.cmp(y.d) })
		var cur counters
		for i, e := range evs {
			a := &m.asgs[e.k]
			if a.flags&fPrimary != 0 {
				cur[cCat+int(e.cat)] += e.sign
				if a.flags&fBudget != 0 {
					cur[cBudget+int(e.cat)] += e.sign
				}
				if a.flags&fProfessional != 0 {
					cur[cProf] += e.sign
				}
			} else {
				cur[cConc] += e.sign
			}
			// Posts are counted once per assignment, not per category span.
			if e.sign > 0 && e.d == a.from || e.sign < 0 && e.d == a.to {
				switch a.post {
				case pHead:
					cur[cHeads] += e.sign
				case pDeputy:
					cur[cDeps] += e.sign
					if a.flags&fSurplus != 0 {
						cur[cSurplus] += e.sign
					}
				}
			}
			if i+1 < len(evs) && evs[i+1].d == e.d {
				continue
			}
			s.days = append(s.days, e.d)
			s.vals = append(s.vals, cur)
		}
		s.start[u+1] = int32(len(s.days))
	}
	m.series = s
}

// span is a stretch of an assignment in one category.
type span struct {
	from, to day
	cat      uint8
}

// categorySpans cuts an assignment of a person with several versions at
// the versions' bounds.
func (m *Model) categorySpans(a *asg) []span {
	var out []span
	id := m.people[a.person].id
	for j := int(a.person); j < len(m.people) && m.people[j].id == id; j++ {
		p := &m.people[j]
		from, to := max(a.from, p.from), min(a.to, p.to)
		if from < to {
			out = append(out, span{from, to, uint8(catIndex(p.category))})
		}
	}
	if len(out) == 0 {
		out = append(out, span{a.from, a.to, a.cat})
	}
	return out
}
