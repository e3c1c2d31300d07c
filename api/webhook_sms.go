package api

import (
	"regexp"
	"strconv"
	"unicode/utf8"

	"brobygger/api/operations"
	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/phone"
	"brobygger/models/sms"

	"github.com/gofiber/fiber/v2"
)

// maxInboundBody is Twilio's limit for an SMS body (ten segments).
const maxInboundBody = 1600

// twilioSID is a Twilio resource SID: two letters and 32 hex digits.
var twilioSID = regexp.MustCompile(`^[A-Z]{2}[0-9a-fA-F]{32}$`)

// emptyTwiML acknowledges a webhook without replying inline: replies go through the outbox.
const emptyTwiML = `<?xml version="1.0" encoding="UTF-8"?><Response/>`

// handleInboundSMS stores an inbound SMS (once per MessageSid) and runs the bot step, then
// acknowledges with empty TwiML. If the bot step fails the message is still stored and a
// sweep retries it, so the 200 never loses a message.
func (h *handlers) handleInboundSMS(c *fiber.Ctx) error {
	in, err := parseInboundSMS(twilioForm(c))
	if err != nil {
		return err
	}
	outcome, err := h.deps.Bot.HandleInbound(c.UserContext(), in)
	if outcome == bot.OutcomeStored {
		h.deps.Logger.Error("inbound sms stored, bot step failed; the sweep will retry", "request_id", operations.RequestID(c), "error", err.Error())
	} else if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "application/xml")
	return c.SendString(emptyTwiML)
}

func parseInboundSMS(form map[string]string) (models.InboundSMS, error) {
	sid := form["MessageSid"]
	if sid == "" {
		sid = form["SmsSid"]
	}
	if !twilioSID.MatchString(sid) {
		return models.InboundSMS{}, models.Invalid("MessageSid", "MessageSid is missing or not a Twilio message SID.")
	}
	// Every signed message is stored, whoever sent it: a sender that is not a phone number
	// (a bank's sender ID, a short code) goes to the unknown-sender queue and gets no reply.
	from := phone.SenderAddress(form["From"])
	if from == "" {
		return models.InboundSMS{}, models.Invalid("From", "From is missing.")
	}
	// A NUL or a byte that is not UTF-8 would make PostgreSQL refuse the message on every
	// retry: it is replaced, one for one, and the rest of the text kept.
	body := phone.CleanText(form["Body"])
	if utf8.RuneCountInString(body) > maxInboundBody {
		return models.InboundSMS{}, models.Invalid("Body", "Body is longer than %d characters.", maxInboundBody)
	}
	segments, _ := strconv.Atoi(form["NumSegments"])
	if segments < 1 {
		segments = sms.CountSegments(body).Count
	}
	return models.InboundSMS{SID: sid, From: from, Body: body, Segments: segments}, nil
}
