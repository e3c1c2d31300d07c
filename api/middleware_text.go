package api

import (
	"bytes"
	"unicode/utf8"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// rejectBadText refuses a request whose query parameters or form fields hold a NUL or bytes
// that are not UTF-8: PostgreSQL cannot store or even compare such text (a 500 on every
// search, login or form), and no person types it. JSON bodies are checked in decodeJSON and
// spreadsheets in models.ParseOfferCSV. Twilio's webhooks do not pass here: an inbound SMS is
// stored whatever it holds.
func rejectBadText(c *fiber.Ctx) error {
	if err := checkArgs(c.Context().QueryArgs().VisitAll, "query parameter"); err != nil {
		return err
	}
	switch {
	case hasContentType(c, fiber.MIMEApplicationForm):
		if err := checkArgs(c.Context().PostArgs().VisitAll, "form field"); err != nil {
			return err
		}
	case hasContentType(c, fiber.MIMEMultipartForm):
		// A body that is not a readable multipart form is the handler's to refuse.
		if form, err := c.MultipartForm(); err == nil {
			for name, values := range form.Value {
				for _, v := range values {
					if err := checkText("form field", []byte(name), []byte(v)); err != nil {
						return err
					}
				}
			}
		}
	}
	return c.Next()
}

// checkArgs checks every parameter a fasthttp VisitAll walks over.
func checkArgs(visitAll func(func(name, value []byte)), kind string) error {
	var err error
	visitAll(func(name, value []byte) {
		if err == nil {
			err = checkText(kind, name, value)
		}
	})
	return err
}

// checkText refuses a parameter whose name or value is not clean text. The message names the
// parameter only when its name is clean, and never repeats the value.
func checkText(kind string, name, value []byte) error {
	if problem := textProblem(name); problem != "" {
		return models.Errorf(models.EINVALID, "The name of a %s holds %s, which is not allowed.", kind, problem)
	}
	if problem := textProblem(value); problem != "" {
		return models.Invalid(string(name), "The %s %s holds %s, which is not allowed.", kind, name, problem)
	}
	return nil
}

// textProblem says what is wrong with b as text, or "" when nothing is.
func textProblem(b []byte) string {
	switch {
	case bytes.IndexByte(b, 0) >= 0:
		return "a NUL character (\\u0000)"
	case !utf8.Valid(b):
		return "bytes that are not UTF-8"
	}
	return ""
}

// jsonTextProblem is textProblem for a JSON document: besides raw bytes it finds a NUL written
// as the escape \u0000 inside a string, which the decoder would otherwise pass on.
func jsonTextProblem(b []byte) string {
	if problem := textProblem(b); problem != "" {
		return problem
	}
	inString := false
	for i := 0; i < len(b); i++ {
		switch {
		case !inString:
			inString = b[i] == '"'
		case b[i] == '"':
			inString = false
		case b[i] == '\\':
			if i+6 <= len(b) && b[i+1] == 'u' && string(b[i+2:i+6]) == "0000" {
				return "a NUL character (\\u0000)"
			}
			i++ // the escaped character, so \\u0000 (a backslash, then "u0000") is not a NUL
		}
	}
	return ""
}
