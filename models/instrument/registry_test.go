package instrument

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInstrumentRegistry_GetAndLatest(t *testing.T) {
	registry := loadShipped(t)
	if who5, ok := registry.Get("who5", "1"); !ok || who5.Name != "WHO-5" {
		t.Errorf("Get(who5, 1) = %v, %v", who5, ok)
	}
	if _, ok := registry.Get("who5", "2"); ok {
		t.Error("Get(who5, 2) found a version that is not shipped")
	}
	if latest, ok := registry.Latest("ucla3"); !ok || latest.Version != "1" {
		t.Errorf("Latest(ucla3) = %v, %v", latest, ok)
	}
	if _, ok := registry.Latest("swemwbs"); ok {
		t.Error("Latest(swemwbs) found a licensed instrument we never ship")
	}
}

func TestInstrumentRegistry_LoadFileTableInstrument(t *testing.T) {
	registry := loadShipped(t)
	if err := registry.loadFile(writeInstrumentFile(t, madeUpTableInstrument())); err != nil {
		t.Fatalf("LoadFile: %v", err)
	}
	calm, ok := registry.Get("calm3", "1")
	if !ok {
		t.Fatal("loaded instrument is not in the registry")
	}
	tests := []struct {
		answers map[int]int
		raw     int
		score   float64
		band    string
	}{
		{answersOf(1, 1, 1), 3, 10, "low"},
		{answersOf(2, 2, 1), 5, 15.25, "low"},
		{answersOf(2, 2, 3), 7, 21.5, "middle"},
		{answersOf(3, 3, 3), 9, 30, "high"},
		// One missing item is allowed: 2+3 over two items prorates to 7.5,
		// rounded to 8.
		{map[int]int{1: 2, 3: 3}, 8, 25, "high"},
		{map[int]int{2: 1, 3: 2}, 5, 15.25, "low"},
	}
	for _, tc := range tests {
		result, err := calm.Score(tc.answers)
		if err != nil {
			t.Fatalf("Score(%v): %v", tc.answers, err)
		}
		if result.Raw == nil || *result.Raw != tc.raw || *result.Score != tc.score || result.Band != tc.band {
			t.Errorf("Score(%v) = raw %v score %v band %q, want %d %g %q", tc.answers, result.Raw, result.Score, result.Band, tc.raw, tc.score, tc.band)
		}
	}
	if result, _ := calm.Score(map[int]int{1: 3}); result.Score != nil {
		t.Errorf("two missing items still gave score %g", *result.Score)
	}
}

func TestInstrumentRegistry_LoadFileTableAlerts(t *testing.T) {
	calm := madeUpTableInstrument()
	result, err := calm.Score(answersOf(2, 1, 1))
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	got := calm.Alerts(result, previousScore(18))
	want := "CALM-3 fell 5.5 points from 18 to 12.5"
	if len(got) != 2 || got[0].Reason != "CALM-3 score 12.5 is at or below 12.5" || got[1].Reason != want {
		t.Errorf("Alerts = %v, want low_score and %q", got, want)
	}
}

func TestInstrumentRegistry_LatestComparesVersionsAsNumbers(t *testing.T) {
	registry := loadShipped(t)
	for _, version := range []string{"9", "10", "2"} {
		instrument := madeUpTableInstrument()
		instrument.Version = version
		if err := registry.loadFile(writeInstrumentFile(t, instrument)); err != nil {
			t.Fatalf("LoadFile version %s: %v", version, err)
		}
	}
	if latest, _ := registry.Latest("calm3"); latest.Version != "10" {
		t.Errorf("Latest(calm3) = version %s, want 10", latest.Version)
	}
	var versions []string
	for _, instrument := range registry.All() {
		if instrument.Key == "calm3" {
			versions = append(versions, instrument.Version)
		}
	}
	if strings.Join(versions, ",") != "2,9,10" {
		t.Errorf("All() orders calm3 versions %v, want 2,9,10", versions)
	}
}

func TestInstrumentRegistry_LoadFileRejects(t *testing.T) {
	shippedWHO5, err := os.ReadFile("instruments/who5.v1.json")
	if err != nil {
		t.Fatalf("read shipped file: %v", err)
	}
	noEnglish := madeUpTableInstrument()
	delete(noEnglish.Items[1].SMSPrompt, LangEN)
	tests := []struct {
		name string
		path string
		want string
	}{
		{"missing language", writeInstrumentFile(t, noEnglish), `item 2 sms_prompt is missing in "en"`},
		{"shipped key and version", writeFile(t, shippedWHO5), `instrument "who5" version "1" is already loaded`},
		{"unknown field", writeFile(t, []byte(`{"key":"calm3","scorring":{}}`)), `unknown field "scorring"`},
		{"trailing data", writeFile(t, append(shippedWHO5, []byte("{}")...)), "unexpected data after the instrument"},
		{"not JSON", writeFile(t, []byte("key: calm3")), "decode"},
		{"no such file", t.TempDir() + "/missing.json", "read instrument file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			registry := loadShipped(t)
			err := registry.loadFile(tc.path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("LoadFile error = %v, want it to contain %q", err, tc.want)
			}
			if len(registry.All()) != len(loadShipped(t).All()) {
				t.Error("a rejected file still changed the registry")
			}
		})
	}
}

func TestInstrumentRegistry_LoadFileTwiceIsRejected(t *testing.T) {
	registry := loadShipped(t)
	path := writeInstrumentFile(t, madeUpTableInstrument())
	if err := registry.loadFile(path); err != nil {
		t.Fatalf("first LoadFile: %v", err)
	}
	if err := registry.loadFile(path); err == nil {
		t.Error("loading the same key and version twice was accepted")
	}
}

// TestInstrumentRegistry_LoadDir loads an operator's folder: JSON files in name order, other
// files ignored; a bad file stops the load with its name in the error.
func TestInstrumentRegistry_LoadDir(t *testing.T) {
	dir := t.TempDir()
	good, err := json.Marshal(madeUpTableInstrument())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "calm3.v1.json"), good, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README.txt"), []byte("licensed instruments"), 0o600); err != nil {
		t.Fatal(err)
	}
	registry := loadShipped(t)
	loaded, err := registry.LoadDir(dir)
	if err != nil || len(loaded) != 1 {
		t.Fatalf("LoadDir = %v, %v", loaded, err)
	}
	if _, ok := registry.Latest("calm3"); !ok {
		t.Fatal("calm3 not loaded")
	}
	bad := filepath.Join(dir, "swemwbs.v1.json")
	if err := os.WriteFile(bad, []byte(`{"key":"swemwbs","scorring":{}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = loadShipped(t).LoadDir(dir)
	if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), `unknown field "scorring"`) {
		t.Fatalf("LoadDir with a bad file: %v, want the file and the error named", err)
	}
	if _, err := loadShipped(t).LoadDir(filepath.Join(dir, "missing")); err == nil {
		t.Fatal("a missing folder was accepted")
	}
}
