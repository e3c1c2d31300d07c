package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"brobygger/models/medcom"
	"gorm.io/gorm"
)

// MedComConfig is the site's MedCom identity: the SOR codes it receives on (MEDCOM_RECEIVER_SOR,
// the first is the one it sends from) and the vault that seals CPR numbers and raw messages.
type MedComConfig struct {
	ReceiverSORs []string
	// Name is the site's organization name in outgoing messages.
	Name  string
	Vault *medcom.CPRVault
}

// Enabled reports whether MedCom is configured.
func (c MedComConfig) Enabled() bool { return len(c.ReceiverSORs) > 0 && c.Vault != nil }

// MedComReceipt is the answer to one delivered message: the acknowledgement to give back (empty
// for an acknowledgement received) and what happened.
type MedComReceipt struct {
	MessageID string
	HeaderID  string
	Kind      string // care-communication-message, acknowledgement-message
	AckJSON   []byte
	AckCode   medcom.AckCode
	Reason    string
	Duplicate bool
	// Outcome: "referral" (a new received referral), "follow_up" (for an open citizen), "reply"
	// (the GP answered one of ours), "ack" (an acknowledgement of ours), "rejected", "ignored" (an
	// acknowledgement addressed to another receiver's SOR: nothing stored, Reason says why).
	Outcome          string
	CitizenID        string
	MedComReferralID string
}

// ReceiveMedCom takes in one MedCom message as delivered by the gateway (or a file): a care
// communication is checked and stored, and answered with an acknowledgement (positive when stored,
// negative with the reason when refused); an acknowledgement settles the message it answers. The
// same message delivered twice gets the same acknowledgement and creates nothing new.
func (s *Store) ReceiveMedCom(ctx context.Context, cfg MedComConfig, raw []byte) (*MedComReceipt, error) {
	if !cfg.Enabled() {
		return nil, Errorf(EINVALID, "MedCom is not configured on this site.")
	}
	if event, p := medcom.Event(raw); p == nil && event == medcom.EventAcknowledgement {
		return s.receiveMedComAck(ctx, cfg, raw)
	}
	cc, p := medcom.ReadCareCommunication(raw, cfg.ReceiverSORs)
	if cc.HeaderID != "" {
		if prev, err := s.receivedMedCom(ctx, cc.HeaderID); err != nil || prev != nil {
			return prev, err
		}
	}
	if p != nil {
		return s.rejectMedCom(ctx, cfg, raw, cc, p)
	}
	var receipt *MedComReceipt
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		receipt, err = tx.acceptCareCommunication(ctx, cfg, raw, cc)
		return err
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		// Delivered twice at once: the other delivery stored it; answer as it did.
		return s.receivedMedCom(ctx, cc.HeaderID)
	}
	if err != nil {
		return nil, fmt.Errorf("receive medcom: %w", err)
	}
	return receipt, nil
}

// receivedMedCom answers a second delivery from the first one's row (nil when there is none).
func (s *Store) receivedMedCom(ctx context.Context, headerID string) (*MedComReceipt, error) {
	var m MedComMessage
	err := s.q(ctx).Where("direction = ? AND header_id = ?", MedComIn, headerID).Take(&m).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("received medcom: %w", err)
	}
	r := &MedComReceipt{MessageID: m.ID, HeaderID: m.HeaderID, Kind: m.Kind, AckJSON: []byte(m.AckJSON), AckCode: medcom.AckCode(m.AckCode),
		Reason: m.AckReason, Duplicate: true, Outcome: "duplicate"}
	if m.CitizenID != nil {
		r.CitizenID = *m.CitizenID
	}
	if m.MedComReferralID != nil {
		r.MedComReferralID = *m.MedComReferralID
	}
	return r, nil
}

// ourParty is the site as a message end: the SOR the GP addressed (or our first), and the GLN and
// name the GP's system used for us.
func ourParty(cfg MedComConfig, addressed medcom.Org) medcom.Party {
	o := addressed
	if !slices.Contains(cfg.ReceiverSORs, o.SOR) {
		o = medcom.Org{SOR: cfg.ReceiverSORs[0]}
	}
	if o.Name == "" {
		o.Name = cfg.Name
	}
	return medcom.NewParty(o, "")
}

