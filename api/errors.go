package api

import (
	"errors"
	"log/slog"
	"net/http"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// errorBody is the one JSON shape of every error: {"error":{"code":"…","message":"…"}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
	// Rows lists every problem of a refused import, row by row (only on 422 from an import).
	Rows []rowErrorDetail `json:"rows,omitempty"`
}

// rowErrorDetail is one problem in one row of an imported file.
type rowErrorDetail struct {
	Row     int    `json:"row"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// statusOf is the only place that knows how domain codes become HTTP statuses.
var statusOf = map[models.Code]int{
	models.EINVALID:      http.StatusBadRequest,
	models.ENOTFOUND:     http.StatusNotFound,
	models.ECONFLICT:     http.StatusConflict,
	models.EUNAUTHORIZED: http.StatusUnauthorized,
	models.EFORBIDDEN:    http.StatusForbidden,
	models.ERATELIMIT:    http.StatusTooManyRequests,
	models.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	eUNAVAILABLE:         http.StatusServiceUnavailable,
	eUNSUPPORTED:         http.StatusUnsupportedMediaType,
}

// Codes that only exist at the HTTP edge.
const (
	eUNAVAILABLE models.Code = "EUNAVAILABLE"
	eUNSUPPORTED models.Code = "EUNSUPPORTED"
)

// fiberCodes turns Fiber's own errors (no route, body too large …) into our codes and sentences.
var fiberCodes = map[int]errorDetail{
	http.StatusNotFound:                    {Code: string(models.ENOTFOUND), Message: "There is nothing at this address."},
	http.StatusMethodNotAllowed:            {Code: "EMETHOD", Message: "This method is not allowed here."},
	http.StatusRequestEntityTooLarge:       {Code: string(models.ETOOLARGE), Message: "The request body is larger than 1 MiB."},
	http.StatusBadRequest:                  {Code: string(models.EINVALID), Message: "The request could not be read."},
	http.StatusRequestTimeout:              {Code: "ETIMEOUT", Message: "The request took too long to arrive."},
	http.StatusRequestHeaderFieldsTooLarge: {Code: string(models.ETOOLARGE), Message: "The request headers are too large."},
}

// newErrorHandler answers every error in the one JSON shape. A 500 says nothing about internals;
// the cause goes to the log with the request ID so it can be found. localise, when set, may
// rewrite the message for the reader (the citizen API answers in the citizen's language).
func newErrorHandler(log *slog.Logger, localise func(*fiber.Ctx, errorDetail) errorDetail) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		status, detail := classify(err)
		if localise != nil {
			detail = localise(c, detail)
		}
		if status >= 500 && status != http.StatusServiceUnavailable {
			log.Error("request failed", "request_id", operations.RequestID(c), "method", c.Method(),
				"route", operations.RouteOf(c), "error", err.Error())
		}
		if status == http.StatusTooManyRequests {
			var rl *operations.RetryAfterError
			if errors.As(err, &rl) {
				c.Set(fiber.HeaderRetryAfter, operations.RetryAfterSeconds(rl.After))
			}
		}
		return c.Status(status).JSON(errorBody{Error: detail})
	}
}

func classify(err error) (int, errorDetail) {
	// A refused import is well-formed input that cannot be processed as a whole: 422 with the
	// per-row report, where a single bad field would be 400.
	var ie *models.ImportError
	if errors.As(err, &ie) {
		return http.StatusUnprocessableEntity, importErrorDetail(ie)
	}
	var de *models.Error
	if errors.As(err, &de) {
		if status, ok := statusOf[de.Code]; ok {
			return status, errorDetail{Code: string(de.Code), Message: de.Message, Field: de.Field}
		}
	}
	var fe *fiber.Error
	if errors.As(err, &fe) {
		if d, ok := fiberCodes[fe.Code]; ok {
			return fe.Code, d
		}
	}
	return http.StatusInternalServerError, errorDetail{Code: string(models.EINTERNAL),
		Message: "Something went wrong on our side. It has been logged; please try again."}
}

func importErrorDetail(ie *models.ImportError) errorDetail {
	d := errorDetail{Code: string(models.EINVALID), Message: ie.Summary(), Rows: make([]rowErrorDetail, 0, len(ie.Rows))}
	for _, r := range ie.Rows {
		d.Rows = append(d.Rows, rowErrorDetail{Row: r.Row, Field: r.Field, Message: r.Message})
	}
	return d
}

// classifyForPages is classify for the dashboard, which shows the same status and sentence as
// an HTML page.
func classifyForPages(err error) (status int, message, field string) {
	status, d := classify(err)
	return status, d.Message, d.Field
}
