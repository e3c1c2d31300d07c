package api

import (
	"strconv"

	"brobygger/models"
	"github.com/gofiber/fiber/v2"
)

// handleDeliveryStatus applies a delivery status callback. Duplicates and late, older statuses
// are accepted and ignored (a status only moves forward).
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
	if !models.KnownDeliveryStatus(status) {
		return models.Invalid("MessageStatus", "MessageStatus %q is not a Twilio message status.", status)
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
