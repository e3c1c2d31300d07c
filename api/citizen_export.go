package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// exportResponse is everything stored about the citizen, in plain JSON for their right of access.
type exportResponse struct {
	ExportedAt    time.Time           `json:"exported_at"`
	Profile       meResponse          `json:"profile"`
	Phone         string              `json:"phone"`
	Email         *string             `json:"email,omitempty"`
	Consents      map[string]*string  `json:"consents"`
	Referrals     []map[string]any    `json:"referrals"`
	Prescriptions []map[string]any    `json:"prescriptions"`
	Attendance    []map[string]any    `json:"attendance"`
	Messages      []map[string]any    `json:"messages"`
	Checkins      []map[string]any    `json:"checkins"`
	Answers       []map[string]any    `json:"answers"`
	Flags         []map[string]any    `json:"flags"`
	Devices       []map[string]string `json:"devices"`
	// CaseNotes and Pauses: the link worker's notes and pauses about the citizen (Art. 15 covers
	// them); the author's name is left out, as it is a staff member's data, not the citizen's.
	CaseNotes []map[string]any `json:"case_notes"`
	Pauses    []map[string]any `json:"pauses"`
}

// handleExportMyData downloads everything stored about the signed-in citizen.
func (h *handlers) handleExportMyData(c *fiber.Ctx) error {
	me := operations.Caller(c)
	x, err := h.deps.Store.ExportCitizen(c.UserContext(), me.ID)
	if err != nil {
		return err
	}
	h.Audit(c, "export_own_data", "citizen", me.ID)
	ct := x.Citizen
	out := exportResponse{ExportedAt: h.deps.Now().UTC(), Phone: ct.Phone, Email: ct.Email,
		Profile: meResponse{ID: ct.ID, Name: ct.Name, Language: string(ct.Language), Status: string(ct.Status),
			ContactConfirmedAt: ct.ContactConfirmedAt, OptedOut: ct.OptedOut(), Preferences: preferencesOf(ct.Preferences)},
		Consents: map[string]*string{"contact": stamp(ct.ConsentContactAt), "data": stamp(ct.ConsentDataAt), "research": stamp(ct.ConsentResearchAt)}}
	if w, err := h.deps.Store.ResearchWithdrawalOf(c.UserContext(), me.ID); err == nil {
		out.Consents["research_withdrawn"] = stamp(&w.WithdrawnAt)
	} else if !models.IsCode(err, models.ENOTFOUND) {
		return err
	}
	for _, r := range x.Referrals {
		out.Referrals = append(out.Referrals, map[string]any{"id": r.ID, "referrer_name": r.ReferrerName, "referrer_clinic": r.ReferrerClinic,
			"reason": r.Reason, "status": r.Status, "created_at": r.CreatedAt, "birth_year": r.BirthYear, "sex": r.Sex,
			"municipality": r.Municipality, "email": r.Email, "reason_category": r.ReasonCategory})
	}
	for _, p := range x.Prescriptions {
		out.Prescriptions = append(out.Prescriptions, map[string]any{"id": p.ID, "offer_id": p.OfferID, "weekday": p.Weekday,
			"start_time": p.StartTime, "end_time": p.EndTime, "active": p.Active, "created_at": p.CreatedAt})
	}
	for _, a := range x.Attendance {
		out.Attendance = append(out.Attendance, map[string]any{"prescription_id": a.PrescriptionID, "occurrence_on": a.OccurrenceOn.Format("2006-01-02"), "answer": a.Answer})
	}
	for _, m := range x.Messages {
		out.Messages = append(out.Messages, map[string]any{"direction": m.Direction, "body": m.Body, "status": m.Status, "created_at": m.CreatedAt})
	}
	for _, ch := range x.Checkins {
		out.Checkins = append(out.Checkins, map[string]any{"id": ch.ID, "instrument": ch.Instrument, "version": ch.Version,
			"status": ch.Status, "due_at": ch.DueAt, "completed_at": ch.CompletedAt, "score": ch.Score, "band": ch.Band})
	}
	for _, a := range x.Answers {
		out.Answers = append(out.Answers, map[string]any{"checkin_id": a.CheckinID, "item": a.Item, "value": a.Value, "channel": a.Channel, "answered_at": a.AnsweredAt,
			"raw_text": a.RawText})
	}
	lang := h.citizenLanguage(c)
	for _, f := range x.Flags {
		out.Flags = append(out.Flags, map[string]any{"kind": f.Kind, "reason": f.ReasonIn(lang), "created_at": f.CreatedAt, "acknowledged_at": f.AckedAt})
	}
	for _, d := range x.Devices {
		out.Devices = append(out.Devices, map[string]string{"platform": d.Platform})
	}
	for _, n := range x.CaseNotes {
		out.CaseNotes = append(out.CaseNotes, map[string]any{"body": n.Body, "occurred_on": dateOrNil(n.OccurredOn),
			"corrects_id": n.CorrectsID, "id": n.ID, "created_at": n.CreatedAt})
	}
	for _, p := range x.Pauses {
		out.Pauses = append(out.Pauses, map[string]any{"paused": p.Paused, "reason": p.Reason, "at": p.At})
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="brobygger-data.json"`)
	return c.JSON(out)
}

func stamp(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func dateOrNil(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format("2006-01-02")
	return &s
}
