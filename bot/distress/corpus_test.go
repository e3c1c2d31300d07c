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

// readCorpus reads the files matching glob: "<level>\t<message>", consecutive SMS joined by " || ".
func readCorpus(t *testing.T, glob string) []corpusCase {
	t.Helper()
	paths, err := filepath.Glob(glob)
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
			want, err := parseLevel(lvl)
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

// scores are the corpus's tallies by level, for all files and for each.
type scores struct {
	all    map[Level]*tally
	byFile map[string]map[Level]*tally
}

func newTallies() map[Level]*tally { return map[Level]*tally{None: {}, Distress: {}, Emergency: {}} }

// measure runs the detector on every case and logs each miss. An emergency heard only as
// distress is a miss for emergency recall (the citizen does not get the emergency numbers) but
// counts as flagged. A held-out set is measured blind: its misses are logged by file and line
// only, so reading the test's output never shows a developer the messages they must not tune on.
func measure(t *testing.T, d *Detector, cases []corpusCase, blind bool) scores {
	sc := scores{all: newTallies(), byFile: map[string]map[Level]*tally{}}
	for _, c := range cases {
		if sc.byFile[c.file] == nil {
			sc.byFile[c.file] = newTallies()
		}
		got := d.AssessAll(c.texts)
		for _, m := range []map[Level]*tally{sc.all, sc.byFile[c.file]} {
			m[c.want].add(c.want, got.Level)
		}
		switch {
		case c.want == Emergency && got.Level != Emergency,
			c.want == Distress && got.Level == None,
			c.want == None && got.Level != None:
			if blind {
				t.Logf("MISS %s:%d want %s got %s", c.file, c.line, c.want, got.Level)
				continue
			}
			t.Logf("MISS %s:%d want %s got %s: %q %s", c.file, c.line, c.want, got.Level, strings.Join(c.texts, " || "), got.Explain("en"))
		}
	}
	return sc
}

// add counts one case that should be want and was heard as got.
func (tl *tally) add(want, got Level) {
	tl.total++
	if got == want || (want == Distress && got == Emergency) {
		tl.exact++
	}
	if got > None {
		tl.flagged++
	}
	if got == Emergency {
		tl.emergency++
	}
}

// report logs the figures per file and for all.
func (sc scores) report(t *testing.T) {
	line := func(name string, m map[Level]*tally) {
		e, s, n := m[Emergency], m[Distress], m[None]
		t.Logf("%-18s emergency %3d: recall %5.1f%% (flagged %5.1f%%) | distress %3d: flagged %5.1f%% | everyday %3d: false alarms %4.1f%% (as emergency %4.1f%%)",
			name, e.total, e.pct(e.exact), e.pct(e.flagged), s.total, s.pct(s.flagged), n.total, n.pct(n.flagged), n.pct(n.emergency))
	}
	files := make([]string, 0, len(sc.byFile))
	for f := range sc.byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		line(f, sc.byFile[f])
	}
	line("all", sc.all)
}

// floors fails when the figures fall below the given recall floors or above the false-alarm ceiling.
func (sc scores) floors(t *testing.T, emergency, distress, falseAlarms float64) {
	e, s, n := sc.all[Emergency], sc.all[Distress], sc.all[None]
	if r := e.pct(e.exact); r < emergency {
		t.Errorf("emergency recall %.1f%% < %.0f%%", r, emergency)
	}
	if r := s.pct(s.flagged); r < distress {
		t.Errorf("distress recall %.1f%% < %.0f%%", r, distress)
	}
	if r := n.pct(n.flagged); r > falseAlarms {
		t.Errorf("false alarms %.1f%% > %.0f%%", r, falseAlarms)
	}
}

// TestCorpus measures the detector on the written corpus (testdata/corpus*.txt): recall per level
// and the false-alarm rate on everyday messages, against the targets.
func TestCorpus(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	sc := measure(t, d, readCorpus(t, "testdata/corpus*.txt"), false)
	sc.report(t)
	sc.floors(t, 98, 95, 3)
}

// TestHeldOut measures the detector on messages nobody tuned it for (testdata/heldout/*.txt:
// two writers of session 4 and fifteen of session 9, 3,224 messages). These figures, not
// TestCorpus's, estimate how it does on a citizen's new words, and the floors are the issue's
// targets (98 % of emergencies heard as emergencies, at most 3 % false alarms; distress 98 %).
// Retraining the model on a new round of writers can move a few of these messages across its
// thresholds: a round that costs the targets here is not done. Never tune rules or train the
// model on these files.
func TestHeldOut(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	sc := measure(t, d, readCorpus(t, "testdata/heldout/*.txt"), true)
	sc.report(t)
	sc.floors(t, 98, 98, 3)
}

// TestMeasureFiles measures the detector on any corpus files named by DISTRESS_CORPUS_GLOB (for
// instance a new writer's messages before they join the training data), so a new set is measured
// unseen first. Without the variable it skips: it has no files of its own.
func TestMeasureFiles(t *testing.T) {
	glob := os.Getenv("DISTRESS_CORPUS_GLOB")
	if glob == "" {
		t.Skip("DISTRESS_CORPUS_GLOB is not set")
	}
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	sc := measure(t, d, readCorpus(t, glob), false)
	sc.report(t)
}
