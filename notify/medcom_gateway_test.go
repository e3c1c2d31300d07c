package notify_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"brobygger/notify"
)

func TestMedComFileDrop_OneWholeFilePerMessage(t *testing.T) {
	dir := t.TempDir()
	g := notify.MedComFileDrop{Dir: dir}
	if err := g.Deliver(context.Background(), "abc-123", []byte(`{"resourceType":"Bundle"}`)); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "abc-123.json"))
	if err != nil || string(got) != `{"resourceType":"Bundle"}` {
		t.Fatalf("%s %v", got, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
	if err := g.Deliver(context.Background(), "../escape", nil); err == nil {
		t.Fatal("a name with a path must be refused")
	}
}

func TestMedComHTTP_PostsWithToken(t *testing.T) {
	var auth, ct, body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth, ct = r.Header.Get("Authorization"), r.Header.Get("Content-Type")
		b, _ := io.ReadAll(r.Body)
		body = string(b)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	g := notify.MedComHTTP{URL: srv.URL, Token: "tok", Client: srv.Client()}
	if err := g.Deliver(context.Background(), "x", []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if auth != "Bearer tok" || ct != "application/fhir+json" || body != "{}" {
		t.Fatal(auth, ct, body)
	}
	down := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadGateway) }))
	defer down.Close()
	if err := (notify.MedComHTTP{URL: down.URL, Client: down.Client()}).Deliver(context.Background(), "x", nil); err == nil {
		t.Fatal("a 502 is a failure")
	}
}
