package twiliotest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"brobygger/notify/twiliotest"
)

const (
	account = "AC0123456789abcdef0123456789abcdef"
	token   = "fa4e70ken0123456789abcdef012345"
)

// call makes a raw request to the fake, so these tests see exactly what
// goes over the wire rather than what twilio-go makes of it.
func call(t *testing.T, hc *http.Client, method, target string, form url.Values, user, password string) (*http.Response, []byte) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, target, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if user != "" {
		req.SetBasicAuth(user, password)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, raw
}

func messagesURL(srv *twiliotest.Server) string {
	return srv.URL() + "/2010-04-01/Accounts/" + account + "/Messages.json"
}

func send(t *testing.T, srv *twiliotest.Server, form url.Values) (*http.Response, []byte) {
	t.Helper()
	return call(t, http.DefaultClient, http.MethodPost, messagesURL(srv), form, account, token)
}

func sms(to, body string) url.Values {
	return url.Values{"To": {to}, "From": {"+4570701234"}, "Body": {body}}
}

func TestCreateMessageAnswersWithTwilioJSON(t *testing.T) {
	srv := twiliotest.NewServer(account, token)
	defer srv.Close()

	resp, raw := send(t, srv, sms("+4520123456", "<b>Hej</b> & farvel"))
	if resp.StatusCode != http.StatusCreated || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, Content-Type %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var msg map[string]any
	if err := json.Unmarshal(raw, &msg); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"price", "error_code", "error_message", "date_sent", "messaging_service_sid"} {
		if v, present := msg[name]; !present || v != nil {
			t.Errorf("%s = %v (present %v), want an explicit null", name, v, present)
		}
	}
	sid, _ := msg["sid"].(string)
	wantStrings := map[string]string{
		"account_sid": account, "to": "+4520123456", "from": "+4570701234", "status": "queued",
		"num_segments": "1", "num_media": "0", "direction": "outbound-api", "api_version": "2010-04-01",
		"body": "<b>Hej</b> & farvel", "uri": "/2010-04-01/Accounts/" + account + "/Messages/" + sid + ".json",
	}
	for name, want := range wantStrings {
		if got, ok := msg[name].(string); !ok || got != want {
			t.Errorf("%s = %#v, want the string %q", name, msg[name], want)
		}
	}
	rfc2822 := regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$`)
	if created, _ := msg["date_created"].(string); !rfc2822.MatchString(created) {
		t.Errorf("date_created %q is not RFC 2822 in GMT", created)
	}
	if !strings.Contains(string(raw), `"body":"<b>Hej</b> & farvel"`) {
		t.Errorf("HTML characters were escaped: %s", raw)
	}

	resp, fetched := call(t, http.DefaultClient, http.MethodGet,
		srv.URL()+"/2010-04-01/Accounts/"+account+"/Messages/"+sid+".json", nil, account, token)
	if resp.StatusCode != http.StatusOK || string(fetched) != string(raw) {
		t.Errorf("fetch: %d %s", resp.StatusCode, fetched)
	}
}

func TestErrorsHaveTwilioShape(t *testing.T) {
	srv := twiliotest.NewServer(account, token)
	defer srv.Close()
	srv.FailFor("+4520000001", 400, 21610, "Attempt to send to unsubscribed recipient")

	resp, raw := send(t, srv, sms("+4520000001", "Hej"))
	want := `{"code":21610,"message":"Attempt to send to unsubscribed recipient","more_info":"https://www.twilio.com/docs/errors/21610","status":400}`
	if resp.StatusCode != 400 || string(raw) != want {
		t.Errorf("got %d %s\nwant 400 %s", resp.StatusCode, raw, want)
	}

	resp, raw = call(t, http.DefaultClient, http.MethodPost, messagesURL(srv), sms("+4520123456", "Hej"), account, "nope")
	if resp.StatusCode != 401 || resp.Header.Get("WWW-Authenticate") == "" ||
		!strings.Contains(string(raw), `"code":20003`) || !strings.Contains(string(raw), `"status":401`) {
		t.Errorf("bad credentials: %d %q %s", resp.StatusCode, resp.Header.Get("WWW-Authenticate"), raw)
	}
	resp, _ = call(t, http.DefaultClient, http.MethodPost, messagesURL(srv), sms("+4520123456", "Hej"), "", "")
	if resp.StatusCode != 401 {
		t.Errorf("no credentials: status %d, want 401", resp.StatusCode)
	}
}

func TestUnknownPathsAre404(t *testing.T) {
	srv := twiliotest.NewServer(account, token)
	defer srv.Close()
	other := "AC" + strings.Repeat("9", 32)
	for _, tc := range []struct{ method, path string }{
		{http.MethodPost, "/2010-04-01/Accounts/" + other + "/Messages.json"},
		{http.MethodGet, "/2010-04-01/Accounts/" + account + "/Messages/SM" + strings.Repeat("0", 32) + ".json"},
		{http.MethodGet, "/2010-04-01/Accounts/" + account + "/Messages/SM" + strings.Repeat("0", 32)},
		{http.MethodGet, "/2010-04-01/Accounts/" + account + "/Calls.json"},
	} {
		resp, raw := call(t, http.DefaultClient, tc.method, srv.URL()+tc.path, url.Values{}, account, token)
		if resp.StatusCode != 404 || !strings.Contains(string(raw), `"code":20404`) {
			t.Errorf("%s %s: %d %s", tc.method, tc.path, resp.StatusCode, raw)
		}
	}
}

func TestNonJSONFailureIsAnHTMLPage(t *testing.T) {
	srv := twiliotest.NewServer(account, token)
	defer srv.Close()
	srv.FailNext(1, 503, 0, "")

	resp, raw := send(t, srv, sms("+4520123456", "Hej"))
	if resp.StatusCode != 503 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(string(raw), "Service Unavailable") {
		t.Errorf("got %d %q %s", resp.StatusCode, resp.Header.Get("Content-Type"), raw)
	}
}

func TestFailNextLeavesFetchesAlone(t *testing.T) {
	srv := twiliotest.NewServer(account, token)
	defer srv.Close()
	_, raw := send(t, srv, sms("+4520123456", "Hej"))
	var created struct{ Sid string }
	json.Unmarshal(raw, &created)

	srv.FailNext(1, 500, 20500, "Internal Server Error")
	resp, _ := call(t, http.DefaultClient, http.MethodGet,
		srv.URL()+"/2010-04-01/Accounts/"+account+"/Messages/"+created.Sid+".json", nil, account, token)
	if resp.StatusCode != 200 {
		t.Errorf("fetch status %d, want 200", resp.StatusCode)
	}
	if resp, _ := send(t, srv, sms("+4520123456", "Hej")); resp.StatusCode != 500 {
		t.Errorf("send status %d, want the scripted 500", resp.StatusCode)
	}
}

func TestFailureStatusMustBeAnError(t *testing.T) {
	srv := twiliotest.NewServer(account, token)
	defer srv.Close()
	for name, script := range map[string]func(){
		"FailNext": func() { srv.FailNext(1, 200, 0, "") },
		"FailFor":  func() { srv.FailFor("+4520123456", 302, 0, "") },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("want a panic")
				}
			}()
			script()
		})
	}
}

func TestMessagesReturnsACopy(t *testing.T) {
	srv := twiliotest.NewServer(account, token)
	defer srv.Close()
	send(t, srv, sms("+4520123456", "Hej"))

	got := srv.Messages()
	got[0].Body = "changed"
	if srv.Messages()[0].Body != "Hej" {
		t.Error("changing the returned slice changed the fake's record")
	}
}

// post sends one Create Message request and reports its status. Unlike
// call it does not stop the test, so RunParallel goroutines may use it.
func post(hc *http.Client, target string, form url.Values) (int, error) {
	req, err := http.NewRequest(http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(account, token)
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

// BenchmarkCreateMessage measures the fake's throughput with parallel
// clients; Brobygger's load test needs well over 2,000 messages a second.
func BenchmarkCreateMessage(b *testing.B) {
	srv := twiliotest.NewServer(account, token)
	defer srv.Close()
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 256}}
	b.SetParallelism(16)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			status, err := post(hc, messagesURL(srv), sms(fmt.Sprintf("+45%08d", i), "Din aftale er bekræftet"))
			if err != nil || status != http.StatusCreated {
				b.Errorf("status %d, error %v", status, err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}
