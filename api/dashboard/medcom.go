package dashboard

import (
	"strings"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// dashMedComPath is the link worker's MedCom page: referrals received from GPs, replies drafted
// for them, and their follow-ups.
const dashMedComPath = "/dashboard/medcom"

type medcomPage struct {
	dashPage
	Enabled   bool
	Referrals []medcomReferralView
	Drafts    []medcomDraftView
	FollowUps []medcomFollowUpView
	Workers   []workerOption
	// FormError is a refused form's sentence when the item it was on is no longer listed.
	FormError string
}

type medcomReferralView struct {
	ID, Status, StatusLabel, Received, PatientName, CPR, Address, Phone, OtherPhones, Email, Clinic, ClinicSOR,
	Practitioner, Topic, Text, RevealHref, RegisterAction, DeclineAction string
	Revealed     bool
	MissingPhone bool
	Attachments  []string
	// A refused register or decline form: the sentence, and what was typed.
	RegisterError, DeclineError, Language, WorkerID, DeclineReason string
}

type medcomDraftView struct {
	ID, Kind, Clinic, Created, Topic, Body, CitizenHref, SendAction string
	Error                                                           string
}

type medcomFollowUpView struct {
	ID, Clinic, Received, Topic, Body, CitizenHref, ReplyAction, HandledAction string
	// A refused reply or "handled" form: the sentence, and the reply as typed.
	ReplyError, ReplyBody, HandledError string
}

// HandleMedCom shows what came from GPs by MedCom and what goes back. ?cpr=<referral id>
// reveals that referral's CPR number: a deliberate click, audited as reveal_cpr.
func (h *Handlers) HandleMedCom(c *fiber.Ctx) error {
	view, err := h.medcomInboxView(c)
	if err != nil {
		return err
	}
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "medcom_inbox", view)
}

// medcomInboxView loads what the MedCom page shows (the read is audited).
func (h *Handlers) medcomInboxView(c *fiber.Ctx) (medcomPage, error) {
	ctx, me := c.UserContext(), operations.Caller(c)
	loc := h.dash.locale(dashLang(c))
	view := medcomPage{dashPage: h.page(c, "medcom", "medcom.title"), Enabled: h.MedCom.Enabled()}
	if done := c.Query("done"); done != "" {
		view.Notice = loc.tOr("medcom.done."+done, "")
	}
	if _, err := h.Store.DraftMedComReplies(ctx, h.Location); err != nil {
		return view, err
	}
	refs, _, err := h.Store.MedComReferrals(ctx, models.MedComReferralQuery{Limit: 100})
	if err != nil {
		return view, err
	}
	reveal := c.Query("cpr")
	for i := range refs {
		v, err := h.medcomReferralView(c, loc, &refs[i], reveal == refs[i].ID)
		if err != nil {
			return view, err
		}
		view.Referrals = append(view.Referrals, v)
	}
	drafts, err := h.Store.MedComDrafts(ctx, me.ID, me.IsAdmin(), 100)
	if err != nil {
		return view, err
	}
	for _, d := range drafts {
		view.Drafts = append(view.Drafts, medcomDraftView{ID: d.ID, Kind: loc.tOr("medcom.kind."+string(d.ReplyKind), string(d.ReplyKind)),
			Clinic: d.ClinicName, Created: loc.When(d.CreatedAt), Topic: d.Topic, Body: d.Body, CitizenHref: citizenHref(d.CitizenID),
			SendAction: dashMedComPath + "/messages/" + d.ID + "/send"})
	}
	follow, err := h.Store.MedComFollowUps(ctx, me.ID, me.IsAdmin(), 100)
	if err != nil {
		return view, err
	}
	for _, f := range follow {
		view.FollowUps = append(view.FollowUps, medcomFollowUpView{ID: f.ID, Clinic: f.ClinicName, Received: loc.When(f.CreatedAt), Topic: f.Topic,
			Body: f.Body, CitizenHref: citizenHref(f.CitizenID), ReplyAction: dashMedComPath + "/messages/" + f.ID + "/reply",
			HandledAction: dashMedComPath + "/messages/" + f.ID + "/handled"})
	}
	if me.IsAdmin() {
		staff, err := h.Store.ListStaff(ctx)
		if err != nil {
			return view, err
		}
		for _, s := range staff {
			if s.Role == models.RoleLinkWorker && s.Active {
				view.Workers = append(view.Workers, workerOption{ID: s.ID, Name: s.Name})
			}
		}
	}
	h.Audit(c, "list_medcom_referrals", "medcom_referral", "")
	h.AuditShown(c, "list_medcom_drafts", append(operations.CitizenIDsOf(drafts, operations.MedcomRowCitizen), operations.CitizenIDsOf(follow, operations.MedcomRowCitizen)...))
	return view, nil
}

func citizenHref(id *string) string {
	if id == nil {
		return ""
	}
	return "/dashboard/citizens/" + *id
}