func (s *Store) rejectMedCom(ctx context.Context, cfg MedComConfig, raw []byte, cc *medcom.CareCommunication, p *medcom.Problem) (*MedComReceipt, error) {
	env := cc.Envelope
	to := medcom.NewParty(medcom.Org{Name: env.SenderName, SOR: env.SenderSOR, GLN: env.SenderGLN}, env.SenderURL)
	ack, ackID := medcom.BuildAcknowledgement(medcom.Ack{OriginalHeaderID: env.HeaderID, Code: medcom.AckFatalError, Problem: p,
		From: ourParty(cfg, medcom.Org{SOR: env.ReceiverSOR, GLN: env.ReceiverGLN, Name: env.ReceiverName}), To: to, Now: s.Now()})
	now := s.Now()
	m := MedComMessage{ID: NewID(), Direction: MedComIn, Kind: kindOf(env.Event), HeaderID: env.HeaderID, Status: MedComRejected,
		RawSealed: cfg.Vault.Seal(string(raw)), AckCode: string(medcom.AckFatalError), AckReason: p.Text, AckHeaderID: ackID, AckJSON: string(ack),
		CreatedAt: now, UpdatedAt: now}
	if err := s.q(ctx).Create(&m).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return s.receivedMedCom(ctx, env.HeaderID)
		}
		return nil, fmt.Errorf("reject medcom: %w", err)
	}
	return &MedComReceipt{MessageID: m.ID, HeaderID: env.HeaderID, Kind: m.Kind, AckJSON: ack, AckCode: medcom.AckFatalError, Reason: p.Text, Outcome: "rejected"}, nil
}

func kindOf(event string) string {
	if event == "" {
		return "unknown"
	}
	if len(event) > 32 {
		return event[:32]
	}
	return event
}

// acceptCareCommunication stores a checked care communication: the clinic is registered or
// updated, and the message becomes a follow-up for the open citizen holding the CPR number, an
// answer to one of our replies, or a new received referral.
func (s *Store) acceptCareCommunication(ctx context.Context, cfg MedComConfig, raw []byte, cc *medcom.CareCommunication) (*MedComReceipt, error) {
	now := s.Now()
	clinic, err := s.upsertClinic(ctx, cc.Sender, cc.Practitioner)
	if err != nil {
		return nil, err
	}
	ack, ackID := medcom.BuildAcknowledgement(medcom.Ack{OriginalHeaderID: cc.HeaderID, Code: medcom.AckOK,
		From: ourParty(cfg, cc.Receiver), To: medcom.NewParty(cc.Sender, cc.SenderURL), Now: now})
	m := MedComMessage{ID: NewID(), Direction: MedComIn, Kind: medcom.EventCareCommunication, HeaderID: cc.HeaderID, Status: MedComAccepted,
		RawSealed: cfg.Vault.Seal(string(raw)), AckCode: string(medcom.AckOK), AckHeaderID: ackID, AckJSON: string(ack),
		InReplyTo: cc.Previous, Topic: clip(cc.Topic, 200), Body: payloadText(cc.Payloads), ClinicID: &clinic.ID, CreatedAt: now, UpdatedAt: now}
	receipt := &MedComReceipt{MessageID: m.ID, HeaderID: cc.HeaderID, Kind: m.Kind, AckJSON: ack, AckCode: medcom.AckOK}
	hash := cfg.Vault.Hash(cc.Patient.CPR)
	citizenID, err := s.openCitizenByCPR(ctx, hash)
	if err != nil {
		return nil, err
	}
	if citizenID == "" && cc.Previous != "" {
		// The GP answers a reply of ours about a citizen whose course has closed since.
		citizenID, err = s.citizenOfOurMessage(ctx, cc.Previous)
		if err != nil {
			return nil, err
		}
	}
	if citizenID != "" {
		m.CitizenID = &citizenID
		receipt.Outcome, receipt.CitizenID = "follow_up", citizenID
		if cc.Previous != "" {
			receipt.Outcome = "reply"
		}
		if err := s.q(ctx).Create(&m).Error; err != nil {
			return nil, fmt.Errorf("store medcom message: %w", err)
		}
		return receipt, nil
	}
	if err := s.q(ctx).Create(&m).Error; err != nil {
		return nil, fmt.Errorf("store medcom message: %w", err)
	}
	ref := newMedComReferral(cfg, cc, hash, m.ID, clinic.ID, now)
	if err := s.q(ctx).Create(ref).Error; err != nil {
		return nil, fmt.Errorf("store medcom referral: %w", err)
	}
	if err := s.q(ctx).Model(&MedComMessage{}).Where("id = ?", m.ID).Update("medcom_referral_id", ref.ID).Error; err != nil {
		return nil, fmt.Errorf("link medcom referral: %w", err)
	}
	receipt.Outcome, receipt.MedComReferralID = "referral", ref.ID
	return receipt, nil
}

