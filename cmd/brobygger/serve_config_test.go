package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// operatorInstrument writes a valid licensed-looking instrument file (the shipped WHO-5 under
// another key) into dir.
func operatorInstrument(t *testing.T, dir, key string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "models", "instrument", "instruments", "who5.v1.json"))
	if err != nil {
		t.Fatal(err)
	}
	var inst map[string]any
	if err := json.Unmarshal(raw, &inst); err != nil {
		t.Fatal(err)
	}
	inst["key"] = key
	out, _ := json.Marshal(inst)
	if err := os.WriteFile(filepath.Join(dir, key+".v1.json"), out, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestServe_LoadsOperatorInstruments: the files in INSTRUMENTS_DIR join the shipped instruments
// in the one registry serve shares between engine, scheduler and API.
func TestServe_LoadsOperatorInstruments(t *testing.T) {
	dir := t.TempDir()
	operatorInstrument(t, dir, "calm5")
	cfg, err := loadConfig(mapEnv(map[string]string{"INSTRUMENTS_DIR": dir}))
	if err != nil {
		t.Fatal(err)
	}
	reg, files, err := loadInstruments(cfg)
	if err != nil || len(files) != 1 {
		t.Fatalf("loadInstruments = %v, %v", files, err)
	}
	for _, key := range []string{"calm5", "who5", "ons4"} {
		if _, ok := reg.Latest(key); !ok {
			t.Errorf("%s not loaded", key)
		}
	}
}

// TestServe_BadInstrumentFileStopsStartUp: a broken operator file stops serve before it opens
// the database, naming the file and what is wrong with it.
func TestServe_BadInstrumentFileStopsStartUp(t *testing.T) {
	dir := t.TempDir()
	operatorInstrument(t, dir, "calm5")
	bad := filepath.Join(dir, "swemwbs.v1.json")
	if err := os.WriteFile(bad, []byte(`{"key":"swemwbs","scorring":{}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "brobygger.db")
	env := mapEnv(map[string]string{"INSTRUMENTS_DIR": dir, "DATABASE_URL": "sqlite:" + db, "LISTEN_ADDR": "127.0.0.1:0"})
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"serve"}, env, nil, &stdout, &stderr); code != exitError {
		t.Fatalf("exit %d, want %d\n%s", code, exitError, stderr.String())
	}
	for _, want := range []string{"INSTRUMENTS_DIR", bad, `unknown field "scorring"`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q: %s", want, stderr.String())
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("the database was opened before the instruments were checked")
	}
}

func TestLoadConfig_InstrumentsDirMustBeAFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "who5.json")
	if err := os.WriteFile(file, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{filepath.Join(t.TempDir(), "missing"), file} {
		if _, err := loadConfig(mapEnv(map[string]string{"INSTRUMENTS_DIR": dir})); err == nil || !strings.Contains(err.Error(), "INSTRUMENTS_DIR") {
			t.Errorf("INSTRUMENTS_DIR=%s: %v", dir, err)
		}
	}
}

func TestLoadConfig_AppCheckinFallback(t *testing.T) {
	c, err := loadConfig(mapEnv(nil))
	if err != nil || c.AppCheckinFallback != 3*time.Hour {
		t.Fatalf("default fallback %s, %v", c.AppCheckinFallback, err)
	}
	if c, err = loadConfig(mapEnv(map[string]string{"APP_CHECKIN_FALLBACK": "90m"})); err != nil || c.AppCheckinFallback != 90*time.Minute {
		t.Fatalf("90m: %s, %v", c.AppCheckinFallback, err)
	}
	for _, bad := range []string{"soon", "-1h", "400h"} {
		if _, err := loadConfig(mapEnv(map[string]string{"APP_CHECKIN_FALLBACK": bad})); err == nil || !strings.Contains(err.Error(), "APP_CHECKIN_FALLBACK") {
			t.Errorf("APP_CHECKIN_FALLBACK=%s: %v", bad, err)
		}
	}
}
