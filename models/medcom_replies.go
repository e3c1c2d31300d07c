package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"brobygger/models/medcom"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// replyCandidate is a MedCom referral with what has happened to it since.
type replyCandidate struct {
	MedComReferralID   string
	HeaderID           string
	ClinicID           string
	CitizenID          *string
	PatientName        string
	MRStatus           MedComReferralStatus
	RStatus            *string
	RStatusNote        *string
	RCloseReason       *string
	Accepted           bool
	ContactConfirmedAt *time.Time
	ClosedAt           *time.Time
}

// DraftMedComReplies drafts the replies to the GP that events call for: the referral accepted or
// declined, the citizen's contact confirmed, the course closed. Each kind is drafted once per
// referral (a unique index), so the sweep may run as often as wanted. It returns how many drafts
// it made. Dates are written in loc.
func (s *Store) DraftMedComReplies(ctx context.Context, loc *time.Location) (int, error) {
	var cands []replyCandidate
	err := s.q(ctx).Table("medcom_referrals AS mr").
		Select(`mr.id AS med_com_referral_id, m.header_id, mr.clinic_id, mr.citizen_id, mr.patient_name, mr.status AS mr_status,
			r.status AS r_status, r.status_note AS r_status_note, r.close_reason AS r_close_reason,
			EXISTS (SELECT 1 FROM referral_events e WHERE e.referral_id = r.id AND e.status = ?) AS accepted,
			c.contact_confirmed_at, c.closed_at`, ReferralAccepted).
		Joins("JOIN medcom_messages m ON m.id = mr.message_id").
		Joins("LEFT JOIN referrals r ON r.id = mr.referral_id").
		Joins("LEFT JOIN citizens c ON c.id = mr.citizen_id").
		Where("mr.status IN ?", []MedComReferralStatus{MedComRegistered, MedComDeclinedRef}).
		Where("NOT EXISTS (SELECT 1 FROM medcom_messages d WHERE d.in_reply_to = m.header_id AND d.reply_kind IN ?)", []ReplyKind{ReplyClosed, ReplyDeclined}).
		Scan(&cands).Error
	if err != nil {
		return 0, fmt.Errorf("draft medcom replies: %w", err)
	}
	texts := medcom.LoadReplyTexts()
	made := 0
	for _, c := range cands {
		for _, d := range s.wantedDrafts(ctx, texts, c, loc) {
			n, err := s.insertDraft(ctx, c, d.kind, texts["topic"], d.body)
			if err != nil {
				return made, err
			}
			made += n
		}
	}
	return made, nil
}

type wantedDraft struct {
	kind ReplyKind
	body string
}

func (s *Store) wantedDrafts(ctx context.Context, t medcom.ReplyTexts, c replyCandidate, loc *time.Location) []wantedDraft {
	if loc == nil {
		loc = time.UTC
	}
	name := firstName(c.PatientName)
	var out []wantedDraft
	status := ""
	if c.RStatus != nil {
		status = *c.RStatus
	}
	if c.MRStatus == MedComDeclinedRef || status == string(ReferralDeclined) {
		reason := t["no_reason"]
		if c.RStatusNote != nil && strings.TrimSpace(*c.RStatusNote) != "" {
			reason = strings.TrimSpace(*c.RStatusNote)
		}
		return []wantedDraft{{ReplyDeclined, t.Fill("declined", map[string]string{"name": name, "reason": reason})}}
	}
	if c.Accepted {
		out = append(out, wantedDraft{ReplyAccepted, t.Fill("accepted", map[string]string{"name": name})})
	}
	if c.ContactConfirmedAt != nil {
		out = append(out, wantedDraft{ReplyContact, t.Fill("contact", map[string]string{"name": name, "date": c.ContactConfirmedAt.In(loc).Format("2.1.2006")})})
	}
	if status == string(ReferralClosed) && c.ClosedAt != nil && c.CitizenID != nil {
		reason := ""
		if c.RCloseReason != nil {
			reason = *c.RCloseReason
		}
		body := t.Fill("closed", map[string]string{"name": name, "date": c.ClosedAt.In(loc).Format("2.1.2006"), "outcome": t["outcome_"+reason]})
		if acts := s.activityTitles(ctx, *c.CitizenID); len(acts) > 0 {
			body += t.Fill("closed_activities", map[string]string{"activities": strings.Join(acts, ", ")})
		} else {
			body += t["closed_no_activities"]
		}
		out = append(out, wantedDraft{ReplyClosed, body})
	}
	return out
}

