package api

import (
	"strconv"
	"unicode/utf8"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// handleDeliveryStatus applies a delivery status callback. Duplicates and late, older statuses
// are accepted and ignored (a status only moves forward); a status Twilio does not document
// (yet) is logged and acknowledged, never refused.
func (h *handlers) handleDeliveryStatus(c *fiber.Ctx) error {
	form := twilioForm(c)
	sid := form["MessageSid"]
	if sid == "" {
		sid = form["SmsSid"]
	}
	if !twilioSID.MatchString(sid) {
		return models.Invalid("MessageSid", "MessageSid is missing or not a Twilio message SID.")
	}
	status := form["MessageStatus"]
	if status == "" {
		status = form["SmsStatus"]
	}
	if status == "" {
		return models.Invalid("MessageStatus", "MessageStatus is missing.")
	}
	if !models.KnownDeliveryStatus(status) {
		// A status Twilio added after this code was written: refusing it would only make Twilio
		// retry. It is acknowledged and logged (quoted and cut short: the value is Twilio's,
		// but a log line is no place for an unbounded string).
		h.deps.Logger.Warn("delivery status callback with an unknown MessageStatus; acknowledged, not stored",
			"request_id", operations.RequestID(c), "message_sid", sid, "status", logExcerpt(status, 32))
		return c.SendStatus(fiber.StatusNoContent)
	}
	code := 0
	if raw := form["ErrorCode"]; raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 {
			return models.Invalid("ErrorCode", "ErrorCode must be a number.")
		}
		code = n
	}
	if _, err := h.deps.Store.RecordDeliveryStatus(c.UserContext(), models.DeliveryStatus{SID: sid, Status: status, ErrorCode: code}); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// logExcerpt is s quoted for a log line, cut to at most n characters.
func logExcerpt(s string, n int) string {
	if utf8.RuneCountInString(s) > n {
		s = string([]rune(s)[:n]) + "…"
	}
	return strconv.Quote(s)
}
