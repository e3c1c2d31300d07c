package models

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"time"
)

// TimelineEvent is one thing that happened in a citizen's course, for the link worker's timeline.
type TimelineEvent struct {
	At      time.Time
	Kind    string // message_in, message_out, checkin, attendance, referral, flag, flag_ack, milestone, note, pause, resume
	Summary string
	RefID   string
	// Extra carries kind-specific detail: the message status, the score, the flag's severity.
	Extra map[string]any
}

// Timeline returns the citizen's events in time order, at most the last limit of each kind.
func (s *Store) Timeline(ctx context.Context, citizenID string, limit int) ([]TimelineEvent, error) {
	if limit <= 0 || limit > 2000 {
		limit = 500
	}
	var events []TimelineEvent
	for _, part := range []func(context.Context, string, int) ([]TimelineEvent, error){
		s.messageEvents, s.unsentEvents, s.checkinEvents, s.attendanceEvents, s.referralEvents, s.flagEvents, s.milestoneEvents,
		s.noteEvents, s.pauseEvents, s.medcomEvents,
	} {
		evs, err := part(ctx, citizenID, limit)
		if err != nil {
			return nil, fmt.Errorf("timeline: %w", err)
		}
		// Each part comes newest first (to keep its last limit). Turned oldest first, events with
		// the same timestamp (one bot turn's replies) keep the order they were made in.
		slices.Reverse(evs)
		events = append(events, evs...)
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].At.Before(events[j].At) })
	return events, nil
}

func (s *Store) messageEvents(ctx context.Context, citizenID string, limit int) ([]TimelineEvent, error) {
	var msgs []Message
	if err := s.q(ctx).Where("citizen_id = ?", citizenID).Order("created_at DESC").Limit(limit).Find(&msgs).Error; err != nil {
		return nil, err
	}
	out := make([]TimelineEvent, 0, len(msgs))
	for _, m := range msgs {
		kind := "message_out"
		if m.Direction == Inbound {
			kind = "message_in"
		}
		out = append(out, TimelineEvent{At: m.CreatedAt, Kind: kind, Summary: m.Body, RefID: m.ID,
			Extra: map[string]any{"status": m.Status, "needs_reply": m.NeedsReply, "segments": m.Segments, "error_code": m.ErrorCode,
				"channel": ChannelSMS}})
	}
	return out, nil
}

// unsentEvents are SMS not (yet) handed to the carrier: queued, held for the morning, suppressed
// after an opt-out, or failed; and every push or e-mail (which have no carrier message), with
// whether the push was opened. The link worker sees what is waiting and what never went, and the
// channel of every attempt.
func (s *Store) unsentEvents(ctx context.Context, citizenID string, limit int) ([]TimelineEvent, error) {
	var rows []OutboxItem
	err := s.q(ctx).Where("citizen_id = ? AND message_id IS NULL", citizenID).Order("id DESC").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make([]TimelineEvent, 0, len(rows))
	for _, o := range rows {
		status := map[OutboxStatus]string{OutboxPending: "queued", OutboxSending: "sending"}[o.Status]
		if status == "" {
			status = string(o.Status)
		}
		out = append(out, TimelineEvent{At: o.CreatedAt, Kind: "message_out", Summary: o.Body, RefID: o.ID,
			Extra: map[string]any{"status": status, "not_before": o.NotBefore, "error_code": o.ErrorCode, "reason": o.LastError,
				"channel": o.Channel, "opened": o.OpenedAt != nil}})
	}
	return out, nil
}

func (s *Store) checkinEvents(ctx context.Context, citizenID string, limit int) ([]TimelineEvent, error) {
	var cs []Checkin
	err := s.q(ctx).Where("citizen_id = ? AND completed_at IS NOT NULL", citizenID).Order("completed_at DESC").Limit(limit).Find(&cs).Error
	if err != nil {
		return nil, err
	}
	out := make([]TimelineEvent, 0, len(cs))
	for _, c := range cs {
		summary := fmt.Sprintf("%s v%s %s", c.Instrument, c.Version, c.Status)
		extra := map[string]any{"instrument": c.Instrument, "status": c.Status, "band": c.Band}
		if c.Score != nil {
			summary = fmt.Sprintf("%s v%s score %g (%s)", c.Instrument, c.Version, *c.Score, c.Band)
			extra["score"] = *c.Score
		}
		out = append(out, TimelineEvent{At: *c.CompletedAt, Kind: "checkin", Summary: summary, RefID: c.ID, Extra: extra})
	}
	return out, nil
}

func (s *Store) attendanceEvents(ctx context.Context, citizenID string, limit int) ([]TimelineEvent, error) {
	var as []Attendance
	if err := s.q(ctx).Where("citizen_id = ?", citizenID).Order("occurrence_on DESC").Limit(limit).Find(&as).Error; err != nil {
		return nil, err
	}
	out := make([]TimelineEvent, 0, len(as))
	for _, a := range as {
		at := a.CreatedAt
		if a.AnsweredAt != nil {
			at = *a.AnsweredAt
		}
		out = append(out, TimelineEvent{At: at, Kind: "attendance", RefID: a.PrescriptionID,
			Summary: fmt.Sprintf("Activity on %s: %s", a.OccurrenceOn.Format("2006-01-02"), a.Answer), Extra: map[string]any{"answer": a.Answer}})
	}
	return out, nil
}

