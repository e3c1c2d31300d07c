package notify

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"net/http"
	"slices"
	"strconv"

	"github.com/twilio/twilio-go"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"

	"brobygger/models"
	"brobygger/models/sms"
)

// TwilioSenderConfig is what TwilioSender needs from the environment.
type TwilioSenderConfig struct {
	AccountSID string
	AuthToken  string
	// From is the sending number; MessagingServiceSID a Messaging Service. Exactly one is sent
	// to Twilio, the service when both are set, because it owns the sender pool and opt-outs.
	From                string
	MessagingServiceSID string
	// Froms, when set, are several sending numbers (TWILIO_FROM as a list) and From is ignored:
	// each citizen's SMS always go from the same one of them (see senderFor).
	Froms []string
	// APIURL, when set, sends REST calls there instead of api.twilio.com (TWILIO_API_URL).
	APIURL string
	// HTTPClient defaults to NewTwilioHTTPClient().
	HTTPClient *http.Client
}

// TwilioSender sends SMS through Twilio's Messages API with the official twilio-go client.
// It is safe for concurrent use.
type TwilioSender struct {
	rest    *twilio.RestClient
	froms   []string
	service string
}

// NewTwilioSender builds a sender for the account. It fails when the credentials are malformed
// or no sender (From or MessagingServiceSID) is configured, so a misconfiguration stops start-up
// instead of failing every SMS.
func NewTwilioSender(cfg TwilioSenderConfig) (*TwilioSender, error) {
	froms := slices.DeleteFunc(slices.Clone(cfg.Froms), func(f string) bool { return f == "" })
	if len(froms) == 0 && cfg.From != "" {
		froms = []string{cfg.From}
	}
	if len(froms) == 0 && cfg.MessagingServiceSID == "" {
		return nil, errors.New("notify: Twilio sender needs a From number or a Messaging Service SID")
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = newTwilioHTTPClient()
	}
	rest, err := NewTwilioRestClient(cfg.AccountSID, cfg.AuthToken, cfg.APIURL, hc)
	if err != nil {
		return nil, err
	}
	s := &TwilioSender{rest: rest, service: cfg.MessagingServiceSID}
	if s.service == "" {
		s.froms = froms
	}
	return s, nil
}

// senderFor is the sender an SMS to the number goes from: the Messaging Service (one sender: it
// owns its pool), or one of the numbers chosen by a hash of the recipient's number, so a
// citizen's SMS always come from the same number and their replies thread together.
func (s *TwilioSender) senderFor(to string) string {
	if s.service != "" {
		return s.service
	}
	if len(s.froms) == 1 {
		return s.froms[0]
	}
	h := fnv.New32a()
	_, _ = h.Write([]byte(to))
	return s.froms[h.Sum32()%uint32(len(s.froms))]
}

// Send creates one message. Failures come back as *SendError.
//
// twilio-go takes no context, so a request already under way is bounded by the HTTP client's
// timeout rather than by ctx; ctx only stops a send that has not started.
func (s *TwilioSender) Send(ctx context.Context, m OutgoingSMS) (models.SentSMS, error) {
	if err := ctx.Err(); err != nil {
		return models.SentSMS{}, ClassifyTwilioError(fmt.Errorf("send sms: %w", err))
	}
	params := (&openapi.CreateMessageParams{}).SetTo(m.To).SetBody(m.Body)
	if s.service != "" {
		params.SetMessagingServiceSid(s.service)
	} else if slices.Contains(s.froms, m.From) {
		params.SetFrom(m.From)
	} else {
		params.SetFrom(s.senderFor(m.To))
	}
	if m.StatusCallback != "" {
		params.SetStatusCallback(m.StatusCallback)
	}
	msg, err := s.rest.Api.CreateMessage(params)
	if err != nil {
		return models.SentSMS{}, ClassifyTwilioError(err)
	}
	return sentFromResource(msg, m.Body), nil
}

// sentFromResource reads what the dispatcher keeps from Twilio's answer.
func sentFromResource(msg *openapi.ApiV2010Message, body string) models.SentSMS {
	sent := models.SentSMS{Status: "queued", Segments: sms.CountSegments(body).Count}
	if msg.Sid != nil {
		sent.SID = *msg.Sid
	}
	if msg.Status != nil && *msg.Status != "" {
		sent.Status = *msg.Status
	}
	// A Messaging Service answers num_segments "0" because it picks the sender, and so the
	// encoding, later; our own count is what Twilio will bill in that case.
	if msg.NumSegments != nil {
		if n, err := strconv.Atoi(*msg.NumSegments); err == nil && n > 0 {
			sent.Segments = n
		}
	}
	return sent
}
