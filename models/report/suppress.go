package report

// minGroup is the smallest group of citizens a figure may describe: a count of 1 to 4 is
// hidden, as is usual for health statistics (Statistics Denmark, the Danish Health Data
// Authority). Zero is shown: it describes nobody.
const minGroup = 5

// small reports whether n citizens is too few to show (1 to MinGroup-1).
func small(n int) bool { return n > 0 && n < minGroup }

// suppress decides which cells of a one-way table whose total is shown must be hidden.
//
// Primary: every cell of 1–4 citizens. Complementary: with the total shown, one hidden cell is
// the total minus the others, and two hidden cells that add up to less than MinGroup give each
// a range of 1–4 that reveals them (2 = 1 + 1). So while fewer than two cells are hidden, or
// the hidden cells add up to less than MinGroup, the smallest cell still shown (not zero) is
// hidden too. When no cell is left to hide, or the total itself is 1–4, the total is hidden
// (hideTotal).
func suppress(counts []int) (hidden []bool, hideTotal bool) {
	hidden = make([]bool, len(counts))
	nHidden, sum, total := 0, 0, 0
	for i, n := range counts {
		total += n
		if small(n) {
			hidden[i], nHidden, sum = true, nHidden+1, sum+n
		}
	}
	for nHidden > 0 && (nHidden < 2 || sum < minGroup) {
		j := smallestShown(counts, hidden)
		if j < 0 {
			return hidden, true
		}
		hidden[j], nHidden, sum = true, nHidden+1, sum+counts[j]
	}
	return hidden, small(total)
}

// smallestShown is the index of the smallest non-zero cell not yet hidden, or -1.
func smallestShown(counts []int, hidden []bool) int {
	best := -1
	for i, n := range counts {
		if n > 0 && !hidden[i] && (best < 0 || n < counts[best]) {
			best = i
		}
	}
	return best
}
