package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type flagView struct {
	ID          string  `json:"id"`
	CitizenID   *string `json:"citizen_id"`
	CitizenName string  `json:"citizen_name"`
	Kind        string  `json:"kind"`
	Severity    string  `json:"severity"`
	// Code names the reason; Reason is it written in the reader's language (Accept-Language,
	// Danish by default).
	Code   string `json:"code"`
	Reason string `json:"reason"`
	// Messages is how many of the citizen's messages the case holds (safety cases grow).
	Messages  int        `json:"messages"`
	CreatedAt time.Time  `json:"created_at"`
	Overdue   bool       `json:"overdue"`
	AckedAt   *time.Time `json:"acked_at"`
	AckNote   string     `json:"ack_note"`
}

type flagList struct {
	Items []flagView `json:"items"`
}

// handleReviewQueue lists flags most urgent first; ?include_acked=true adds handled ones.
func (h *handlers) handleReviewQueue(c *fiber.Ctx) error {
	me := operations.Caller(c)
	items, err := h.deps.Store.ReviewQueue(c.UserContext(), models.ReviewQuery{StaffID: me.ID, Admin: me.IsAdmin(),
		IncludeAcked: c.QueryBool("include_acked"), Limit: c.QueryInt("limit", 100)})
	if err != nil {
		return err
	}
	h.AuditShown(c, "view_review_queue", operations.CitizenIDsOf(items, operations.ReviewItemCitizen))
	out := flagList{Items: make([]flagView, 0, len(items))}
	for i := range items {
		out.Items = append(out.Items, h.flagViewOf(&items[i], staffLanguage(c)))
	}
	return c.JSON(out)
}

type ackRequest struct {
	Note string `json:"note"`
	// SeenMessages is the flag's messages count as the reader saw it (optional): a case that has
	// grown since is not acknowledged unseen.
	SeenMessages int `json:"seen_messages"`
}

// handleAckFlag records that a person looked, with a note.
func (h *handlers) handleAckFlag(c *fiber.Ctx) error {
	var req ackRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	me := operations.Caller(c)
	f, err := h.deps.Store.AckFlag(c.UserContext(), c.Params("id"), me.ID, me.IsAdmin(), req.Note, req.SeenMessages)
	if err != nil {
		return err
	}
	if f.CitizenID != nil {
		h.Audit(c, "ack_flag", "citizen", *f.CitizenID)
	}
	return c.JSON(h.flagViewOf(&models.ReviewItem{Flag: *f}, staffLanguage(c)))
}

// staffLanguage is the language a staff member reads flag reasons in: Accept-Language, Danish
// by default.
func staffLanguage(c *fiber.Ctx) models.Lang {
	return acceptLanguage(c.Get(fiber.HeaderAcceptLanguage))
}

func (h *handlers) flagViewOf(it *models.ReviewItem, lang models.Lang) flagView {
	return flagView{ID: it.ID, CitizenID: it.CitizenID, CitizenName: it.CitizenName, Kind: string(it.Kind),
		Severity: operations.SeverityNames[it.Severity], Code: it.Code, Reason: it.ReasonIn(lang), Messages: it.Messages(), CreatedAt: it.CreatedAt,
		Overdue: it.OverdueSince(h.deps.Now(), h.OverdueAfter()), AckedAt: it.AckedAt, AckNote: it.AckNote}
}
