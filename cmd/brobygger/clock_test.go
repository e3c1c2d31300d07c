package main

import (
	"strings"
	"testing"
	"time"
)

func TestLoadClock_StartsAtTheGivenInstantAndRuns(t *testing.T) {
	wall := time.Date(2031, 7, 1, 3, 0, 0, 0, time.UTC)
	clock, fake, err := loadClock("2026-12-05T22:00:00+01:00", func() time.Time { return wall })
	if err != nil || !fake {
		t.Fatalf("loadClock: %v, fake %v", err, fake)
	}
	if got := clock(); !got.Equal(time.Date(2026, 12, 5, 21, 0, 0, 0, time.UTC)) {
		t.Fatalf("clock starts at %s", got)
	}
	wall = wall.Add(90 * time.Second)
	if got := clock(); !got.Equal(time.Date(2026, 12, 5, 21, 1, 30, 0, time.UTC)) {
		t.Fatalf("after 90 s the clock reads %s", got)
	}
}

func TestLoadClock_EmptyIsTheWallClockAndGarbageNamesTheVariable(t *testing.T) {
	wall := time.Date(2031, 7, 1, 3, 0, 0, 0, time.UTC)
	clock, fake, err := loadClock("", func() time.Time { return wall })
	if err != nil || fake || !clock().Equal(wall) {
		t.Fatalf("empty: %v %v %s", err, fake, clock())
	}
	_, err = loadConfig(mapEnv(map[string]string{clockStartVar: "Saturday night"}))
	if err == nil || !strings.Contains(err.Error(), clockStartVar) {
		t.Fatalf("error %v does not name %s", err, clockStartVar)
	}
}
