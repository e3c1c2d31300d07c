package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// decodeJSON reads a JSON body strictly: the content type must be JSON, unknown fields, a key
// given twice, a name that matches only with case folded, and trailing data are rejected, type errors name the field, and a NUL or bytes that are not
// UTF-8 anywhere in the body are refused.
func decodeJSON(c *fiber.Ctx, v any) error {
	if !hasContentType(c, fiber.MIMEApplicationJSON) {
		return models.Errorf(eUNSUPPORTED, "The body must be application/json.")
	}
	// The decoder would pass a NUL on and quietly turn bad bytes into U+FFFD; both are refused
	// here, once for every JSON body, before any handler or query sees them.
	if problem := jsonTextProblem(c.Body()); problem != "" {
		return models.Errorf(models.EINVALID, "The body holds %s, which is not allowed in any field.", problem)
	}
	if err := checkJSONKeys(c.Body(), v); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return models.Errorf(models.EINVALID, "The body must hold exactly one JSON object.")
	}
	return nil
}

func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return models.Invalid(typeErr.Field, "The field %s must be a %s.", typeErr.Field, typeErr.Type.String())
	case errors.As(err, &syntaxErr), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return models.Errorf(models.EINVALID, "The body is not valid JSON.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return models.Invalid(field, "The field %s is not allowed here.", field)
	}
	return models.Errorf(models.EINVALID, "The body could not be read as the expected JSON object.")
}
