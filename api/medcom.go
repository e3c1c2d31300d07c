package api

import (
	"brobygger/api/operations"
	"strings"
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// medcomMessageItem is one MedCom message in or out, as the admin's list and the link worker's
// drafts show it. The raw FHIR JSON (with the CPR number) is never in it.
type medcomMessageItem struct {
	ID               string     `json:"id"`
	Direction        string     `json:"direction"`
	Kind             string     `json:"kind"`
	HeaderID         string     `json:"header_id"`
	Status           string     `json:"status"`
	ReplyKind        string     `json:"reply_kind,omitempty"`
	InReplyTo        string     `json:"in_reply_to,omitempty"`
	Topic            string     `json:"topic"`
	Body             string     `json:"body"`
	ClinicID         *string    `json:"clinic_id"`
	ClinicName       string     `json:"clinic_name"`
	CitizenID        *string    `json:"citizen_id"`
	MedComReferralID *string    `json:"medcom_referral_id"`
	AckCode          string     `json:"ack_code,omitempty"`
	AckReason        string     `json:"ack_reason,omitempty"`
	Attempts         int        `json:"attempts"`
	LastError        string     `json:"last_error,omitempty"`
	SentAt           *time.Time `json:"sent_at"`
	AckedAt          *time.Time `json:"acked_at"`
	AckOverdue       bool       `json:"ack_overdue"`
	CreatedAt        time.Time  `json:"created_at"`
}

func medcomItem(m *models.MedComMessage, clinic string) medcomMessageItem {
	return medcomMessageItem{ID: m.ID, Direction: string(m.Direction), Kind: m.Kind, HeaderID: m.HeaderID, Status: string(m.Status),
		ReplyKind: string(m.ReplyKind), InReplyTo: m.InReplyTo, Topic: m.Topic, Body: m.Body, ClinicID: m.ClinicID, ClinicName: clinic,
		CitizenID: m.CitizenID, MedComReferralID: m.MedComReferralID, AckCode: m.AckCode, AckReason: m.AckReason, Attempts: m.Attempts,
		LastError: m.LastError, SentAt: m.SentAt, AckedAt: m.AckedAt, AckOverdue: m.AckOverdueAt != nil && m.Status == models.MedComSent, CreatedAt: m.CreatedAt}
}

type medcomMessagesResponse struct {
	Items      []medcomMessageItem `json:"items"`
	NextCursor string              `json:"next_cursor,omitempty"`
}

func medcomItems(rows []models.MedComMessageRow) []medcomMessageItem {
	out := make([]medcomMessageItem, 0, len(rows))
	for i := range rows {
		out = append(out, medcomItem(&rows[i].MedComMessage, rows[i].ClinicName))
	}
	return out
}

// handleMedComMessages lists MedCom messages in and out with their status (admins only), newest
// first, filtered by direction, status, citizen_id, clinic_id and overdue=true.
func (h *handlers) handleMedComMessages(c *fiber.Ctx) error {
	limit, err := operations.PageLimit(c)
	if err != nil {
		return err
	}
	q := models.MedComQuery{Direction: models.MedComDirection(c.Query("direction")), Status: models.MedComStatus(c.Query("status")),
		CitizenID: c.Query("citizen_id"), ClinicID: c.Query("clinic_id"), Cursor: c.Query("cursor"), Limit: limit}
	switch c.Query("overdue") {
	case "", "false":
	case "true":
		q.Overdue = true
	default:
		return models.Invalid("overdue", "overdue must be true or false.")
	}
	rows, next, err := h.deps.Store.MedComMessages(c.UserContext(), q)
	if err != nil {
		return err
	}
	h.Audit(c, "list_medcom_messages", "medcom_message", "")
	h.AuditShown(c, "list_medcom_messages", operations.CitizenIDsOf(rows, operations.MedcomRowCitizen))
	return c.JSON(medcomMessagesResponse{Items: medcomItems(rows), NextCursor: next})
}

// handleMedComDrafts lists the replies to GPs waiting for the link worker's look. Drafts the
// events call for (accepted, declined, contact, closed) are made first, so a decision made a
// moment ago has its draft here.
func (h *handlers) handleMedComDrafts(c *fiber.Ctx) error {
	me := operations.Caller(c)
	if _, err := h.deps.Store.DraftMedComReplies(c.UserContext(), h.deps.Location); err != nil {
		return err
	}
	rows, err := h.deps.Store.MedComDrafts(c.UserContext(), me.ID, me.IsAdmin(), 200)
	if err != nil {
		return err
	}
	h.Audit(c, "list_medcom_drafts", "medcom_message", "")
	h.AuditShown(c, "list_medcom_drafts", operations.CitizenIDsOf(rows, operations.MedcomRowCitizen))
	return c.JSON(medcomMessagesResponse{Items: medcomItems(rows)})
}

// handleMedComFollowUps lists the GPs' messages about the caller's open citizens not yet handled.
func (h *handlers) handleMedComFollowUps(c *fiber.Ctx) error {
	me := operations.Caller(c)
	rows, err := h.deps.Store.MedComFollowUps(c.UserContext(), me.ID, me.IsAdmin(), 200)
	if err != nil {
		return err
	}
	h.Audit(c, "list_medcom_follow_ups", "medcom_message", "")
	h.AuditShown(c, "list_medcom_follow_ups", operations.CitizenIDsOf(rows, operations.MedcomRowCitizen))
	return c.JSON(medcomMessagesResponse{Items: medcomItems(rows)})
}

type medcomBodyRequest struct {
	Body string `json:"body"`
}

// handleEditMedComDraft changes a draft reply's text before it goes.
func (h *handlers) handleEditMedComDraft(c *fiber.Ctx) error {
	var req medcomBodyRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	m, err := h.MedcomMessage(c)
	if err != nil {
		return err
	}
	if err := h.deps.Store.EditMedComDraft(c.UserContext(), m, req.Body, operations.Caller(c).ID); err != nil {
		return err
	}
	h.AuditMedComMessage(c, "edit_medcom_reply", m)
	return c.JSON(medcomItem(m, ""))
}

// handleSendMedComReply seals a draft into its CareCommunication and queues it for the gateway.
func (h *handlers) handleSendMedComReply(c *fiber.Ctx) error {
	m, err := h.MedcomMessage(c)
	if err != nil {
		return err
	}
	if m.Direction != models.MedComOut {
		return models.NotFound("MedCom reply")
	}
	if err := h.deps.Store.QueueMedComReply(c.UserContext(), h.deps.MedCom, m, operations.Caller(c).ID); err != nil {
		return err
	}
	h.AuditMedComMessage(c, "send_medcom_reply", m)
	return c.Status(fiber.StatusAccepted).JSON(medcomItem(m, ""))
}

// handleFreeMedComReply drafts a reply the link worker writes to a received message.
func (h *handlers) handleFreeMedComReply(c *fiber.Ctx) error {
	var req medcomBodyRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	m, err := h.MedcomMessage(c)
	if err != nil {
		return err
	}
	d, err := h.deps.Store.FreeMedComReply(c.UserContext(), m, req.Body, operations.Caller(c).ID)
	if err != nil {
		return err
	}
	h.AuditMedComMessage(c, "draft_medcom_reply", m)
	return c.Status(fiber.StatusCreated).JSON(medcomItem(d, ""))
}

// handleMedComHandled takes a GP's follow-up out of the inbox.
func (h *handlers) handleMedComHandled(c *fiber.Ctx) error {
	m, err := h.MedcomMessage(c)
	if err != nil {
		return err
	}
	if m.Direction != models.MedComIn {
		return models.NotFound("MedCom message")
	}
	if err := h.deps.Store.MarkMedComHandled(c.UserContext(), m); err != nil {
		return err
	}
	h.AuditMedComMessage(c, "handle_medcom_message", m)
	return c.SendStatus(fiber.StatusNoContent)
}

// medcomReferralItem is a referral received by MedCom; the CPR number only masked.
type medcomReferralItem struct {
	ID           string    `json:"id"`
	Status       string    `json:"status"`
	PatientName  string    `json:"patient_name"`
	CPRMasked    string    `json:"cpr_masked"`
	Address      string    `json:"address"`
	Phone        string    `json:"phone"`
	OtherPhones  string    `json:"other_phones"`
	Email        string    `json:"email"`
	ClinicID     string    `json:"clinic_id"`
	ClinicName   string    `json:"clinic_name"`
	ClinicSOR    string    `json:"clinic_sor"`
	Practitioner string    `json:"practitioner"`
	Topic        string    `json:"topic"`
	Text         string    `json:"text"`
	Attachments  []string  `json:"attachments"`
	MessageID    string    `json:"message_id"`
	CitizenID    *string   `json:"citizen_id"`
	ReferralID   *string   `json:"referral_id"`
	CreatedAt    time.Time `json:"created_at"`
}

func (h *handlers) medcomReferralItem(r *models.MedComReferralRow) medcomReferralItem {
	att := []string{}
	if r.Attachments != "" {
		att = strings.Split(r.Attachments, "\n")
	}
	return medcomReferralItem{ID: r.ID, Status: string(r.Status), PatientName: r.PatientName, CPRMasked: r.MaskedCPR(h.deps.MedCom.Vault),
		Address: r.Address, Phone: r.Phone, OtherPhones: r.OtherPhones, Email: r.Email, ClinicID: r.ClinicID, ClinicName: r.ClinicName,
		ClinicSOR: r.ClinicSOR, Practitioner: r.Practitioner, Topic: r.Topic, Text: r.Text, Attachments: att, MessageID: r.MessageID,
		CitizenID: r.CitizenID, ReferralID: r.ReferralID, CreatedAt: r.CreatedAt}
}

type medcomReferralsResponse struct {
	Items      []medcomReferralItem `json:"items"`
	NextCursor string               `json:"next_cursor,omitempty"`
}

// handleMedComReferrals lists referrals received by MedCom: by default those waiting for a link
// worker (with a mobile number, or missing one).
func (h *handlers) handleMedComReferrals(c *fiber.Ctx) error {
	limit, err := operations.PageLimit(c)
	if err != nil {
		return err
	}
	rows, next, err := h.deps.Store.MedComReferrals(c.UserContext(), models.MedComReferralQuery{Status: models.MedComReferralStatus(c.Query("status")),
		Cursor: c.Query("cursor"), Limit: limit})
	if err != nil {
		return err
	}
	out := medcomReferralsResponse{Items: make([]medcomReferralItem, 0, len(rows)), NextCursor: next}
	for i := range rows {
		out.Items = append(out.Items, h.medcomReferralItem(&rows[i]))
	}
	h.Audit(c, "list_medcom_referrals", "medcom_referral", "")
	return c.JSON(out)
}

// handleMedComReferral shows one received referral.
func (h *handlers) handleMedComReferral(c *fiber.Ctx) error {
	r, err := h.MedcomReferral(c)
	if err != nil {
		return err
	}
	h.Audit(c, "view_medcom_referral", "medcom_referral", r.ID)
	return c.JSON(h.medcomReferralItem(r))
}

// handleRevealCPR opens a received referral's CPR number: a deliberate act, audited as such.
func (h *handlers) handleRevealCPR(c *fiber.Ctx) error {
	r, err := h.MedcomReferral(c)
	if err != nil {
		return err
	}
	cpr, err := h.deps.Store.RevealCPR(c.UserContext(), h.deps.MedCom.Vault, r)
	if err != nil {
		return err
	}
	h.Audit(c, "reveal_cpr", "medcom_referral", r.ID)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"cpr": cpr})
}

