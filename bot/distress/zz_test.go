package distress
import ("testing";"fmt";"regexp";"strings";"sort")
func TestZZFold(t *testing.T) {
	files, _ := readData()
	word := regexp.MustCompile(`[\p{L}]+`)
	raws := map[string]map[string]int{}
	for _, line := range strings.Split(trainingTSV, "\n") {
		_, msg, ok := strings.Cut(line, "\t"); if !ok { continue }
		for _, w := range word.FindAllString(strings.ToLower(msg), -1) {
			c := canonWord(w); if raws[c] == nil { raws[c] = map[string]int{} }; raws[c][w]++
		}
	}
	seen := map[string]bool{}
	var out []string
	add := func(src string) {
		for _, w := range word.FindAllString(strings.ToLower(src), -1) {
			if seen[w] { continue }; seen[w] = true
			c := canonWord(w)
			var others []string
			for r, n := range raws[c] { if r != w && n >= 3 { others = append(others, fmt.Sprintf("%s:%d", r, n)) } }
			if len(others) > 0 { sort.Strings(others); out = append(out, fmt.Sprintf("%s [%s] <- %s", w, c, strings.Join(others, " "))) }
		}
	}
	for _, f := range files {
		for _, r := range f.Rules { for _, p := range r.Patterns { add(p) } }
		for _, x := range f.Exceptions { for _, p := range x.Patterns { add(p) } }
		for _, ps := range f.Concepts { for _, p := range ps { add(p) } }
		for _, m := range f.Macros { add(m) }
	}
	sort.Strings(out)
	for _, o := range out { fmt.Println("FOLD", o) }
}
