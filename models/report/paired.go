package report

// Paired sums one instrument's scores of the same citizens at baseline and at a follow-up. Only
// citizens with both measurements are added, so the two means describe the same people.
type Paired struct {
	N                   int
	SumBefore, SumAfter float64
}

// Add counts one citizen's baseline and follow-up score.
func (p *Paired) Add(before, after float64) {
	p.N++
	p.SumBefore += before
	p.SumAfter += after
}

// Means are the baseline mean, the follow-up mean and the mean change (follow-up minus
// baseline), each to one decimal; ok is false with no citizens.
func (p Paired) Means() (before, after, change float64, ok bool) {
	if p.N == 0 {
		return 0, 0, 0, false
	}
	b, a := p.SumBefore/float64(p.N), p.SumAfter/float64(p.N)
	return round1(b), round1(a), round1(a - b), true
}
