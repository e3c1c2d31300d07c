package api

import (
	"regexp"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// HeaderRequestID carries the request ID on every response.
const HeaderRequestID = "X-Request-ID"

// clientRequestID is what we accept from a caller's X-Request-ID: short and log-safe.
var clientRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{8,64}$`)

// requestIDMiddleware gives every request an ID, reusing a well-formed one from the caller so
// traces join up, and returns it on the response.
func requestIDMiddleware(c *fiber.Ctx) error {
	id := c.Get(HeaderRequestID)
	if !clientRequestID.MatchString(id) {
		id = models.NewID()
	}
	c.Locals(operations.LocalRequestID, id)
	c.Set(HeaderRequestID, id)
	return c.Next()
}