// firstName keeps a reply to the GP personal but short; the CPR number in the message identifies
// the patient.
func firstName(full string) string {
	if f := strings.Fields(full); len(f) > 0 {
		return f[0]
	}
	return "borgeren"
}

// activityTitles are the offers the citizen was prescribed, in the order they were.
func (s *Store) activityTitles(ctx context.Context, citizenID string) []string {
	var titles []string
	_ = s.q(ctx).Table("prescriptions AS p").Joins("JOIN offers o ON o.id = p.offer_id").Where("p.citizen_id = ?", citizenID).
		Order("p.created_at").Pluck("o.title", &titles).Error
	seen := map[string]bool{}
	var out []string
	for _, t := range titles {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

func (s *Store) insertDraft(ctx context.Context, c replyCandidate, kind ReplyKind, topic, body string) (int, error) {
	now := s.Now()
	ref := c.MedComReferralID
	clinic := c.ClinicID
	m := MedComMessage{ID: NewID(), Direction: MedComOut, Kind: medcom.EventCareCommunication, Status: MedComDraft, ReplyKind: kind,
		InReplyTo: c.HeaderID, Topic: clip(topic, 200), Body: body, ClinicID: &clinic, CitizenID: c.CitizenID, MedComReferralID: &ref,
		CreatedAt: now, UpdatedAt: now}
	res := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&m)
	if res.Error != nil {
		return 0, fmt.Errorf("draft medcom reply: %w", res.Error)
	}
	return int(res.RowsAffected), nil
}

// MedComMessageForStaff returns a MedCom message the staff member may see: an admin any, a link
// worker those about their own citizens and those about no citizen yet (received referrals).
func (s *Store) MedComMessageForStaff(ctx context.Context, id, staffID string, admin bool) (*MedComMessage, error) {
	if !ValidID(id) {
		return nil, NotFound("MedCom message")
	}
	q := s.q(ctx).Table("medcom_messages AS m").Select("m.*").Joins("LEFT JOIN citizens c ON c.id = m.citizen_id").Where("m.id = ?", id)
	if !admin {
		q = q.Where("(m.citizen_id IS NULL OR c.link_worker_id = ?)", staffID)
	}
	var m MedComMessage
	err := q.Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("MedCom message")
	}
	if err != nil {
		return nil, fmt.Errorf("medcom message: %w", err)
	}
	return &m, nil
}