func (s *Store) referralEvents(ctx context.Context, citizenID string, limit int) ([]TimelineEvent, error) {
	var evs []ReferralEvent
	err := s.q(ctx).Where("referral_id IN (SELECT id FROM referrals WHERE citizen_id = ?)", citizenID).Order("at DESC").Limit(limit).Find(&evs).Error
	if err != nil {
		return nil, err
	}
	out := make([]TimelineEvent, 0, len(evs))
	for _, e := range evs {
		out = append(out, TimelineEvent{At: e.At, Kind: "referral", Summary: fmt.Sprintf("Referral %s. %s", e.Status, e.Note), RefID: e.ReferralID,
			Extra: map[string]any{"status": e.Status, "note": e.Note}})
	}
	return out, nil
}

func (s *Store) flagEvents(ctx context.Context, citizenID string, limit int) ([]TimelineEvent, error) {
	var fs []Flag
	if err := s.q(ctx).Where("citizen_id = ?", citizenID).Order("created_at DESC").Limit(limit).Find(&fs).Error; err != nil {
		return nil, err
	}
	out := make([]TimelineEvent, 0, 2*len(fs))
	for _, f := range fs {
		// The reason's code and facts let a reader see it in their own language (RenderFlagReason);
		// Summary is the English sentence stored when it was raised.
		out = append(out, TimelineEvent{At: f.CreatedAt, Kind: "flag", Summary: f.Reason, RefID: f.ID,
			Extra: map[string]any{"flag_kind": f.Kind, "severity": int(f.Severity), "reason_code": f.Code, "reason_facts": f.FactsMap()}})
		if f.AckedAt != nil {
			out = append(out, TimelineEvent{At: *f.AckedAt, Kind: "flag_ack", Summary: f.AckNote, RefID: f.ID,
				Extra: map[string]any{"flag_kind": f.Kind}})
		}
	}
	return out, nil
}

// milestoneEvents are the moments on the citizen row itself (confirmed, declined, opted out …).
func (s *Store) milestoneEvents(ctx context.Context, citizenID string, _ int) ([]TimelineEvent, error) {
	c, err := s.CitizenByID(ctx, citizenID)
	if err != nil {
		return nil, err
	}
	var out []TimelineEvent
	// A pause by a link worker's hand is a pause event of its own, with who and why.
	safetyPause := c.PausedAt
	if c.PausedByID != nil {
		safetyPause = nil
	}
	// key names the milestone for screens that put it in the reader's language.
	for _, m := range []struct {
		at        *time.Time
		key, what string
	}{{c.ContactedAt, "contacted", "Contact SMS sent"}, {c.ContactConfirmedAt, "contact_confirmed", "Contact confirmed"},
		{c.DeclinedAt, "declined", "Declined contact"}, {c.OptedOutAt, "opted_out", "Opted out of SMS (" + c.OptOutSource + ")"},
		{safetyPause, "paused", "Check-ins paused after a safety flag"}, {c.UnreachableAt, "unreachable", "Marked unreachable"},
		{c.PhoneInvalidAt, "phone_invalid", "Phone number invalid"}, {c.CompletedAt, "completed", "Course completed"},
		{c.DeletionRequestedAt, "deletion_requested", "Asked for data deletion"}} {
		if m.at != nil {
			out = append(out, TimelineEvent{At: *m.at, Kind: "milestone", Summary: m.what, RefID: c.ID, Extra: map[string]any{"milestone": m.key}})
		}
	}
	// Newest first, like the other parts.
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out, nil
}

// noteEvents are the link worker's case notes; a correction names the note it corrects.
func (s *Store) noteEvents(ctx context.Context, citizenID string, limit int) ([]TimelineEvent, error) {
	notes, err := s.CaseNotes(ctx, citizenID, limit)
	if err != nil {
		return nil, err
	}
	out := make([]TimelineEvent, 0, len(notes))
	for _, n := range notes {
		extra := map[string]any{"author_id": n.AuthorID, "author_name": n.AuthorName}
		if n.OccurredOn != nil {
			extra["occurred_on"] = n.OccurredOn.Format("2006-01-02")
		}
		if n.CorrectsID != nil {
			extra["corrects_id"] = *n.CorrectsID
		}
		out = append(out, TimelineEvent{At: n.CreatedAt, Kind: "note", Summary: n.Body, RefID: n.ID, Extra: extra})
	}
	return out, nil
}

// pauseEvents are the pauses and resumes a link worker made, with their reasons.
func (s *Store) pauseEvents(ctx context.Context, citizenID string, limit int) ([]TimelineEvent, error) {
	evs, err := s.pausesOf(ctx, citizenID, limit)
	if err != nil {
		return nil, err
	}
	out := make([]TimelineEvent, 0, len(evs))
	for _, e := range evs {
		kind := "resume"
		if e.Paused {
			kind = "pause"
		}
		extra := map[string]any{}
		if e.ActorID != nil {
			extra["actor_id"] = *e.ActorID
		}
		out = append(out, TimelineEvent{At: e.At, Kind: kind, Summary: e.Reason, RefID: e.ID, Extra: extra})
	}
	return out, nil
}
