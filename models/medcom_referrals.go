package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"brobygger/models/medcom"

	"gorm.io/gorm"
)

// MedComReferralRow is a received referral with its clinic, for lists and the detail page. The CPR
// number is never in it: only its masked form.
type MedComReferralRow struct {
	MedComReferral
	ClinicName string
	ClinicSOR  string `gorm:"column:clinic_sor"`
	HeaderID   string
}

// MaskedCPR is the CPR number shown by default: the date of birth, the rest hidden. The number is
// opened in memory only to mask it.
func (r *MedComReferralRow) MaskedCPR(v *medcom.CPRVault) string {
	if v == nil {
		return "xxxxxx-xxxx"
	}
	cpr, err := v.Open(r.CPRSealed)
	if err != nil {
		return "xxxxxx-xxxx"
	}
	return medcom.MaskCPR(cpr)
}

// MedComReferralQuery selects a page of received referrals, newest first.
type MedComReferralQuery struct {
	Status MedComReferralStatus // "" means those still waiting for a link worker (waiting, missing_phone)
	Cursor string
	Limit  int
}

// MedComReferrals lists received referrals. Any staff member may see them: until one is registered
// it belongs to no link worker's caseload.
func (s *Store) MedComReferrals(ctx context.Context, q MedComReferralQuery) ([]MedComReferralRow, string, error) {
	if q.Limit <= 0 || q.Limit > 200 {
		q.Limit = 50
	}
	db := s.medcomReferralRows(ctx)
	switch q.Status {
	case "":
		db = db.Where("mr.status IN ?", []MedComReferralStatus{MedComWaiting, MedComMissingPhone})
	case MedComWaiting, MedComMissingPhone, MedComRegistered, MedComDeclinedRef:
		db = db.Where("mr.status = ?", q.Status)
	default:
		return nil, "", Invalid("status", "The status must be waiting, missing_phone, registered or declined.")
	}
	return keysetPage(db, medcomReferralCursors, "mr.created_at", "mr.id", true, q.Cursor, q.Limit, "medcom referrals",
		func(r MedComReferralRow) (time.Time, string) { return r.CreatedAt, r.ID })
}

func (s *Store) medcomReferralRows(ctx context.Context) *gorm.DB {
	return s.q(ctx).Table("medcom_referrals AS mr").Select("mr.*, k.name AS clinic_name, k.sor AS clinic_sor, m.header_id").
		Joins("JOIN clinics k ON k.id = mr.clinic_id").Joins("JOIN medcom_messages m ON m.id = mr.message_id")
}

// MedComReferralByID returns one received referral.
func (s *Store) MedComReferralByID(ctx context.Context, id string) (*MedComReferralRow, error) {
	if !ValidID(id) {
		return nil, NotFound("MedCom referral")
	}
	var r MedComReferralRow
	err := s.medcomReferralRows(ctx).Where("mr.id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("MedCom referral")
	}
	if err != nil {
		return nil, fmt.Errorf("medcom referral: %w", err)
	}
	return &r, nil
}

// RevealCPR opens a received referral's CPR number. The caller audits it: it is a deliberate act.
func (s *Store) RevealCPR(ctx context.Context, v *medcom.CPRVault, r *MedComReferralRow) (string, error) {
	if v == nil {
		return "", Errorf(EINVALID, "MedCom is not configured on this site.")
	}
	cpr, err := v.Open(r.CPRSealed)
	if err != nil {
		return "", fmt.Errorf("reveal cpr: %w", err)
	}
	return medcom.FormatCPR(cpr), nil
}

// SetMedComReferralPhone gives a referral that came without a mobile number one; it may then be
// registered (and the citizen texted).
func (s *Store) SetMedComReferralPhone(ctx context.Context, r *MedComReferralRow, phone string) error {
	if r.Status != MedComWaiting && r.Status != MedComMissingPhone {
		return Errorf(ECONFLICT, "The referral is %s; its phone number can no longer be changed here.", r.Status)
	}
	p, err := NormalizePhone(phone)
	if err != nil {
		return err
	}
	now := s.Now()
	if err := s.q(ctx).Model(&MedComReferral{}).Where("id = ?", r.ID).Updates(map[string]any{"phone": p, "status": MedComWaiting, "updated_at": now}).Error; err != nil {
		return fmt.Errorf("set medcom referral phone: %w", err)
	}
	r.Phone, r.Status = p, MedComWaiting
	return nil
}

// RegisterMedCom is the link worker taking a received referral into a caseload.
type RegisterMedCom struct {
	LinkWorkerID string
	Phone        string // optional: overrides or supplies the mobile number
	Language     Lang
	ActorID      string
}

