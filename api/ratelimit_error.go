package api

import (
	"errors"
	"strconv"
	"time"

	"brobygger/models"
)

// retryAfterError is a rate-limit refusal that tells the client when to come back.
type retryAfterError struct {
	cause *models.Error
	after time.Duration
}

func (e *retryAfterError) Error() string { return e.cause.Error() }

func (e *retryAfterError) Unwrap() error { return e.cause }

func (e *retryAfterError) seconds() string { return retryAfterSeconds(e.after) }

// retryAfterSeconds is a Retry-After value: whole seconds, at least one.
func retryAfterSeconds(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return strconv.Itoa(max(1, s))
}

// tooManyRequests builds a 429 with a Retry-After header.
func tooManyRequests(after time.Duration, message string) error {
	return &retryAfterError{cause: models.Errorf(models.ERATELIMIT, "%s", message), after: after}
}

// retryAfterOf reports whether err is a rate-limit refusal, and its Retry-After value, for the
// dashboard, which answers with a page rather than the JSON error.
func retryAfterOf(err error) (time.Duration, bool) {
	var rl *retryAfterError
	if errors.As(err, &rl) {
		return rl.after, true
	}
	return 0, false
}
