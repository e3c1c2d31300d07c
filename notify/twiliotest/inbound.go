package twiliotest

import (
	"net/url"
	"strconv"

	"github.com/nyaruka/phonenumbers"

	"brobygger/models/sms"
)

// InboundSMSParams returns the form Twilio posts to a number's incoming
// message webhook when from texts body to the number to. An empty
// messageSID gets a fresh one. ToCountry and FromCountry are derived from
// the numbers; the city, state and zip fields are sent empty, as Twilio
// does outside North America. For a number in a Messaging Service, add
// MessagingServiceSid to the result.
func InboundSMSParams(accountSID, messageSID, from, to, body string) url.Values {
	if messageSID == "" {
		messageSID = newSID("SM")
	}
	return url.Values{
		"ToCountry":     {countryOf(to)},
		"ToState":       {""},
		"SmsMessageSid": {messageSID},
		"NumMedia":      {"0"},
		"ToCity":        {""},
		"FromZip":       {""},
		"SmsSid":        {messageSID},
		"FromState":     {""},
		"SmsStatus":     {"received"},
		"FromCity":      {""},
		"Body":          {body},
		"FromCountry":   {countryOf(from)},
		"To":            {to},
		"ToZip":         {""},
		"NumSegments":   {strconv.Itoa(sms.CountSegments(body).Count)},
		"MessageSid":    {messageSID},
		"AccountSid":    {accountSID},
		"From":          {from},
		"ApiVersion":    {apiVersion},
	}
}

// StatusCallbackParams returns the form Twilio posts to a message's
// StatusCallback URL when the message reaches status (queued, sent,
// delivered, undelivered, failed, …). ErrorCode is present only for a
// non-zero errorCode, as Twilio leaves it out for successful deliveries.
func StatusCallbackParams(accountSID, messageSID, from, to, status string, errorCode int) url.Values {
	params := url.Values{
		"SmsSid":        {messageSID},
		"SmsStatus":     {status},
		"MessageStatus": {status},
		"To":            {to},
		"MessageSid":    {messageSID},
		"AccountSid":    {accountSID},
		"From":          {from},
		"ApiVersion":    {apiVersion},
	}
	if errorCode != 0 {
		params["ErrorCode"] = []string{strconv.Itoa(errorCode)}
	}
	return params
}

// countryOf returns the ISO 3166 region of an E.164 number, or "" when it
// cannot be told, for the ToCountry and FromCountry fields.
func countryOf(number string) string {
	parsed, err := phonenumbers.Parse(number, "")
	if err != nil {
		return ""
	}
	return phonenumbers.GetRegionCodeForNumber(parsed)
}
