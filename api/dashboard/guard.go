package dashboard

import (
	"errors"
	"net/http"
	"strconv"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// SecurityHeaders go on every dashboard response. The CSP allows nothing from elsewhere and
// no inline script or style (the pages need neither); pages hold health data, so nothing is cached.
func SecurityHeaders(c *fiber.Ctx) error {
	c.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderReferrerPolicy, "same-origin")
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Next()
}

// errorPage is the view of the dashboard's error page.
type errorPage struct {
	dashPage
	Status int
	Text   string
	Detail string
}

// errorTexts are the statuses with their own words; any other 4xx reads as 400, 5xx as 500.
var errorTexts = map[int]bool{400: true, 401: true, 403: true, 404: true, 409: true, 429: true, 500: true}

// ErrorPages turns any error under /dashboard into an HTML page in the reader's language,
// with the status the JSON API would use (only api/errors.go knows statuses: Config.Classify).
func (h *Handlers) ErrorPages(c *fiber.Ctx) error {
	err := c.Next()
	if err == nil {
		return nil
	}
	status, detail := h.classify(err)
	if status >= 500 {
		h.Logger.Error("dashboard request failed", "request_id", operations.RequestID(c), "method", c.Method(),
			"route", operations.RouteOf(c), "error", err.Error())
	}
	if p, ok := h.dashAccess(c); ok && operations.Caller(c).ID == "" {
		// An unknown address runs no session middleware; a signed-in person still gets the menu.
		c.Locals(operations.LocalPrincipal, p)
	}
	var rl *operations.RetryAfterError
	if errors.As(err, &rl) {
		c.Set(fiber.HeaderRetryAfter, operations.RetryAfterSeconds(rl.After))
	}
	key := status
	if !errorTexts[key] {
		key = http.StatusInternalServerError
		if status < 500 {
			key = http.StatusBadRequest
		}
	}
	view := errorPage{dashPage: h.page(c, "", "error."+strconv.Itoa(key)+".title"), Status: status,
		Text: h.dash.locale(dashLang(c)).T("error." + strconv.Itoa(key) + ".text")}
	// Invalid input and conflicts carry a sentence saying what to change; show it.
	if code := models.ErrorCode(err); code == models.EINVALID || code == models.ECONFLICT {
		view.Detail = detail.Message
	}
	return h.dash.render(c, status, dashLang(c), "error", view)
}
