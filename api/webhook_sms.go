package api

import (
	"regexp"
	"strconv"
	"unicode/utf8"

	"brobygger/bot"
	"brobygger/models"
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
		h.deps.Logger.Error("inbound sms stored, bot step failed; the sweep will retry", "request_id", requestID(c), "error", err.Error())
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
	if form["From"] == "" {
		return models.InboundSMS{}, models.Invalid("From", "From is missing.")
	}
	from, err := models.NormalizePhone(form["From"])
	if err != nil {
		return models.InboundSMS{}, models.Invalid("From", "From is not a phone number we can read.")
	}
	body := form["Body"]
	if !utf8.ValidString(body) {
		return models.InboundSMS{}, models.Invalid("Body", "Body is not valid UTF-8.")
	}
	if utf8.RuneCountInString(body) > maxInboundBody {
		return models.InboundSMS{}, models.Invalid("Body", "Body is longer than %d characters.", maxInboundBody)
	}
	segments, _ := strconv.Atoi(form["NumSegments"])
	if segments < 1 {
		segments = models.CountSegments(body).Count
	}
	return models.InboundSMS{SID: sid, From: from, Body: body, Segments: segments}, nil
}