func (h *Handlers) medcomReferralView(c *fiber.Ctx, loc locale, r *models.MedComReferralRow, reveal bool) (medcomReferralView, error) {
	v := medcomReferralView{ID: r.ID, Status: string(r.Status), StatusLabel: loc.T("medcom.status." + string(r.Status)), Received: loc.When(r.CreatedAt),
		PatientName: r.PatientName, CPR: r.MaskedCPR(h.MedCom.Vault), Address: r.Address, Phone: r.Phone, OtherPhones: r.OtherPhones,
		Email: r.Email, Clinic: r.ClinicName, ClinicSOR: r.ClinicSOR, Practitioner: r.Practitioner, Topic: r.Topic, Text: r.Text,
		RevealHref: dashMedComPath + "?cpr=" + r.ID + "#ref-" + r.ID, RegisterAction: dashMedComPath + "/referrals/" + r.ID + "/register",
		DeclineAction: dashMedComPath + "/referrals/" + r.ID + "/decline", MissingPhone: r.Status == models.MedComMissingPhone && r.Email == ""}
	if r.Attachments != "" {
		v.Attachments = strings.Split(r.Attachments, "\n")
	}
	if reveal {
		cpr, err := h.Store.RevealCPR(c.UserContext(), h.MedCom.Vault, r)
		if err != nil {
			return v, err
		}
		h.Audit(c, "reveal_cpr", "medcom_referral", r.ID)
		v.CPR, v.Revealed = cpr, true
	}
	return v, nil
}

// HandleRegisterMedCom takes a received referral into a caseload (the caller's, or for an
// admin the link worker chosen), with the mobile number typed in when the GP gave none.
func (h *Handlers) HandleRegisterMedCom(c *fiber.Ctx) error {
	req := operations.MedcomRegisterRequest{Phone: strings.TrimSpace(c.FormValue("phone")), Language: orDefaultLang(c.FormValue("language"))}
	if w := c.FormValue("link_worker_id"); w != "" {
		req.LinkWorkerID = &w
	}
	citizen, _, err := h.RegisterMedComReferral(c, req)
	if err != nil {
		return h.medcomFormError(c, "register", c.Params("id"), err)
	}
	return c.Redirect("/dashboard/citizens/"+citizen.ID, fiber.StatusSeeOther)
}

func orDefaultLang(s string) string {
	if s == "" {
		return string(models.LangDA)
	}
	return s
}

// HandleDeclineMedCom declines a received referral with a reason; the reply to the GP is
// drafted on the same page.
func (h *Handlers) HandleDeclineMedCom(c *fiber.Ctx) error {
	r, err := h.MedcomReferral(c)
	if err != nil {
		return err
	}
	if err := h.Store.DeclineMedComReferral(c.UserContext(), r, c.FormValue("reason"), h.Location); err != nil {
		return h.medcomFormError(c, "decline", r.ID, err)
	}
	h.Audit(c, "decline_medcom_referral", "medcom_referral", r.ID)
	return c.Redirect(dashMedComPath+"?done=declined#drafts", fiber.StatusSeeOther)
}

// HandleSendMedComReply sends a draft with the text as the link worker left it in the box.
func (h *Handlers) HandleSendMedComReply(c *fiber.Ctx) error {
	m, err := h.MedcomMessage(c)
	if err != nil {
		return err
	}
	if m.Direction != models.MedComOut {
		return models.NotFound("MedCom reply")
	}
	if body := c.FormValue("body"); body != m.Body {
		if err := h.Store.EditMedComDraft(c.UserContext(), m, body, operations.Caller(c).ID); err != nil {
			return h.medcomFormError(c, "send", m.ID, err)
		}
	}
	if err := h.Store.QueueMedComReply(c.UserContext(), h.MedCom, m, operations.Caller(c).ID); err != nil {
		return h.medcomFormError(c, "send", m.ID, err)
	}
	h.AuditMedComMessage(c, "send_medcom_reply", m)
	return c.Redirect(dashMedComPath+"?done=sent", fiber.StatusSeeOther)
}

// HandleFreeMedComReply writes the link worker's own reply to a GP's message and sends it.
func (h *Handlers) HandleFreeMedComReply(c *fiber.Ctx) error {
	m, err := h.MedcomMessage(c)
	if err != nil {
		return err
	}
	d, err := h.Store.FreeMedComReply(c.UserContext(), m, c.FormValue("body"), operations.Caller(c).ID)
	if err != nil {
		return h.medcomFormError(c, "reply", m.ID, err)
	}
	if err := h.Store.QueueMedComReply(c.UserContext(), h.MedCom, d, operations.Caller(c).ID); err != nil {
		return h.medcomFormError(c, "reply", m.ID, err)
	}
	h.AuditMedComMessage(c, "send_medcom_reply", m)
	return c.Redirect(dashMedComPath+"?done=sent", fiber.StatusSeeOther)
}

// HandleMedComHandled takes a follow-up out of the list.
func (h *Handlers) HandleMedComHandled(c *fiber.Ctx) error {
	m, err := h.MedcomMessage(c)
	if err != nil {
		return err
	}
	if m.Direction != models.MedComIn {
		return models.NotFound("MedCom message")
	}
	if err := h.Store.MarkMedComHandled(c.UserContext(), m); err != nil {
		return h.medcomFormError(c, "handled", m.ID, err)
	}
	h.AuditMedComMessage(c, "handle_medcom_message", m)
	return c.Redirect(dashMedComPath+"?done=handled", fiber.StatusSeeOther)
}
