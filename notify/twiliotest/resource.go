package twiliotest

import (
	"bytes"
	"encoding/json"
	"strconv"
	"time"

	"brobygger/models/sms"
)

// apiVersion is the only Twilio REST API version the fake speaks.
const apiVersion = "2010-04-01"

// messageResource is Twilio's JSON Message resource. Pointer fields are the
// ones Twilio sends as null on a fresh message, so they must not be omitted.
type messageResource struct {
	AccountSid          string            `json:"account_sid"`
	APIVersion          string            `json:"api_version"`
	Body                string            `json:"body"`
	DateCreated         string            `json:"date_created"`
	DateSent            *string           `json:"date_sent"`
	DateUpdated         string            `json:"date_updated"`
	Direction           string            `json:"direction"`
	ErrorCode           *int              `json:"error_code"`
	ErrorMessage        *string           `json:"error_message"`
	From                *string           `json:"from"`
	MessagingServiceSid *string           `json:"messaging_service_sid"`
	NumMedia            string            `json:"num_media"`
	NumSegments         string            `json:"num_segments"`
	Price               *string           `json:"price"`
	PriceUnit           string            `json:"price_unit"`
	Sid                 string            `json:"sid"`
	Status              string            `json:"status"`
	SubresourceUris     map[string]string `json:"subresource_uris"`
	To                  string            `json:"to"`
	URI                 string            `json:"uri"`
}

// renderMessage builds the JSON Twilio returns for a newly created message.
//
// A message sent through a Messaging Service starts "accepted" with no
// sender and num_segments "0", because Twilio picks the sender later; one
// sent from a number starts "queued" with its segment count known.
func renderMessage(accountSID string, m Message) []byte {
	return encodeJSON(resourceOf(accountSID, m))
}

// resourceOf is the Message resource of a newly created message.
func resourceOf(accountSID string, m Message) messageResource {
	uri := "/" + apiVersion + "/Accounts/" + accountSID + "/Messages/" + m.SID
	created := m.ReceivedAt.UTC().Format(time.RFC1123Z) // Twilio's RFC 2822 form, in GMT
	res := messageResource{
		AccountSid:      accountSID,
		APIVersion:      apiVersion,
		Body:            m.Body,
		DateCreated:     created,
		DateUpdated:     created,
		Direction:       "outbound-api",
		NumMedia:        "0",
		PriceUnit:       "USD",
		Sid:             m.SID,
		SubresourceUris: map[string]string{"media": uri + "/Media.json"},
		To:              m.To,
		URI:             uri + ".json",
		From:            optional(m.From),
		Status:          "queued",
		NumSegments:     strconv.Itoa(sms.CountSegments(m.Body).Count),
	}
	if m.MessagingServiceSid != "" {
		res.MessagingServiceSid = &m.MessagingServiceSid
		res.Status = "accepted"
		res.NumSegments = "0"
	}
	return res
}

// optional maps an absent form value to JSON null.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// encodeJSON marshals v without escaping <, > and &, as Twilio does not.
func encodeJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(v) // cannot fail: the resource holds only strings, ints and a string map
	return buf.Bytes()
}
