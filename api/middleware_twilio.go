package api

import (
	"net/url"
	"strings"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
	"github.com/twilio/twilio-go/client"
)

const localTwilioForm = "twilio_form"

// twilioSignatureMiddleware admits only requests Twilio signed. The URL checked is
// PUBLIC_BASE_URL + the request's path and query (never Host or X-Forwarded-* headers, which
// anyone can set), with every received form parameter. A missing or wrong signature is 403 and
// nothing is stored. The parsed form is kept for the handler.
func (h *handlers) twilioSignatureMiddleware(c *fiber.Ctx) error {
	if h.deps.TwilioAuthToken == "" {
		return models.Errorf(models.EFORBIDDEN, "Webhooks are refused: TWILIO_AUTH_TOKEN is not set, so signatures cannot be checked.")
	}
	if !hasContentType(c, fiber.MIMEApplicationForm) {
		return models.Errorf(eUNSUPPORTED, "Twilio webhooks must be application/x-www-form-urlencoded.")
	}
	form, err := url.ParseQuery(string(c.Body()))
	if err != nil {
		return models.Errorf(models.EINVALID, "The form body could not be read.")
	}
	params := make(map[string]string, len(form))
	for k, vs := range form {
		if len(vs) != 1 {
			return models.Invalid(k, "The form field %s appears more than once.", k)
		}
		params[k] = vs[0]
	}
	signature := c.Get("X-Twilio-Signature")
	validator := client.NewRequestValidator(h.deps.TwilioAuthToken)
	if signature == "" || !validator.Validate(h.publicURL(c), params, signature) {
		return models.Errorf(models.EFORBIDDEN, "The Twilio signature is missing or wrong.")
	}
	c.Locals(localTwilioForm, params)
	return c.Next()
}

// hasContentType compares the media type, ignoring parameters such as charset.
func hasContentType(c *fiber.Ctx, mime string) bool {
	ct, _, _ := strings.Cut(c.Get(fiber.HeaderContentType), ";")
	return strings.EqualFold(strings.TrimSpace(ct), mime)
}

// publicURL is the address Twilio called: the configured base plus the request's path and query.
func (h *handlers) publicURL(c *fiber.Ctx) string {
	return h.deps.PublicBaseURL.String() + c.OriginalURL()
}

// twilioForm returns the verified form parameters.
func twilioForm(c *fiber.Ctx) map[string]string {
	f, _ := c.Locals(localTwilioForm).(map[string]string)
	return f
}
