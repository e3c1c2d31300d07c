package models

import (
	"encoding/base64"
	"testing"
	"time"
)

// TestCursorCodec: a list reads back the cursors it wrote and refuses everything else with
// EINVALID: another list's cursor, a key not of the sort column's type, an id that is not one, and
// text that is no cursor at all.
func TestCursorCodec(t *testing.T) {
	id := "01a24408-24af-7c29-ba90-d9bd7cff89d2"
	at := time.Date(2026, 3, 4, 5, 6, 7, 123456000, time.FixedZone("CET", 3600))
	got, err := inboxCursors.decode(inboxCursors.encode(at, id))
	if err != nil || !got.Key.Equal(at) || got.Key.Location() != time.UTC || got.ID != id {
		t.Fatalf("round trip: %+v %v", got, err)
	}
	if got, err := offerCursors.decode(offerCursors.encode("Æbler & Øl", id)); err != nil || got.Key != "Æbler & Øl" {
		t.Fatalf("text round trip: %+v %v", got, err)
	}
	raw := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	refused := map[string]string{
		"another list's":     auditCursors.encode(at, id),
		"another sort's":     caseloadSorts["name"].cursors.encode("Anna", id),
		"no list":            raw(`{"k":"2026-01-01T00:00:00Z","i":"` + id + `"}`),
		"id not an id":       raw(`{"l":"inbox","k":"2026-01-01T00:00:00Z","i":"x"}`),
		"key not a time":     raw(`{"l":"inbox","k":"yesterday","i":"` + id + `"}`),
		"year zero":          raw(`{"l":"inbox","k":"0000-01-01T00:00:00Z","i":"` + id + `"}`),
		"not JSON":           raw("inbox"),
		"not base64":         "!!",
		"the old time shape": raw(`{"t":"2026-01-01T00:00:00Z","i":"` + id + `"}`),
	}
	for name, c := range refused {
		if _, err := inboxCursors.decode(c); ErrorCode(err) != EINVALID {
			t.Errorf("%s: %v", name, err)
		}
	}
	for sort, key := range map[string]string{"created": "Anna", "need": "9", "last_contact": "0000-01-01T00:00:00Z", "name": "a\x00"} {
		codec := caseloadSorts[sort].cursors
		if _, err := codec.decode(codec.encode(key, id)); ErrorCode(err) != EINVALID {
			t.Errorf("caseload %s with key %q: %v", sort, key, err)
		}
	}
}
