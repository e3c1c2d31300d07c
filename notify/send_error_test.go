package notify_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"testing"

	"github.com/twilio/twilio-go/client"

	"brobygger/notify"
)

func TestClassifyTwilioError(t *testing.T) {
	rest := func(status, code int) error {
		return &client.TwilioRestError{Status: status, Code: code, Message: "from Twilio"}
	}
	timeout := &url.Error{Op: "Post", URL: "https://api.twilio.com/", Err: &net.OpError{Op: "dial", Err: context.DeadlineExceeded}}
	tests := []struct {
		name           string
		err            error
		kind           notify.FailureKind
		code, httpCode int
	}{
		{"throttled", rest(429, 20429), notify.FailureRetryable, 20429, 429},
		{"throttled without status", rest(0, 20429), notify.FailureRetryable, 20429, 0},
		{"HTTP 429 with another code", rest(429, 14107), notify.FailureRetryable, 14107, 429},
		{"server error", rest(500, 20500), notify.FailureRetryable, 20500, 500},
		{"unavailable", rest(503, 0), notify.FailureRetryable, 0, 503},
		{"opted out", rest(400, 21610), notify.FailureOptedOut, 21610, 400},
		{"opted out without status", rest(0, 21610), notify.FailureOptedOut, 21610, 0},
		{"invalid number", rest(400, 21211), notify.FailureInvalidNumber, 21211, 400},
		{"not a mobile", rest(400, 21614), notify.FailureInvalidNumber, 21614, 400},
		{"unreachable recipient", rest(400, 21612), notify.FailurePermanent, 21612, 400},
		{"body too long", rest(400, 21617), notify.FailurePermanent, 21617, 400},
		{"not found", rest(404, 20404), notify.FailurePermanent, 20404, 404},
		{"bad credentials", rest(401, 20003), notify.FailureRetryable, 20003, 401},
		{"non-JSON error page", fmt.Errorf("error decoding the response for an HTTP error code: 502: invalid character '<'"),
			notify.FailureRetryable, 0, 502},
		{"network timeout", timeout, notify.FailureRetryable, 0, 0},
		{"wrapped Twilio error", fmt.Errorf("send: %w", rest(400, 21610)), notify.FailureOptedOut, 21610, 400},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := notify.ClassifyTwilioError(tc.err)
			if got == nil || got.Kind != tc.kind || got.Code != tc.code || got.HTTPStatus != tc.httpCode {
				t.Fatalf("got %+v, want kind %v code %d HTTP %d", got, tc.kind, tc.code, tc.httpCode)
			}
			if !errors.Is(got, tc.err) {
				t.Error("the classified error does not unwrap to the original")
			}
		})
	}
}

func TestClassifyTwilioErrorKeepsAClassification(t *testing.T) {
	if notify.ClassifyTwilioError(nil) != nil {
		t.Error("nil error classified")
	}
	own := &notify.SendError{Code: 21610, Kind: notify.FailureOptedOut}
	if got := notify.ClassifyTwilioError(fmt.Errorf("wrapped: %w", own)); got != own {
		t.Errorf("got %+v, want the SendError it wraps", got)
	}
	if (&notify.SendError{}).Kind != notify.FailureRetryable {
		t.Error("an unclassified SendError must be retried, not dropped")
	}
}
