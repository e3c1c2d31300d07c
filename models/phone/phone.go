package phone

import (
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is assumed for numbers written without a country code.
const DefaultRegion = "DK"

// InvalidError is a number this package cannot read. models reports it as an EINVALID error about
// the field "phone".
type InvalidError struct {
	Message string
}

// Error reads like models.Error, so a wrapped message logs the same as before the move.
func (e *InvalidError) Error() string { return fmt.Sprintf("EINVALID: %s (phone)", e.Message) }

func invalid(format string, args ...any) *InvalidError {
	return &InvalidError{Message: fmt.Sprintf(format, args...)}
}

// Normalize parses a phone number as people write it ("20 12 34 56", "+45 2012 3456",
// "0045…") and returns it in E.164. Extensions and impossible numbers are rejected.
func Normalize(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > 32 {
		return "", invalid("The phone number is missing or too long.")
	}
	num, err := phonenumbers.Parse(raw, DefaultRegion)
	if err != nil {
		return "", invalid("The phone number %q could not be read.", raw)
	}
	if num.GetExtension() != "" {
		return "", invalid("The phone number must not have an extension.")
	}
	if !phonenumbers.IsValidNumber(num) {
		return "", invalid("The phone number %q is not a valid number.", raw)
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
}
