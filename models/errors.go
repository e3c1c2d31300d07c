package models

import (
	"errors"
	"fmt"

	"brobygger/models/calendar"
)

// Code classifies a domain error. Only api/errors.go turns a Code into an HTTP status.
type Code string

// The error codes every layer may return.
const (
	EINVALID      Code = "EINVALID"
	ENOTFOUND     Code = "ENOTFOUND"
	ECONFLICT     Code = "ECONFLICT"
	EUNAUTHORIZED Code = "EUNAUTHORIZED"
	EFORBIDDEN    Code = "EFORBIDDEN"
	ERATELIMIT    Code = "ERATELIMIT"
	ETOOLARGE     Code = "ETOOLARGE"
	EINTERNAL     Code = "EINTERNAL"
)

// Error is a domain error: a code for machines and a whole sentence for people.
type Error struct {
	Code    Code
	Message string
	// Field names the input field at fault, when there is one.
	Field string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf builds a domain error with a formatted user-facing message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid builds an EINVALID error about one input field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Message: fmt.Sprintf(format, args...), Field: field}
}

// NotFound builds the error for an object that does not exist or that the caller may not see;
// the two are deliberately indistinguishable.
func NotFound(what string) *Error {
	return &Error{Code: ENOTFOUND, Message: fmt.Sprintf("The %s was not found.", what)}
}

// ErrorCode returns the code of the first domain error in err's chain, or EINTERNAL. The
// calendar's invalid-input error (a send window that cannot open, say) is EINVALID.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var ie *calendar.InvalidError
	if errors.As(err, &ie) {
		return EINVALID
	}
	return EINTERNAL
}

// IsCode reports whether err carries the given domain code.
func IsCode(err error, code Code) bool {
	return err != nil && ErrorCode(err) == code
}
