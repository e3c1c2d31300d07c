package twiliotest_test

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"brobygger/notify/twiliotest"
)

func TestInboundSMSParamsHasTwilioFields(t *testing.T) {
	const account, sid = "AC0123456789abcdef0123456789abcdef", "SM0123456789abcdef0123456789abcdef"
	body := strings.Repeat("Hej ", 41) // 164 characters: two segments
	params := twiliotest.InboundSMSParams(account, sid, "+4520123456", "+4570701234", body)

	// The fields of Twilio's incoming message webhook for an SMS without media.
	wantNames := []string{
		"AccountSid", "ApiVersion", "Body", "From", "FromCity", "FromCountry", "FromState",
		"FromZip", "MessageSid", "NumMedia", "NumSegments", "SmsMessageSid", "SmsSid",
		"SmsStatus", "To", "ToCity", "ToCountry", "ToState", "ToZip",
	}
	if got := slices.Sorted(maps.Keys(params)); !slices.Equal(got, wantNames) {
		t.Errorf("fields %v\nwant   %v", got, wantNames)
	}
	want := map[string]string{
		"AccountSid": account, "ApiVersion": "2010-04-01", "Body": body,
		"From": "+4520123456", "To": "+4570701234", "FromCountry": "DK", "ToCountry": "DK",
		"MessageSid": sid, "SmsSid": sid, "SmsMessageSid": sid,
		"NumMedia": "0", "NumSegments": "2", "SmsStatus": "received",
		"FromCity": "", "FromState": "", "FromZip": "", "ToCity": "", "ToState": "", "ToZip": "",
	}
	for name, value := range want {
		if got := params[name]; len(got) != 1 || got[0] != value {
			t.Errorf("%s = %q, want [%q]", name, got, value)
		}
	}
}

func TestInboundSMSParamsInventsAMessageSID(t *testing.T) {
	params := twiliotest.InboundSMSParams("AC1", "", "+12025550123", "+4570701234", "STOP")
	sid := params.Get("MessageSid")
	if !regexp.MustCompile(`^SM[0-9a-f]{32}$`).MatchString(sid) {
		t.Errorf("MessageSid %q is not an SM SID", sid)
	}
	if params.Get("SmsSid") != sid || params.Get("SmsMessageSid") != sid {
		t.Error("the three SID fields must carry the same SID")
	}
	if params.Get("FromCountry") != "US" {
		t.Errorf("FromCountry %q, want US", params.Get("FromCountry"))
	}
	other := twiliotest.InboundSMSParams("AC1", "", "+12025550123", "+4570701234", "STOP")
	if other.Get("MessageSid") == sid {
		t.Error("two inbound messages got the same SID")
	}
}

func TestInboundSMSParamsToleratesUnparsableNumbers(t *testing.T) {
	params := twiliotest.InboundSMSParams("AC1", "", "Brobygger", "12", "Hej")
	if params.Get("FromCountry") != "" || params.Get("ToCountry") != "" {
		t.Errorf("countries %q / %q, want empty", params.Get("FromCountry"), params.Get("ToCountry"))
	}
}

func TestStatusCallbackParams(t *testing.T) {
	const account, sid = "AC1", "SM0123456789abcdef0123456789abcdef"
	delivered := twiliotest.StatusCallbackParams(account, sid, "+4570701234", "+4520123456", "delivered", 0)
	want := map[string]string{
		"AccountSid": account, "ApiVersion": "2010-04-01", "From": "+4570701234", "To": "+4520123456",
		"MessageSid": sid, "SmsSid": sid, "MessageStatus": "delivered", "SmsStatus": "delivered",
	}
	if got := slices.Sorted(maps.Keys(delivered)); !slices.Equal(got, slices.Sorted(maps.Keys(want))) {
		t.Errorf("fields %v, want those of %v (no ErrorCode on success)", got, want)
	}
	for name, value := range want {
		if got := delivered.Get(name); got != value {
			t.Errorf("%s = %q, want %q", name, got, value)
		}
	}

	failed := twiliotest.StatusCallbackParams(account, sid, "+4570701234", "+4520123456", "undelivered", 30003)
	if failed.Get("ErrorCode") != "30003" || failed.Get("MessageStatus") != "undelivered" {
		t.Errorf("got ErrorCode %q status %q", failed.Get("ErrorCode"), failed.Get("MessageStatus"))
	}
}
