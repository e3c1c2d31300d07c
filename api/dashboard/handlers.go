package dashboard

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"
)

// Config is what the dashboard needs from the server besides the shared operations.
type Config struct {
	// JWTSecret keys the CSRF tokens and the one-time password flash.
	JWTSecret []byte
	// BodyLimit is the largest upload read (the offer spreadsheet).
	BodyLimit int64
	// Classify is the JSON API's answer to err (api/errors.go, the one place that knows HTTP
	// statuses): the status, the sentence and the field it is about.
	Classify func(err error) (status int, message, field string)
}

// Handlers are the dashboard's pages and forms; api/routes.go mounts them under /dashboard with
// their middleware. They use the same store, token service and operations as the JSON API.
type Handlers struct {
	*operations.Service
	cfg  Config
	dash *renderer
	csrf csrfSigner
}

// NewHandlers builds the dashboard over the shared operations, its pages in loc.
func NewHandlers(ops *operations.Service, loc *time.Location, cfg Config) *Handlers {
	return &Handlers{Service: ops, cfg: cfg, dash: newRenderer(loc), csrf: newCSRFSigner(cfg.JWTSecret)}
}

// errorShown is what a page says about a refused request.
type errorShown struct {
	Message, Field string
}

// classify is the status and sentence the JSON API would answer for err.
func (h *Handlers) classify(err error) (int, errorShown) {
	status, message, field := h.cfg.Classify(err)
	return status, errorShown{Message: message, Field: field}
}

// statusOf is the HTTP status the JSON API gives an error with code.
func (h *Handlers) statusOf(code models.Code) int {
	status, _ := h.classify(&models.Error{Code: code})
	return status
}
