package api

import (
	"strings"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// TwilioRecipients are the senders whose inbound SMS and delivery statuses this service takes:
// its numbers (or sender IDs) from TWILIO_FROM and its Messaging Service. An inbound webhook whose
// To, or a status callback whose From, is none of them (a number of another site on the same
// Twilio account, or a forged request signed with a leaked token) is refused. Empty means no
// check (no Twilio senders configured: development).
type TwilioRecipients struct {
	// Numbers are the E.164 numbers and alphanumeric sender IDs of TWILIO_FROM.
	Numbers []string
	// MessagingServiceSID is TWILIO_MESSAGING_SERVICE_SID: a message to any number of the service
	// carries it as MessagingServiceSid.
	MessagingServiceSID string
}

// configured reports whether any sender is known, so the check applies.
func (r TwilioRecipients) configured() bool {
	return len(r.Numbers) > 0 || r.MessagingServiceSID != ""
}

// ours reports whether number (an inbound SMS's To, a status callback's From; in any spelling
// of the number) or serviceSID (the MessagingServiceSid) is one of our senders.
func (r TwilioRecipients) ours(number, serviceSID string) bool {
	if r.MessagingServiceSID != "" && serviceSID == r.MessagingServiceSID {
		return true
	}
	number = strings.TrimSpace(number)
	if e164, err := models.NormalizePhone(number); err == nil {
		number = e164
	}
	for _, n := range r.Numbers {
		if number != "" && strings.EqualFold(n, number) {
			return true
		}
	}
	return false
}

// requireOurRecipient refuses (403) an inbound SMS webhook that was not sent to one of our
// senders. It runs after the signature check, so only a correctly signed request gets this far
// and an unsigned one still learns nothing but 403. The refusal is logged with the recipient
// and the message SID, never the body or the sender.
func (h *handlers) requireOurRecipient(c *fiber.Ctx) error {
	r := h.deps.TwilioRecipients
	if !r.configured() {
		return c.Next()
	}
	params := twilioForm(c)
	if r.ours(params["To"], params["MessagingServiceSid"]) {
		return c.Next()
	}
	h.deps.Logger.Warn("inbound sms refused: it was sent to a number that is not one of this service's senders",
		"request_id", operations.RequestID(c), "to", params["To"], "messaging_service_sid", params["MessagingServiceSid"], "message_sid", params["MessageSid"])
	return models.Errorf(models.EFORBIDDEN, "This message was sent to a number that is not one of this service's senders.")
}

// requireOurSender refuses (403) a delivery status callback about a message that was not sent
// by one of our senders: its From is none of TWILIO_FROM's numbers and its MessagingServiceSid
// is not ours (a callback of a service-sent message may carry only that). Like
// requireOurRecipient it runs after the signature check and changes nothing; the refusal is
// logged with the sender and the message SID, never the recipient.
func (h *handlers) requireOurSender(c *fiber.Ctx) error {
	r := h.deps.TwilioRecipients
	if !r.configured() {
		return c.Next()
	}
	params := twilioForm(c)
	if r.ours(params["From"], params["MessagingServiceSid"]) {
		return c.Next()
	}
	h.deps.Logger.Warn("delivery status refused: it is about a message not sent by one of this service's senders",
		"request_id", operations.RequestID(c), "from", params["From"], "messaging_service_sid", params["MessagingServiceSid"], "message_sid", params["MessageSid"])
	return models.Errorf(models.EFORBIDDEN, "This status is about a message that was not sent by one of this service's senders.")
}
