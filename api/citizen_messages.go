package api

import (
	"regexp"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// idempotencyKey is what an app may send as Idempotency-Key: a UUID or similar opaque token.
var idempotencyKey = regexp.MustCompile(`^[A-Za-z0-9_-]{8,60}$`)

type citizenMessageRequest struct {
	Body string `json:"body"`
}

type citizenMessageResponse struct {
	Message string `json:"message"`
}

// handleWriteToLinkWorker takes a message the citizen writes to their link worker in the app.
// With an Idempotency-Key, sending the same message again (a retry) stores it only once.
func (h *handlers) handleWriteToLinkWorker(c *fiber.Ctx) error {
	key := c.Get("Idempotency-Key")
	if key == "" {
		key = models.NewID()
	} else if !idempotencyKey.MatchString(key) {
		return models.Invalid("Idempotency-Key", "The Idempotency-Key is 8 to 60 letters, digits, - or _.")
	}
	key = string([]byte(key)) // Fiber reuses the header's memory after the handler returns.
	var req citizenMessageRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if _, err := h.deps.Bot.WriteInApp(c.UserContext(), operations.Caller(c).ID, key, req.Body); err != nil {
		return err
	}
	return c.Status(fiber.StatusAccepted).JSON(citizenMessageResponse{Message: h.citizenText(c, "message_received")})
}