// RegisterMedComReferral makes the citizen and referral from a received one (the GP's MedCom
// referral carries the consent the GP recorded), keeps the CPR number with the citizen, and links
// the messages. A referral with an e-mail address but no mobile number registers a citizen reached
// by e-mail. Run it inside InTx with queueing the contact message.
func (s *Store) RegisterMedComReferral(ctx context.Context, cfg MedComConfig, r *MedComReferralRow, in RegisterMedCom) (*Citizen, *Referral, error) {
	if r.Status != MedComWaiting && r.Status != MedComMissingPhone {
		return nil, nil, Errorf(ECONFLICT, "The referral is already %s.", r.Status)
	}
	phone := r.Phone
	if strings.TrimSpace(in.Phone) != "" {
		phone = in.Phone
	}
	if phone == "" && strings.TrimSpace(r.Email) == "" {
		return nil, nil, Invalid("phone", "The referral has no mobile number or e-mail address: add a mobile number before it is registered.")
	}
	email, err := s.medComEmail(ctx, r.Email, phone)
	if err != nil {
		return nil, nil, err
	}
	reason := strings.TrimSpace(r.Topic + "\n\n" + r.Text)
	c, ref, err := s.CreateReferral(ctx, NewReferral{Name: r.PatientName, Phone: phone, Language: in.Language, LinkWorkerID: in.LinkWorkerID,
		ReferrerName: r.Practitioner, ReferrerClinic: r.ClinicName, Reason: clip(reason, 4000), ConsentContact: true, ConsentData: true,
		CreatedByID: &in.ActorID, ReferralProfile: ReferralProfile{Email: email}})
	if err != nil {
		return nil, nil, err
	}
	now := s.Now()
	if err := s.q(ctx).Create(&citizenCPR{CitizenID: c.ID, CPRHash: r.CPRHash, CPRSealed: r.CPRSealed}).Error; err != nil {
		return nil, nil, fmt.Errorf("keep citizen cpr: %w", err)
	}
	res := s.q(ctx).Model(&MedComReferral{}).Where("id = ? AND status IN ?", r.ID, []MedComReferralStatus{MedComWaiting, MedComMissingPhone}).
		Updates(map[string]any{"status": MedComRegistered, "citizen_id": c.ID, "referral_id": ref.ID, "phone": c.Phone, "updated_at": now})
	if res.Error != nil {
		return nil, nil, fmt.Errorf("register medcom referral: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, nil, Errorf(ECONFLICT, "The referral was registered meanwhile.")
	}
	if err := s.q(ctx).Model(&MedComMessage{}).Where("medcom_referral_id = ?", r.ID).Updates(map[string]any{"citizen_id": c.ID, "updated_at": now}).Error; err != nil {
		return nil, nil, fmt.Errorf("link medcom messages: %w", err)
	}
	r.Status = MedComRegistered
	return c, ref, nil
}

// medComEmail is the e-mail address a registered MedCom patient gets: the GP's, unless it cannot
// be used (not a valid address, or an open citizen has it, as a household's shared address may)
// and the patient has a mobile number to be reached by instead; without one, the problem stands.
func (s *Store) medComEmail(ctx context.Context, raw, phone string) (*string, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, nil
	}
	email, err := ParseEmail(raw)
	if err == nil {
		err = s.emailFree(ctx, email, "")
	}
	switch {
	case err == nil:
		return &email, nil
	case phone != "":
		return nil, nil
	}
	return nil, err
}

// DeclineMedComReferral declines a received referral before it is registered; the GP's reply is
// drafted with the reason.
func (s *Store) DeclineMedComReferral(ctx context.Context, r *MedComReferralRow, reason string, loc *time.Location) error {
	reason = strings.TrimSpace(reason)
	if reason == "" || len(reason) > 1000 {
		return Invalid("reason", "Say why the referral is declined (at most 1000 characters).")
	}
	if r.Status != MedComWaiting && r.Status != MedComMissingPhone {
		return Errorf(ECONFLICT, "The referral is already %s.", r.Status)
	}
	return s.InTx(ctx, func(tx *Store) error {
		now := tx.Now()
		res := tx.q(ctx).Model(&MedComReferral{}).Where("id = ? AND status IN ?", r.ID, []MedComReferralStatus{MedComWaiting, MedComMissingPhone}).
			Updates(map[string]any{"status": MedComDeclinedRef, "updated_at": now})
		if res.Error != nil {
			return fmt.Errorf("decline medcom referral: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return Errorf(ECONFLICT, "The referral was handled meanwhile.")
		}
		texts := medcom.LoadReplyTexts()
		_, err := tx.insertDraft(ctx, replyCandidate{MedComReferralID: r.ID, HeaderID: r.HeaderID, ClinicID: r.ClinicID}, ReplyDeclined, texts["topic"],
			texts.Fill("declined", map[string]string{"name": firstName(r.PatientName), "reason": reason}))
		r.Status = MedComDeclinedRef
		return err
	})
}
