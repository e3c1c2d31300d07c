package twiliotest_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/twilio/twilio-go/client"

	"brobygger/notify/twiliotest"
)

// twilioExample is the worked example in Twilio's webhook security docs.
func twilioExample() (token, fullURL string, params url.Values) {
	return "12345", "https://mycompany.com/myapp.php?foo=1&bar=2", url.Values{
		"CallSid": {"CA1234567890ABCDE"},
		"Caller":  {"+12349013030"},
		"Digits":  {"1234"},
		"From":    {"+12349013030"},
		"To":      {"+18005551212"},
	}
}

func TestSignatureMatchesTwilioPublishedExample(t *testing.T) {
	token, fullURL, params := twilioExample()
	if got, want := twiliotest.Signature(token, fullURL, params), "0/KCTR6DLpKmkAf8muzZqo1nDgQ="; got != want {
		t.Errorf("Signature = %s, want %s", got, want)
	}
}

// firstValues flattens params to the map twilio-go's validator takes.
func firstValues(params url.Values) map[string]string {
	flat := make(map[string]string, len(params))
	for name, values := range params {
		flat[name] = values[0]
	}
	return flat
}

func TestTwilioGoValidatorAcceptsOurSignatures(t *testing.T) {
	token, fullURL, example := twilioExample()
	inbound := twiliotest.InboundSMSParams("AC1", "", "+4520123456", "+4570701234", "Hej & farvel æøå 😀")
	tests := []struct {
		name, url string
		params    url.Values
	}{
		{"Twilio's example", fullURL, example},
		{"inbound SMS with escapes", "https://brobygger.example/twilio/sms", inbound},
		{"no parameters", "https://brobygger.example/twilio/sms?x=1", url.Values{}},
	}
	validator := client.NewRequestValidator(token)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sig := twiliotest.Signature(token, tc.url, tc.params)
			if !validator.Validate(tc.url, firstValues(tc.params), sig) {
				t.Error("Validate rejected the signature")
			}
			if !validator.ValidateBody(tc.url, []byte(tc.params.Encode()), sig) {
				t.Error("ValidateBody rejected the signature")
			}
			if validator.Validate(tc.url+"&tampered=1", firstValues(tc.params), sig) {
				t.Error("signature does not cover the URL")
			}
			wrong := client.NewRequestValidator("67890")
			if wrong.Validate(tc.url, firstValues(tc.params), sig) {
				t.Error("signature does not depend on the auth token")
			}
		})
	}
}

func TestSignatureSortsRepeatedValues(t *testing.T) {
	const token, target = "12345", "https://brobygger.example/hook"
	ab := twiliotest.Signature(token, target, url.Values{"MediaUrl": {"a", "b"}})
	ba := twiliotest.Signature(token, target, url.Values{"MediaUrl": {"b", "a"}})
	onlyA := twiliotest.Signature(token, target, url.Values{"MediaUrl": {"a"}})
	if ab != ba {
		t.Error("value order changed the signature")
	}
	if ab == onlyA {
		t.Error("second value is not signed")
	}
}

func TestSignedRequestIsAFormPostToThePublicPath(t *testing.T) {
	token, fullURL, params := twilioExample()
	req := twiliotest.SignedRequest(token, fullURL, params)

	if req.Method != http.MethodPost || req.RequestURI != "/myapp.php?foo=1&bar=2" || req.Host != "mycompany.com" {
		t.Errorf("got %s %s Host %s", req.Method, req.RequestURI, req.Host)
	}
	if ct := req.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type %q", ct)
	}
	if sig := req.Header.Get("X-Twilio-Signature"); sig != "0/KCTR6DLpKmkAf8muzZqo1nDgQ=" {
		t.Errorf("X-Twilio-Signature %q", sig)
	}
	body, _ := io.ReadAll(req.Body)
	if string(body) != params.Encode() {
		t.Errorf("body %q, want %q", body, params.Encode())
	}
}

func TestSignedRequestWithNetHTTPHandler(t *testing.T) {
	const token, publicURL = "12345", "https://brobygger.example/twilio/sms"
	validator := client.NewRequestValidator(token)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		if !validator.Validate(publicURL, firstValues(r.PostForm), r.Header.Get("X-Twilio-Signature")) {
			w.WriteHeader(http.StatusForbidden)
		}
	})
	rec := httptest.NewRecorder()
	params := twiliotest.InboundSMSParams("AC1", "", "+4520123456", "+4570701234", "STOP")
	handler.ServeHTTP(rec, twiliotest.SignedRequest(token, publicURL, params))
	if rec.Code != http.StatusOK {
		t.Errorf("status %d, want 200", rec.Code)
	}
}

// fiberWebhook is a webhook the way an app would validate it: against the
// public URL Twilio was configured with, not the address it listens on.
func fiberWebhook(token, publicURL string) *fiber.App {
	app := fiber.New()
	validator := client.NewRequestValidator(token)
	app.Post("/twilio/sms", func(c *fiber.Ctx) error {
		params := make(map[string]string)
		c.Request().PostArgs().VisitAll(func(k, v []byte) { params[string(k)] = string(v) })
		if !validator.Validate(publicURL, params, c.Get("X-Twilio-Signature")) {
			return c.SendStatus(fiber.StatusForbidden)
		}
		return c.SendString(c.Hostname() + " " + c.Query("tenant") + " " + params["Body"])
	})
	return app
}

func TestSignedRequestWithFiberAppTest(t *testing.T) {
	const token, publicURL = "12345", "https://brobygger.example/twilio/sms?tenant=7"
	app := fiberWebhook(token, publicURL)
	params := twiliotest.InboundSMSParams("AC1", "", "+4520123456", "+4570701234", "Ja tak, æøå")

	resp, err := app.Test(twiliotest.SignedRequest(token, publicURL, params))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != fiber.StatusOK || string(body) != "brobygger.example 7 Ja tak, æøå" {
		t.Errorf("got %d %q", resp.StatusCode, body)
	}

	forged := twiliotest.SignedRequest("wrongtoken", publicURL, params)
	resp, err = app.Test(forged)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != fiber.StatusForbidden {
		t.Errorf("forged request: status %d, want 403", resp.StatusCode)
	}
}
