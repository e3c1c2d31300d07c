package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"brobygger/notify/twiliotest"
)

// TestServe_EndToEndThroughFakeTwilio runs the real binary against the fake Twilio REST API:
// a link worker logs in, refers a citizen, and the contact SMS reaches "Twilio" through
// twilio-go with our status callback URL.
func TestServe_EndToEndThroughFakeTwilio(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	const sid, token = "AC0123456789abcdef0123456789abcdef", "authtoken0123456789"
	fake := twiliotest.NewServer(sid, token)
	defer fake.Close()
	dir := t.TempDir()
	bin := filepath.Join(dir, "brobygger")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	addr := freeAddr(t)
	env := append(os.Environ(), "LISTEN_ADDR="+addr, "DATABASE_URL=sqlite:"+filepath.Join(dir, "e2e.db"),
		"TWILIO_ACCOUNT_SID="+sid, "TWILIO_AUTH_TOKEN="+token, "TWILIO_FROM=+4570701234", "TWILIO_API_URL="+fake.URL(),
		"PUBLIC_BASE_URL=https://sms.example.dk", "SMS_RATE_PER_SECOND=0", "JWT_SECRET=an-end-to-end-secret-of-32-characters")
	add := exec.Command(bin, "staff", "add", "--email", "lw@example.dk", "--name", "Lise Holm", "--role", "link_worker", "--phone", "33123456")
	add.Env, add.Stdin = env, strings.NewReader("a long enough password\n")
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("staff add: %v %s", err, out)
	}
	srv := exec.Command(bin, "serve")
	srv.Env = env
	var logs bytes.Buffer
	srv.Stdout, srv.Stderr = &logs, &logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()
	base := "http://" + addr
	waitReady(t, base+"/readyz", &logs)

	var tok struct {
		AccessToken string `json:"access_token"`
	}
	postJSON(t, base+"/v1/auth/staff/login", "", `{"email":"lw@example.dk","password":"a long enough password"}`, 200, &tok)
	postJSON(t, base+"/v1/referrals", tok.AccessToken, `{"name":"Anna Jensen","phone":"26 12 34 56","consent_contact":true,"consent_data":true}`, 201, nil)

	deadline := time.Now().Add(10 * time.Second)
	for len(fake.Messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	msgs := fake.Messages()
	if len(msgs) != 1 {
		t.Fatalf("fake Twilio got %d messages\n%s", len(msgs), logs.String())
	}
	m := msgs[0]
	if m.To != "+4526123456" || m.From != "+4570701234" || !strings.Contains(m.Body, "Lise") ||
		m.StatusCallback != "https://sms.example.dk/webhooks/twilio/status" {
		t.Fatalf("unexpected message %+v", m)
	}

	// The citizen answers JA: a webhook signed as Twilio signs it, against PUBLIC_BASE_URL.
	ja := twiliotest.InboundSMSParams(sid, "SM"+strings.Repeat("ab", 16), "+4526123456", "+4570701234", "JA")
	req, _ := http.NewRequest(http.MethodPost, base+"/webhooks/twilio/sms", strings.NewReader(ja.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", twiliotest.Signature(token, "https://sms.example.dk/webhooks/twilio/sms", ja))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("inbound webhook: %d\n%s", res.StatusCode, logs.String())
	}
	for len(fake.Messages()) < 2 && time.Now().Before(deadline.Add(10*time.Second)) {
		time.Sleep(50 * time.Millisecond)
	}
	if msgs := fake.Messages(); len(msgs) != 2 || msgs[1].To != "+4526123456" {
		t.Fatalf("after JA the fake has %d messages, want the contact SMS and the confirmation\n%s", len(msgs), logs.String())
	}
	// The dispatcher counts a send once it has recorded it, a moment after the fake saw it.
	wantMetrics := []string{"brobygger_inbound_batches_total 1", "brobygger_inbound_messages_total 1", "brobygger_outbox_sent_total 2"}
	for missing := wantMetrics; len(missing) > 0; {
		metrics := getBody(t, base+"/metrics")
		missing = slices.DeleteFunc(slices.Clone(wantMetrics), func(line string) bool { return strings.Contains(metrics, "\n"+line+"\n") })
		if len(missing) > 0 && time.Now().After(deadline.Add(15*time.Second)) {
			t.Fatalf("/metrics lacks %q", missing)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if strings.Contains(logs.String(), token) || strings.Contains(logs.String(), "an-end-to-end-secret") {
		t.Fatal("a secret reached the log")
	}
}

func postJSON(t *testing.T, url, bearer, body string, want int, out any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != want {
		var b bytes.Buffer
		_, _ = b.ReadFrom(res.Body)
		t.Fatalf("POST %s: %d %s", url, res.StatusCode, b.String())
	}
	if out != nil {
		if err := json.NewDecoder(res.Body).Decode(out); err != nil {
			t.Fatal(err)
		}
	}
}

func getBody(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, res.StatusCode, b.String())
	}
	return b.String()
}
