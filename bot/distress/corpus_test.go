package distress

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

type corpusCase struct {
	file  string
	line  int
	want  Level
	texts []string
}

// readCorpus reads testdata/corpus*.txt: "<level>\t<message>", consecutive SMS joined by " || ".
func readCorpus(t *testing.T) []corpusCase {
	t.Helper()
	paths, err := filepath.Glob("testdata/corpus*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus files: %v", err)
	}
	var out []corpusCase
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			lvl, msg, ok := strings.Cut(line, "\t")
			want, err := ParseLevel(lvl)
			if !ok || err != nil || strings.TrimSpace(msg) == "" {
				t.Fatalf("%s:%d: want \"<level>\\t<message>\", got %q", p, n, line)
			}
			out = append(out, corpusCase{file: filepath.Base(p), line: n, want: want, texts: strings.Split(msg, " || ")})
		}
		f.Close()
	}
	return out
}

type tally struct{ total, exact, flagged, emergency int }

func (t tally) pct(n int) float64 {
	if t.total == 0 {
		return 100
	}
	return 100 * float64(n) / float64(t.total)
}

// TestCorpus measures the detector on the written corpus: recall per level and the false-alarm
// rate on everyday messages. An emergency heard only as distress is a miss for emergency recall
// (the citizen does not get the emergency numbers) but counts as flagged.
func TestCorpus(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cases := readCorpus(t)
	byFile := map[string]map[Level]*tally{}
	all := map[Level]*tally{None: {}, Distress: {}, Emergency: {}}
	for _, c := range cases {
		if byFile[c.file] == nil {
			byFile[c.file] = map[Level]*tally{None: {}, Distress: {}, Emergency: {}}
		}
		got := d.AssessAll(c.texts)
		for _, m := range []map[Level]*tally{all, byFile[c.file]} {
			tl := m[c.want]
			tl.total++
			if got.Level == c.want || (c.want == Distress && got.Level == Emergency) {
				tl.exact++
			}
			if got.Level > None {
				tl.flagged++
			}
			if got.Level == Emergency {
				tl.emergency++
			}
		}
		switch {
		case c.want == Emergency && got.Level != Emergency,
			c.want == Distress && got.Level == None,
			c.want == None && got.Level != None:
			t.Logf("MISS %s:%d want %s got %s: %q %s", c.file, c.line, c.want, got.Level, strings.Join(c.texts, " || "), got.Explain("en"))
		}
	}
	report := func(name string, m map[Level]*tally) {
		e, s, n := m[Emergency], m[Distress], m[None]
		t.Logf("%-18s emergency %3d: recall %5.1f%% (flagged %5.1f%%) | distress %3d: flagged %5.1f%% | everyday %3d: false alarms %4.1f%% (as emergency %4.1f%%)",
			name, e.total, e.pct(e.exact), e.pct(e.flagged), s.total, s.pct(s.flagged), n.total, n.pct(n.flagged), n.pct(n.emergency))
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		report(f, byFile[f])
	}
	report("all", all)
	if r := all[Emergency].pct(all[Emergency].exact); r < 98 {
		t.Errorf("emergency recall %.1f%% < 98%%", r)
	}
	if r := all[Distress].pct(all[Distress].flagged); r < 95 {
		t.Errorf("distress recall %.1f%% < 95%%", r)
	}
	if r := all[None].pct(all[None].flagged); r > 3 {
		t.Errorf("false alarms %.1f%% > 3%%", r)
	}
}
