package models

import (
	"errors"

	"brobygger/models/phone"
)

// NormalizePhone is phone.Normalize with its error as the domain EINVALID error about the field
// "phone" that the API shows: a number as people write it in E.164, or an error.
func NormalizePhone(raw string) (string, error) {
	e164, err := phone.Normalize(raw)
	var ie *phone.InvalidError
	if errors.As(err, &ie) {
		return "", Invalid("phone", "%s", ie.Message)
	}
	return e164, err
}
