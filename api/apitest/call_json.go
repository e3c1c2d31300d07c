package apitest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// CallJSON sends a JSON request to a running server (a real process, not the in-memory Env),
// fails the test unless the answer has status want, and decodes the answer into out when out is
// not nil.
func CallJSON(t *testing.T, method, url, bearer, body string, want int, out any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var raw bytes.Buffer
	_, _ = raw.ReadFrom(res.Body)
	if res.StatusCode != want {
		t.Fatalf("%s %s: %d %s", method, url, res.StatusCode, raw.String())
	}
	if out != nil {
		if err := json.Unmarshal(raw.Bytes(), out); err != nil {
			t.Fatalf("%s %s: %v", method, url, err)
		}
	}
}