type medcomPhoneRequest struct {
	Phone string `json:"phone"`
}

// handleMedComReferralPhone gives a referral missing a mobile number one.
func (h *handlers) handleMedComReferralPhone(c *fiber.Ctx) error {
	var req medcomPhoneRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	r, err := h.MedcomReferral(c)
	if err != nil {
		return err
	}
	if err := h.deps.Store.SetMedComReferralPhone(c.UserContext(), r, req.Phone); err != nil {
		return err
	}
	h.Audit(c, "set_medcom_referral_phone", "medcom_referral", r.ID)
	return c.JSON(h.medcomReferralItem(r))
}

type medcomRegisterResponse struct {
	CitizenID  string `json:"citizen_id"`
	ReferralID string `json:"referral_id"`
	ContactSMS string `json:"contact_sms"`
}

// handleRegisterMedComReferral takes a received referral into a caseload: the citizen and
// referral are made and the contact SMS queued in one transaction, as for a typed-in referral.
func (h *handlers) handleRegisterMedComReferral(c *fiber.Ctx) error {
	var req operations.MedcomRegisterRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	citizen, ref, err := h.RegisterMedComReferral(c, req)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(medcomRegisterResponse{CitizenID: citizen.ID, ReferralID: ref.ID, ContactSMS: operations.ContactSMSState(citizen)})
}

type medcomDeclineRequest struct {
	Reason string `json:"reason"`
}

// handleDeclineMedComReferral declines a received referral before it is registered; the GP's
// reply is drafted with the reason.
func (h *handlers) handleDeclineMedComReferral(c *fiber.Ctx) error {
	var req medcomDeclineRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	r, err := h.MedcomReferral(c)
	if err != nil {
		return err
	}
	if err := h.deps.Store.DeclineMedComReferral(c.UserContext(), r, req.Reason, h.deps.Location); err != nil {
		return err
	}
	h.Audit(c, "decline_medcom_referral", "medcom_referral", r.ID)
	return c.JSON(h.medcomReferralItem(r))
}
