package api

import (
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// deletionRequestItem is one citizen's deletion request. Its id is the citizen's id: a citizen
// asks at most once.
type deletionRequestItem struct {
	ID          string     `json:"id"`
	CitizenID   string     `json:"citizen_id"`
	RequestedAt time.Time  `json:"requested_at"`
	State       string     `json:"state"`
	ErasedAt    *time.Time `json:"erased_at"`
	// UrgentFlagOpen: the erasure is refused (409) until a link worker has looked at the flag.
	UrgentFlagOpen bool `json:"urgent_flag_open"`
}

type deletionRequestsResponse struct {
	Items      []deletionRequestItem `json:"items"`
	NextCursor string                `json:"next_cursor,omitempty"`
}

type erasureResponse struct {
	CitizenID string    `json:"citizen_id"`
	State     string    `json:"state"`
	ErasedAt  time.Time `json:"erased_at"`
}

// deletionRequestState names where a request stands.
func deletionRequestState(erasedAt *time.Time) string {
	if erasedAt != nil {
		return "erased"
	}
	return "pending"
}

// handleListDeletionRequests lists citizens' deletion requests, the one waiting longest first
// (admins only).
func (h *handlers) handleListDeletionRequests(c *fiber.Ctx) error {
	page, err := h.DeletionRequestPage(c)
	if err != nil {
		return err
	}
	out := deletionRequestsResponse{Items: make([]deletionRequestItem, 0, len(page.Items)), NextCursor: page.NextCursor}
	for _, r := range page.Items {
		out.Items = append(out.Items, deletionRequestItem{ID: r.CitizenID, CitizenID: r.CitizenID, RequestedAt: r.RequestedAt.UTC(),
			State: deletionRequestState(r.ErasedAt), ErasedAt: r.ErasedAt, UrgentFlagOpen: r.UrgentFlagOpen})
	}
	return c.JSON(out)
}

// handleEraseCitizen erases a citizen's identifying data on their request: 409 when already
// erased or while an urgent flag is open, 404 when there is no such request.
func (h *handlers) handleEraseCitizen(c *fiber.Ctx) error {
	id := c.Params("id")
	at, err := h.EraseOnRequest(c, id)
	if err != nil {
		return err
	}
	return c.JSON(erasureResponse{CitizenID: id, State: "erased", ErasedAt: at})
}

// retentionBody is the retention setting: months after a case is closed before erasure.
type retentionBody struct {
	Months int `json:"months"`
}

// handleGetRetention shows the retention period.
func (h *handlers) handleGetRetention(c *fiber.Ctx) error {
	n, err := h.deps.Store.RetentionMonths(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(retentionBody{Months: n})
}

// handlePutRetention sets the retention period; the next nightly retention run uses it.
func (h *handlers) handlePutRetention(c *fiber.Ctx) error {
	var req retentionBody
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if err := h.deps.Store.SetRetentionMonths(c.UserContext(), req.Months); err != nil {
		return err
	}
	h.Audit(c, "set_retention", "setting", models.SettingRetentionMonths)
	return c.JSON(req)
}
