package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type scoreView struct {
	Score float64   `json:"score"`
	At    time.Time `json:"at"`
}

type citizenDetail struct {
	ID                 string     `json:"id"`
	Name               string     `json:"name"`
	Phone              string     `json:"phone"`
	Email              *string    `json:"email"`
	Language           string     `json:"language"`
	Status             string     `json:"status"`
	LinkWorkerID       string     `json:"link_worker_id"`
	Paused             bool       `json:"paused"`
	ContactConfirmedAt *time.Time `json:"contact_confirmed_at"`
	OptedOut           bool       `json:"opted_out"`
	LastInboundAt      *time.Time `json:"last_inbound_at"`
	LastOutboundAt     *time.Time `json:"last_outbound_at"`
	ReplyRate          *float64   `json:"reply_rate"`
	AttendanceRate     *float64   `json:"attendance_rate"`
	LatestWHO5         *scoreView `json:"latest_who5"`
	WHO5Trend          *float64   `json:"who5_trend"`
	LatestUCLA3        *scoreView `json:"latest_ucla3"`
	UCLA3Trend         *float64   `json:"ucla3_trend"`
	OpenFlags          int        `json:"open_flags"`
	CreatedAt          time.Time  `json:"created_at"`
}

// handleCitizenDetail is a citizen's record with engagement numbers and score trends.
func (h *handlers) handleCitizenDetail(c *fiber.Ctx) error {
	ct, err := h.StaffCitizen(c, "read_citizen")
	if err != nil {
		return err
	}
	return h.citizenDetailOf(c, ct)
}

// citizenDetailOf answers with the citizen's record.
func (h *handlers) citizenDetailOf(c *fiber.Ctx, ct *models.Citizen) error {
	m, err := h.deps.Store.Metrics(c.UserContext(), ct.ID)
	if err != nil {
		return err
	}
	out := citizenDetail{ID: ct.ID, Name: ct.Name, Phone: ct.Phone, Email: ct.Email, Language: string(ct.Language), Status: string(ct.Status),
		LinkWorkerID: ct.LinkWorkerID, Paused: ct.PausedAt != nil, ContactConfirmedAt: ct.ContactConfirmedAt, OptedOut: ct.OptedOut(),
		LastInboundAt: ct.LastInboundAt, LastOutboundAt: ct.LastOutboundAt, ReplyRate: m.ReplyRate, AttendanceRate: m.AttendanceRate,
		OpenFlags: m.OpenFlags, CreatedAt: ct.CreatedAt}
	out.LatestWHO5, out.WHO5Trend = scoreAndTrend(m.LatestWHO5, m.PreviousWHO5)
	out.LatestUCLA3, out.UCLA3Trend = scoreAndTrend(m.LatestUCLA3, m.PreviousUCLA3)
	return c.JSON(out)
}

func scoreAndTrend(latest, previous *models.ScorePoint) (*scoreView, *float64) {
	if latest == nil {
		return nil, nil
	}
	v := &scoreView{Score: latest.Score, At: latest.At}
	if previous == nil {
		return v, nil
	}
	d := latest.Score - previous.Score
	return v, &d
}

type timelineItem struct {
	At      time.Time      `json:"at"`
	Kind    string         `json:"kind"`
	Summary string         `json:"summary"`
	RefID   string         `json:"ref_id"`
	Extra   map[string]any `json:"extra"`
}

type timelineResponse struct {
	Items []timelineItem `json:"items"`
}

// handleTimeline lists messages, check-ins, attendance, referral steps, flags and notes in order.
func (h *handlers) handleTimeline(c *fiber.Ctx) error {
	ct, err := h.StaffCitizen(c, "read_timeline")
	if err != nil {
		return err
	}
	events, err := h.deps.Store.Timeline(c.UserContext(), ct.ID, c.QueryInt("limit", 500))
	if err != nil {
		return err
	}
	out := timelineResponse{Items: make([]timelineItem, 0, len(events))}
	for _, e := range events {
		if e.Extra == nil {
			e.Extra = map[string]any{}
		}
		out.Items = append(out.Items, timelineItem{At: e.At, Kind: e.Kind, Summary: e.Summary, RefID: e.RefID, Extra: e.Extra})
	}
	return c.JSON(out)
}

type reassignRequest struct {
	LinkWorkerID string `json:"link_worker_id"`
}

// handleReassign moves a citizen to another link worker (admins only).
func (h *handlers) handleReassign(c *fiber.Ctx) error {
	if !operations.Caller(c).IsAdmin() {
		return models.Errorf(models.EFORBIDDEN, "Only an admin can reassign citizens.")
	}
	var req reassignRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	ct, err := h.StaffCitizen(c, "reassign")
	if err != nil {
		return err
	}
	if err := h.deps.Store.Reassign(c.UserContext(), ct.ID, req.LinkWorkerID); err != nil {
		return err
	}
	return h.handleCitizenDetail(c)
}
