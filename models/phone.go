package models

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is assumed for numbers written without a country code.
const DefaultRegion = "DK"

// NormalizePhone parses a phone number as people write it ("20 12 34 56", "+45 2012 3456",
// "0045…") and returns it in E.164. Extensions and impossible numbers are rejected.
func NormalizePhone(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > 32 {
		return "", Invalid("phone", "The phone number is missing or too long.")
	}
	num, err := phonenumbers.Parse(raw, DefaultRegion)
	if err != nil {
		return "", Invalid("phone", "The phone number %q could not be read.", raw)
	}
	if num.GetExtension() != "" {
		return "", Invalid("phone", "The phone number must not have an extension.")
	}
	if !phonenumbers.IsValidNumber(num) {
		return "", Invalid("phone", "The phone number %q is not a valid number.", raw)
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
}