// EditMedComDraft changes a draft's text before it goes.
func (s *Store) EditMedComDraft(ctx context.Context, m *MedComMessage, body, actorID string) error {
	body = strings.TrimSpace(body)
	if body == "" || len(body) > 4000 {
		return Invalid("body", "The reply must be between 1 and 4000 characters.")
	}
	if m.Status != MedComDraft {
		return Errorf(ECONFLICT, "Only a draft can be edited; this reply is %s.", m.Status)
	}
	now := s.Now()
	res := s.q(ctx).Model(&MedComMessage{}).Where("id = ? AND status = ?", m.ID, MedComDraft).
		Updates(map[string]any{"body": body, "author_id": actorID, "updated_at": now})
	if res.Error != nil {
		return fmt.Errorf("edit medcom draft: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return Errorf(ECONFLICT, "The reply was sent meanwhile.")
	}
	m.Body, m.AuthorID, m.UpdatedAt = body, &actorID, now
	return nil
}

// FreeMedComReply drafts a reply the link worker writes to a received message (a referral or a
// follow-up).
func (s *Store) FreeMedComReply(ctx context.Context, received *MedComMessage, body, actorID string) (*MedComMessage, error) {
	body = strings.TrimSpace(body)
	if body == "" || len(body) > 4000 {
		return nil, Invalid("body", "The reply must be between 1 and 4000 characters.")
	}
	if received.Direction != MedComIn || received.Kind != medcom.EventCareCommunication || received.Status != MedComAccepted {
		return nil, Errorf(ECONFLICT, "Only a received care communication can be answered.")
	}
	now := s.Now()
	m := MedComMessage{ID: NewID(), Direction: MedComOut, Kind: medcom.EventCareCommunication, Status: MedComDraft, ReplyKind: ReplyFree,
		InReplyTo: received.HeaderID, Topic: clip("Sv: "+received.Topic, 200), Body: body, ClinicID: received.ClinicID, CitizenID: received.CitizenID,
		MedComReferralID: received.MedComReferralID, AuthorID: &actorID, CreatedAt: now, UpdatedAt: now}
	if err := s.q(ctx).Create(&m).Error; err != nil {
		return nil, fmt.Errorf("free medcom reply: %w", err)
	}
	return &m, nil
}

// QueueMedComReply seals a draft into its CareCommunication message and queues it for the
// gateway: addressed to the clinic's SOR, a reply (Provenance) to the GP's message.
func (s *Store) QueueMedComReply(ctx context.Context, cfg MedComConfig, m *MedComMessage, actorID string) error {
	if !cfg.Enabled() {
		return Errorf(EINVALID, "MedCom is not configured on this site.")
	}
	if m.Status != MedComDraft {
		return Errorf(ECONFLICT, "This reply is %s, not a draft.", m.Status)
	}
	if m.ClinicID == nil {
		return Errorf(ECONFLICT, "The reply has no clinic to go to.")
	}
	var clinic Clinic
	if err := s.q(ctx).Where("id = ?", *m.ClinicID).Take(&clinic).Error; err != nil {
		return fmt.Errorf("queue medcom reply: clinic: %w", err)
	}
	patient, err := s.medcomPatient(ctx, cfg, m)
	if err != nil {
		return err
	}
	var author string
	if st, err := s.StaffByID(ctx, actorID); err == nil {
		author = st.Name
	}
	now := s.Now()
	raw, headerID := medcom.BuildReply(medcom.Reply{PreviousHeaderID: m.InReplyTo, From: ourParty(cfg, medcom.Org{}),
		To: medcom.NewParty(medcom.Org{Name: clinic.Name, SOR: clinic.SOR, GLN: clinic.GLN}, ""), Patient: patient, Topic: m.Topic,
		Text: m.Body, Author: author, Now: now})
	res := s.q(ctx).Model(&MedComMessage{}).Where("id = ? AND status = ?", m.ID, MedComDraft).Updates(map[string]any{
		"status": MedComQueued, "header_id": headerID, "raw_sealed": cfg.Vault.Seal(string(raw)), "author_id": actorID,
		"next_attempt_at": now, "updated_at": now})
	if res.Error != nil {
		return fmt.Errorf("queue medcom reply: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return Errorf(ECONFLICT, "The reply was sent meanwhile.")
	}
	m.Status, m.HeaderID, m.AuthorID = MedComQueued, headerID, &actorID
	return nil
}

// medcomPatient is the patient a reply is about: the received referral's, or the citizen's.
func (s *Store) medcomPatient(ctx context.Context, cfg MedComConfig, m *MedComMessage) (medcom.PatientInfo, error) {
	var sealed, name string
	if m.MedComReferralID != nil {
		var r MedComReferral
		if err := s.q(ctx).Where("id = ?", *m.MedComReferralID).Take(&r).Error; err != nil {
			return medcom.PatientInfo{}, fmt.Errorf("medcom patient: %w", err)
		}
		sealed, name = r.CPRSealed, r.PatientName
	} else if m.CitizenID != nil {
		var k citizenCPR
		if err := s.q(ctx).Where("citizen_id = ?", *m.CitizenID).Take(&k).Error; err != nil {
			return medcom.PatientInfo{}, Errorf(ECONFLICT, "The citizen's CPR number is not known, so the GP cannot be answered by MedCom.")
		}
		c, err := s.CitizenByID(ctx, *m.CitizenID)
		if err != nil {
			return medcom.PatientInfo{}, err
		}
		sealed, name = k.CPRSealed, c.Name
	}
	cpr, err := cfg.Vault.Open(sealed)
	if err != nil {
		return medcom.PatientInfo{}, fmt.Errorf("medcom patient: %w", err)
	}
	return medcom.PatientInfo{CPR: cpr, Name: name}, nil
}