func newMedComReferral(cfg MedComConfig, cc *medcom.CareCommunication, hash, messageID, clinicID string, now time.Time) *MedComReferral {
	status, phone := MedComMissingPhone, ""
	if cc.Patient.Mobile != "" {
		if p, err := NormalizePhone(cc.Patient.Mobile); err == nil {
			status, phone = MedComWaiting, p
		}
	}
	var others []string
	for _, p := range cc.Patient.Phones {
		if p != cc.Patient.Mobile {
			others = append(others, p)
		}
	}
	var attachments []string
	for _, p := range cc.Payloads {
		if p.Attachment != "" {
			attachments = append(attachments, p.Attachment)
		}
	}
	return &MedComReferral{ID: NewID(), MessageID: messageID, Status: status, PatientName: clip(cc.Patient.Name, 200),
		CPRSealed: cfg.Vault.Seal(cc.Patient.CPR), CPRHash: hash, Address: cc.Patient.Address, Phone: phone,
		OtherPhones: strings.Join(others, ", "), Email: clip(cc.Patient.Email, 254), ClinicID: clinicID, Practitioner: clip(cc.Practitioner, 200),
		Topic: clip(cc.Topic, 200), Text: payloadText(cc.Payloads), Attachments: strings.Join(attachments, "\n"), CreatedAt: now, UpdatedAt: now}
}

func payloadText(ps []medcom.PayloadInfo) string {
	var parts []string
	for _, p := range ps {
		if p.Text != "" {
			parts = append(parts, p.Text)
		}
	}
	return strings.Join(parts, "\n\n")
}

func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) > n {
		return string(r[:n])
	}
	return string(r)
}

// openCitizenByCPR finds the open citizen holding the CPR number ("" when none).
func (s *Store) openCitizenByCPR(ctx context.Context, hash string) (string, error) {
	var ids []string
	err := s.q(ctx).Table("citizen_cprs AS k").Joins("JOIN citizens c ON c.id = k.citizen_id").
		Where("k.cpr_hash = ? AND c.closed_at IS NULL", hash).Order("c.created_at DESC").Limit(1).Pluck("c.id", &ids).Error
	if err != nil {
		return "", fmt.Errorf("citizen by cpr: %w", err)
	}
	if len(ids) == 0 {
		return "", nil
	}
	return ids[0], nil
}

func (s *Store) citizenOfOurMessage(ctx context.Context, headerID string) (string, error) {
	var ids []*string
	err := s.q(ctx).Model(&MedComMessage{}).Where("direction = ? AND header_id = ?", MedComOut, headerID).Pluck("citizen_id", &ids).Error
	if err != nil {
		return "", fmt.Errorf("citizen of medcom message: %w", err)
	}
	if len(ids) == 0 || ids[0] == nil {
		return "", nil
	}
	return *ids[0], nil
}

// upsertClinic registers the sending clinic by its SOR code, or fills what the register lacks
// (an admin's corrections are kept), and adds the GP to its practitioners.
func (s *Store) upsertClinic(ctx context.Context, o medcom.Org, practitioner string) (*Clinic, error) {
	now := s.Now()
	var c Clinic
	err := s.q(ctx).Where("sor = ?", o.SOR).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		c = Clinic{ID: NewID(), Name: clip(o.Name, 200), SOR: clip(o.SOR, 20), GLN: clip(o.GLN, 13), Practitioners: "[]", CreatedAt: now, UpdatedAt: now}
		if c.Name == "" {
			c.Name = "SOR " + c.SOR
		}
		if practitioner != "" {
			c.Practitioners = mustJSON([]string{clip(practitioner, 200)})
		}
		if err := s.q(ctx).Create(&c).Error; err != nil {
			return nil, fmt.Errorf("register clinic: %w", err)
		}
		return &c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("clinic by sor: %w", err)
	}
	changed := false
	if c.GLN == "" && o.GLN != "" {
		c.GLN, changed = clip(o.GLN, 13), true
	}
	var names []string
	_ = json.Unmarshal([]byte(c.Practitioners), &names)
	if practitioner != "" && !slices.Contains(names, practitioner) {
		names = append(names, clip(practitioner, 200))
		c.Practitioners, changed = mustJSON(names), true
	}
	if changed {
		c.UpdatedAt = now
		if err := s.q(ctx).Model(&Clinic{}).Where("id = ?", c.ID).Updates(map[string]any{"gln": c.GLN, "practitioners": c.Practitioners, "updated_at": now}).Error; err != nil {
			return nil, fmt.Errorf("update clinic: %w", err)
		}
	}
	return &c, nil
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
