package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type createNoteRequest struct {
	Body       string  `json:"body"`
	OccurredOn *string `json:"occurred_on"`
	CorrectsID *string `json:"corrects_id"`
}

type noteResponse struct {
	ID         string    `json:"id"`
	CitizenID  string    `json:"citizen_id"`
	AuthorID   string    `json:"author_id"`
	AuthorName string    `json:"author_name"`
	Body       string    `json:"body"`
	OccurredOn *string   `json:"occurred_on"`
	CorrectsID *string   `json:"corrects_id"`
	CreatedAt  time.Time `json:"created_at"`
}

type noteListResponse struct {
	Items []noteResponse `json:"items"`
}

// handleListNotes lists the citizen's case notes, newest first (audited as a read).
func (h *handlers) handleListNotes(c *fiber.Ctx) error {
	ct, err := h.StaffCitizen(c, "list_notes")
	if err != nil {
		return err
	}
	rows, err := h.deps.Store.CaseNotes(c.UserContext(), ct.ID, operations.MaxNotesListed)
	if err != nil {
		return err
	}
	out := noteListResponse{Items: make([]noteResponse, 0, len(rows))}
	for i := range rows {
		out.Items = append(out.Items, noteResponseOf(&rows[i]))
	}
	return c.JSON(out)
}

// handleCreateNote adds a case note. There is no route to change one: a correction is a new
// note with corrects_id.
func (h *handlers) handleCreateNote(c *fiber.Ctx) error {
	var req createNoteRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	occurred, err := operations.ParseDate("occurred_on", req.OccurredOn)
	if err != nil {
		return err
	}
	corrects := ""
	if req.CorrectsID != nil {
		corrects = *req.CorrectsID
	}
	row, err := h.AddNote(c, req.Body, occurred, corrects)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(noteResponseOf(row))
}

func noteResponseOf(r *models.CaseNoteRow) noteResponse {
	return noteResponse{ID: r.ID, CitizenID: r.CitizenID, AuthorID: r.AuthorID, AuthorName: r.AuthorName, Body: r.Body,
		OccurredOn: operations.FormatDate(r.OccurredOn), CorrectsID: r.CorrectsID, CreatedAt: r.CreatedAt}
}
