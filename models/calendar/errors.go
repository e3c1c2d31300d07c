package calendar

import "fmt"

// InvalidError is input this package cannot use: not a date, a clock time, a closed day or a
// send window that opens. models reports it as an EINVALID error about Field.
type InvalidError struct {
	Field   string
	Message string
}

// Error reads like models.Error, so a wrapped message logs the same as before the move.
func (e *InvalidError) Error() string { return fmt.Sprintf("EINVALID: %s (%s)", e.Message, e.Field) }

// invalid builds an InvalidError about one input field with a formatted, whole-sentence message.
func invalid(field, format string, args ...any) *InvalidError {
	return &InvalidError{Field: field, Message: fmt.Sprintf(format, args...)}
}
