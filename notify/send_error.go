package notify

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/twilio/twilio-go/client"

	"brobygger/models"
)

// FailureKind says what a failed send means for the SMS and its recipient.
type FailureKind int

// Failure kinds. FailureRetryable is the zero value on purpose: a failure nobody classified is
// tried again later rather than dropped, because a lost check-in is worse than a late one.
const (
	// FailureRetryable is a failure of the moment (throttling, outage, network): try again later.
	FailureRetryable FailureKind = iota
	// FailureOptedOut means the recipient replied STOP to our sender (Twilio 21610).
	FailureOptedOut
	// FailureInvalidNumber means the number is invalid or not a mobile (Twilio 21211, 21614).
	FailureInvalidNumber
	// FailurePermanent is any other refusal of this SMS: sending it again gives the same answer.
	FailurePermanent
)

// String names the kind for logs.
func (k FailureKind) String() string {
	switch k {
	case FailureRetryable:
		return "retryable"
	case FailureOptedOut:
		return "opted_out"
	case FailureInvalidNumber:
		return "invalid_number"
	case FailurePermanent:
		return "permanent"
	}
	return "unknown(" + strconv.Itoa(int(k)) + ")"
}

// SendError is a failed send, classified. Code is Twilio's error code (0 when the failure never
// got a Twilio answer); HTTPStatus is the HTTP status when known, which for a Twilio JSON error is
// the body's "status" field and may be 0.
type SendError struct {
	Code       int
	HTTPStatus int
	Message    string
	Kind       FailureKind
	cause      error
}

// Error describes the failure with Twilio's code and the HTTP status when there are any.
func (e *SendError) Error() string {
	var b strings.Builder
	b.WriteString("send sms: ")
	b.WriteString(e.Kind.String())
	if e.Code != 0 {
		fmt.Fprintf(&b, ", Twilio error %d", e.Code)
	}
	if e.HTTPStatus != 0 {
		fmt.Fprintf(&b, ", HTTP %d", e.HTTPStatus)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	return b.String()
}

// Unwrap returns the error the send failed with, so callers can still test for it with errors.Is.
func (e *SendError) Unwrap() error { return e.cause }

// ClassifyTwilioError turns whatever a send through twilio-go failed with into a *SendError (nil
// for nil). An error that already is or wraps a *SendError is returned as it is.
//
// A *client.TwilioRestError is classified by its code and status. Anything else never got a
// Twilio answer we could read: a network error or timeout, or an error page from a proxy in front
// of Twilio, which twilio-go reports as a failure to decode JSON "for an HTTP error code". All of
// those are retryable.
func ClassifyTwilioError(err error) *SendError {
	if err == nil {
		return nil
	}
	var classified *SendError
	if errors.As(err, &classified) {
		return classified
	}
	var rest *client.TwilioRestError
	if errors.As(err, &rest) {
		return &SendError{Code: rest.Code, HTTPStatus: rest.Status, Message: rest.Message,
			Kind: kindOfRestError(rest.Code, rest.Status), cause: err}
	}
	return &SendError{HTTPStatus: undecodedHTTPStatus(err), Message: err.Error(), Kind: FailureRetryable, cause: err}
}

// Twilio codes that stand for an HTTP-level condition, used when the body carried no status.
const (
	twilioAuthenticate = 20003
	twilioServerError  = 20500
	twilioUnavailable  = 20503
)

// kindOfRestError classifies a Twilio JSON error. The code decides first because it is the
// precise reason; the HTTP status decides for codes that change nothing.
func kindOfRestError(code, status int) FailureKind {
	switch {
	case code == models.TwilioOptedOut:
		return FailureOptedOut
	case code == models.TwilioInvalidNumber || code == models.TwilioNotMobile:
		return FailureInvalidNumber
	case code == models.TwilioThrottled || status == http.StatusTooManyRequests,
		code == twilioServerError || code == twilioUnavailable || status >= 500:
		return FailureRetryable
	case code == twilioAuthenticate || status == http.StatusUnauthorized || status == http.StatusForbidden:
		// A rotated token or a suspended account is not this SMS's fault. Failing it for good would
		// drop the whole queue in minutes; retrying gives an operator the backoff window to fix it.
		return FailureRetryable
	}
	return FailurePermanent
}

// undecodedHTTPStatus finds the HTTP status in twilio-go's error for a non-JSON error body
// ("error decoding the response for an HTTP error code: 503: …"); 0 when there is none.
func undecodedHTTPStatus(err error) int {
	const marker = "HTTP error code: "
	text := err.Error()
	i := strings.Index(text, marker)
	if i < 0 {
		return 0
	}
	digits := text[i+len(marker):]
	end := 0
	for end < len(digits) && end < 3 && digits[end] >= '0' && digits[end] <= '9' {
		end++
	}
	status, convErr := strconv.Atoi(digits[:end])
	if convErr != nil {
		return 0
	}
	return status
}
