package api_test

import (
	"brobygger/api/apitest"
	"bytes"
	"encoding/base64"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"brobygger/api"
	"brobygger/models"
	"brobygger/models/storetest"
)

// syncBuffer is a log destination that handlers may write to concurrently.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}
func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.buf.String() }

// newLoggedAPIEnv is newAPIEnv with the server's log kept in logs.
func newLoggedAPIEnv(t *testing.T, d models.Dialect, logs *syncBuffer) *apitest.Env {
	clock := apitest.NewClock(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	s := storetest.Open(t, d, models.WithClock(clock.Now))
	deps := apitest.Deps(t, s)
	deps.Logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	deps.JWTSecret, deps.Now = apitest.JWTSecret, clock.Now
	deps.PublicBaseURL, _ = url.Parse(apitest.Base)
	return &apitest.Env{T: t, Store: s, Clock: clock, Client: apitest.NewClient(t, api.New(deps))}
}

// TestCaseload_CraftedCursorIs400AndNotLogged: a cursor is ours to write. One whose key does not
// fit the sort used to reach PostgreSQL as a uuid or a timestamp it could not read: a 500, with
// the attacker's text quoted in the error log. It is a 400 on both databases, and the log holds
// none of the text.
func TestCaseload_CraftedCursorIs400AndNotLogged(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			logs := &syncBuffer{}
			e := newLoggedAPIEnv(t, d, logs)
			worker, tk := e.Staff("lw@example.dk", models.RoleLinkWorker)
			for i := 0; i < 3; i++ {
				storetest.Citizen(t, e.Store, worker, models.LangDA)
			}
			const marker = "EVILMARKER"
			id := "01a24408-24af-7c29-ba90-d9bd7cff89d2"
			cursor := func(key, id string) string {
				return base64.RawURLEncoding.EncodeToString([]byte(`{"k":"` + key + `","i":"` + id + `"}`))
			}
			crafted := map[string]string{
				"created, key not a uuid":         "sort=created&cursor=" + cursor(marker+"' OR 1=1 --", id),
				"default sort, key not a uuid":    "cursor=" + cursor(marker, id),
				"last_contact, key not a time":    "sort=last_contact&cursor=" + cursor(marker+" 2026", id),
				"last_contact, year zero":         "sort=last_contact&cursor=" + cursor("0000-01-01T00:00:00Z", id),
				"name, key with a NUL":            "sort=name&cursor=" + cursor(marker+`\u0000`, id),
				"name, id not a uuid":             "sort=name&cursor=" + cursor("Anna", marker),
				"not base64":                      "sort=created&cursor=" + marker + "!!",
				"base64 of something else":        "sort=last_contact&cursor=" + base64.RawURLEncoding.EncodeToString([]byte(marker)),
				"last_contact with a uuid cursor": "sort=last_contact&cursor=" + cursor(id, id),
			}
			for name, query := range crafted {
				res := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/caseload?"+query, nil, tk.AccessToken))
				if res.Status != 400 || res.ErrorCode(t) != "EINVALID" || !strings.Contains(string(res.Body), "cursor") {
					t.Errorf("%s: %d %s", name, res.Status, res.Body)
				}
				if strings.Contains(string(res.Body), marker) {
					t.Errorf("%s: the answer repeats the cursor: %s", name, res.Body)
				}
			}
			if strings.Contains(logs.String(), marker) || strings.Contains(logs.String(), "level=ERROR") {
				t.Fatalf("the log holds the crafted cursor or an error:\n%s", logs.String())
			}
			// The cursors the server writes still page through every sort.
			for _, sort := range []string{"created", "name", "last_contact"} {
				seen, next := 0, ""
				for page := 0; page < 5; page++ {
					res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload?limit=1&sort="+sort+"&cursor="+next, nil, tk.AccessToken))
					var out struct {
						Items      []any  `json:"items"`
						NextCursor string `json:"next_cursor"`
					}
					res.JSON(t, &out)
					seen += len(out.Items)
					if next = out.NextCursor; next == "" {
						break
					}
				}
				if seen != 3 {
					t.Errorf("sort=%s: paged through %d of 3 citizens", sort, seen)
				}
			}
		})
	}
}
