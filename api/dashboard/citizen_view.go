package dashboard

import (
	"brobygger/api/operations"
	"strings"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type citizenPage struct {
	dashPage
	ID, Name, StatusLabel, RAG string
	Paused, OptedOut           bool
	PhoneInvalid               bool
	Facts                      []labelValue
	EmailAction, Email         string
	Metrics                    []labelValue
	Flags                      []flagItemView
	Chart                      scoreChart
	Timeline                   []timelineView
	TimelineHidden             int
	TimelineAllHref            string
	MessageAction              string
	CanMessage                 bool

	Pause         pauseView
	Notes         []noteView
	NoteAction    string
	Prescriptions []activityView
	Builder       builderView
	Checkin       checkinNowView
	Composer      composerView
	Research      researchView
	Form          formState
}

// labelValue is one fact or number in a list; Note is a small line under the value, and Missing
// says there is nothing to measure yet (shown quietly rather than as a big number).
type labelValue struct {
	Label, Value, Note string
	Missing            bool
}

type timelineView struct {
	When, Kind, KindLabel, Summary, Side, Status string
}

// citizenView maps the citizen's record and related rows to the page's view.
func (h *Handlers) citizenView(c *fiber.Ctx, ct *models.Citizen, m models.EngagementMetrics, flags []models.ReviewItem,
	events []models.TimelineEvent, scored []models.Checkin) citizenPage {
	loc := h.dash.locale(dashLang(c))
	row := models.CaseloadRow{Status: ct.Status, PausedAt: ct.PausedAt, OpenFlags: m.OpenFlags}
	for _, f := range flags {
		if f.Severity >= models.SeverityUrgent {
			row.UrgentFlags++
		}
	}
	v := citizenPage{dashPage: h.page(c, "caseload", "citizen.title"), ID: ct.ID, Name: ct.Name,
		StatusLabel: loc.T("status." + string(ct.Status)), RAG: operations.RagOf(row), Paused: ct.PausedAt != nil, OptedOut: ct.OptedOut(),
		PhoneInvalid: ct.PhoneInvalidAt != nil, Chart: buildScoreChart(scored, loc),
		MessageAction: "/dashboard/citizens/" + ct.ID + "/messages", CanMessage: !ct.OptedOut() && ct.PhoneInvalidAt == nil}
	v.Title = ct.Name
	shown := dashTimelineRecent
	if c.Query("timeline") == "all" {
		shown = dashTimelineShown
	}
	v.Timeline = timelineViews(events, shown, loc)
	if hidden := min(len(events), dashTimelineShown) - len(v.Timeline); hidden > 0 {
		v.TimelineHidden, v.TimelineAllHref = hidden, "/dashboard/citizens/"+ct.ID+"?timeline=all#timeline"
	}
	v.Flags = h.flagItems(c, flags, "citizen", v.CSRF)
	v.EmailAction, v.Email = "/dashboard/citizens/"+ct.ID+"/email", orEmpty(ct.Email)
	v.Facts = []labelValue{{Label: loc.T("citizen.phone"), Value: orNotGiven(loc, ct.Phone)},
		{Label: loc.T("citizen.email"), Value: orNotGiven(loc, orEmpty(ct.Email))}, {Label: loc.T("citizen.language"), Value: loc.T("lang." + string(ct.Language))},
		{Label: loc.T("citizen.referred"), Value: loc.When(ct.CreatedAt)}, {Label: loc.T("citizen.confirmed"), Value: loc.whenOrNever(ct.ContactConfirmedAt)},
		{Label: loc.T("citizen.last_reply"), Value: loc.whenOrNever(ct.LastInboundAt)}, {Label: loc.T("citizen.last_sent"), Value: loc.whenOrNever(ct.LastOutboundAt)}}
	v.Metrics = []labelValue{{Label: loc.T("metric.reply_rate"), Value: loc.percent(m.ReplyRate), Missing: m.ReplyRate == nil},
		{Label: loc.T("metric.attendance"), Value: loc.percent(m.AttendanceRate), Missing: m.AttendanceRate == nil},
		scoreMetric(loc, "metric.who5", m.LatestWHO5, m.PreviousWHO5), scoreMetric(loc, "metric.ucla3", m.LatestUCLA3, m.PreviousUCLA3)}
	switch {
	case c.Query("sent") == "1":
		v.Notice = loc.T("message.sent")
	case c.Query("acked") == "1":
		v.Notice = loc.T("flag.acked")
	}
	return v
}

// scoreMetric shows the latest score, when it was given and the change since the one before.
func scoreMetric(loc locale, key string, latest, previous *models.ScorePoint) labelValue {
	lv := labelValue{Label: loc.T(key), Value: loc.T("common.none_yet"), Missing: true}
	if latest == nil {
		return lv
	}
	lv.Value, lv.Note, lv.Missing = loc.Number(latest.Score), loc.When(latest.At), false
	if previous != nil {
		d := latest.Score - previous.Score
		sign := "+"
		if d < 0 {
			sign = "−"
			d = -d
		}
		lv.Note += " · " + sign + loc.Number(d) + " " + loc.T("metric.since_last")
	}
	return lv
}

// timelineViews maps the last max events to lines in the reader's language. Message bodies and
// notes are shown as written; check-ins, attendance, referral steps and milestones are put in
// the reader's words.
func timelineViews(events []models.TimelineEvent, max int, loc locale) []timelineView {
	if len(events) > max {
		events = events[len(events)-max:]
	}
	out := make([]timelineView, 0, len(events))
	for _, e := range events {
		v := timelineView{When: loc.When(e.At), Kind: e.Kind, KindLabel: loc.T("event." + e.Kind), Summary: e.Summary, Side: "event"}
		switch e.Kind {
		case "message_in":
			v.Side = "in"
		case "message_out":
			v.Side, v.Status = "out", loc.tOr("msgstatus."+extraString(e, "status"), extraString(e, "status"))+channelNote(e, loc)
		case "checkin":
			v.Summary = checkinSummary(e, loc)
		case "attendance":
			v.Summary = loc.tOr("attended."+extraString(e, "answer"), extraString(e, "answer"))
		case "referral":
			v.Summary = referralSummary(e, loc)
		case "milestone":
			v.Summary = loc.tOr("milestone."+extraString(e, "milestone"), e.Summary)
		case "flag":
			facts, _ := e.Extra["reason_facts"].(models.FlagFacts)
			if text, ok := models.RenderFlagReason(extraString(e, "reason_code"), facts, loc.Lang()); ok {
				v.Summary = text
			}
		case "note":
			if on := extraString(e, "occurred_on"); on != "" {
				v.Status = loc.T("notes.occurred") + " " + on
			}
			if by := extraString(e, "author_name"); by != "" {
				v.When += " · " + by
			}
		}
		out = append(out, v)
	}
	return out
}

// referralSummary is the step in the reader's words and, for a person's decision, their note
// (the note of a new referral is the system's own sentence).
func referralSummary(e models.TimelineEvent, loc locale) string {
	st := extraString(e, "status")
	label, note := loc.tOr("referral."+st, st), strings.TrimSpace(extraString(e, "note"))
	if st == string(models.ReferralReceived) || note == "" {
		return label
	}
	return label + ": " + note
}

func checkinSummary(e models.TimelineEvent, loc locale) string {
	inst := extraString(e, "instrument")
	name := loc.tOr("instrument."+inst, inst)
	score, ok := e.Extra["score"].(float64)
	if !ok {
		return name + ": " + loc.tOr("checkin."+extraString(e, "status"), extraString(e, "status"))
	}
	return name + ": " + loc.Number(score)
}

// extraString reads a string-like detail from an event (statuses are typed strings in models).
func extraString(e models.TimelineEvent, key string) string {
	switch v := e.Extra[key].(type) {
	case string:
		return v
	case models.CheckinStatus:
		return string(v)
	case models.ReferralStatus:
		return string(v)
	}
	return ""
}

// orNotGiven shows an empty contact detail (a citizen reached by e-mail has no phone) as such.
func orNotGiven(loc locale, v string) string {
	if v == "" {
		return loc.T("citizen.not_given")
	}
	return v
}

func orEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
