package api

import (
	"errors"

	"brobygger/models"
	"github.com/gofiber/fiber/v2"
)

// referralFormPage is the referral intake form, empty or with what was entered and what to fix.
type referralFormPage struct {
	dashPage
	Admin     bool
	Workers   []selectOption
	Languages []selectOption
	Form      createReferralRequest
	WorkerID  string
	// Errors holds the words to show next to each field at fault (form field name → text).
	Errors map[string]string
}

// handleDashReferralForm shows the empty referral form.
func (h *handlers) handleDashReferralForm(c *fiber.Ctx) error {
	return h.renderReferralForm(c, fiber.StatusOK, createReferralRequest{Language: string(models.LangDA)}, nil)
}

// handleDashCreateReferral takes in a referral from the form through the JSON API's own path
// (createReferral), so the contact SMS is queued exactly as there. Anything to fix shows the
// form again with every field's problem beside it, the entered values kept, 422 and nothing
// saved; success goes to the referral list, which shows the new referral at the top.
func (h *handlers) handleDashCreateReferral(c *fiber.Ctx) error {
	req := referralFromForm(c)
	problems := map[string]string{}
	loc := h.dash.locale(dashLang(c))
	n, err := newReferral(caller(c), req)
	if err != nil { // an admin who chose no link worker: still check every other field
		problems["link_worker_id"] = loc.T("referral.error.link_worker_id")
		n.LinkWorkerID = caller(c).ID
		n, _ = newReferral(caller(c), createReferralRequest{LinkWorkerID: &n.LinkWorkerID, Name: req.Name, Phone: req.Phone,
			Language: req.Language, ReferrerName: req.ReferrerName, ReferrerClinic: req.ReferrerClinic, Reason: req.Reason,
			ConsentContact: req.ConsentContact, ConsentData: req.ConsentData, ConsentResearch: req.ConsentResearch})
	}
	for _, p := range n.Problems() {
		problems[p.Field] = loc.T("referral.error." + p.Field)
	}
	if len(problems) > 0 {
		return h.renderReferralForm(c, fiber.StatusUnprocessableEntity, req, problems)
	}
	citizen, _, err := h.createReferral(c, req)
	var me *models.Error
	if errors.As(err, &me) && me.Field != "" && (me.Code == models.EINVALID || me.Code == models.ECONFLICT) {
		key := "referral.error." + me.Field
		if me.Code == models.ECONFLICT {
			key += "_taken"
		}
		return h.renderReferralForm(c, fiber.StatusUnprocessableEntity, req, map[string]string{me.Field: loc.T(key)})
	}
	if err != nil {
		return err
	}
	return c.Redirect(dashReferralsPath+"?created="+contactSMSState(citizen), fiber.StatusSeeOther)
}

// referralFromForm reads the form; its fields are named as in the JSON body, and a ticked
// checkbox sends "true".
func referralFromForm(c *fiber.Ctx) createReferralRequest {
	req := createReferralRequest{
		Name: c.FormValue("name"), Phone: c.FormValue("phone"), Language: c.FormValue("language"),
		ReferrerName: c.FormValue("referrer_name"), ReferrerClinic: c.FormValue("referrer_clinic"), Reason: c.FormValue("reason"),
		ConsentContact: c.FormValue("consent_contact") == "true", ConsentData: c.FormValue("consent_data") == "true",
		ConsentResearch: c.FormValue("consent_research") == "true"}
	if w := c.FormValue("link_worker_id"); w != "" {
		req.LinkWorkerID = &w
	}
	return req
}

func (h *handlers) renderReferralForm(c *fiber.Ctx, status int, req createReferralRequest, problems map[string]string) error {
	me := caller(c)
	loc := h.dash.locale(dashLang(c))
	view := referralFormPage{dashPage: h.page(c, "referrals", "referral.form_title"), Admin: me.IsAdmin(), Form: req,
		Errors: problems, Languages: options([]string{string(models.LangDA), string(models.LangEN)}, req.Language, "referral.language.", loc)}
	if req.LinkWorkerID != nil {
		view.WorkerID = *req.LinkWorkerID
	}
	if me.IsAdmin() {
		workers, err := h.deps.Store.ReferralWorkers(c.UserContext())
		if err != nil {
			return err
		}
		for _, w := range workers {
			view.Workers = append(view.Workers, selectOption{Value: w.ID, Label: w.Name, Selected: w.ID == view.WorkerID})
		}
	}
	return h.dash.render(c, status, dashLang(c), "referral_form", view)
}
