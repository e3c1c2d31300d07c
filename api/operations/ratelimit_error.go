package operations

import (
	"errors"
	"strconv"
	"time"

	"brobygger/models"
)

// RetryAfterError is a rate-limit refusal that tells the client when to come back.
type RetryAfterError struct {
	cause *models.Error
	After time.Duration
}

func (e *RetryAfterError) Error() string { return e.cause.Error() }

func (e *RetryAfterError) Unwrap() error { return e.cause }

// RetryAfterSeconds is a Retry-After value: whole seconds, at least one.
func RetryAfterSeconds(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	return strconv.Itoa(max(1, s))
}

// tooManyRequests builds a 429 with a Retry-After header.
func tooManyRequests(After time.Duration, message string) error {
	return &RetryAfterError{cause: models.Errorf(models.ERATELIMIT, "%s", message), After: After}
}

// RetryAfterOf reports whether err is a rate-limit refusal, and its Retry-After value, for the
// dashboard, which answers with a page rather than the JSON error.
func RetryAfterOf(err error) (time.Duration, bool) {
	var rl *RetryAfterError
	if errors.As(err, &rl) {
		return rl.After, true
	}
	return 0, false
}
