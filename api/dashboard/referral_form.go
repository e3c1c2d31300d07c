package dashboard

import (
	"errors"
	"strconv"
	"strings"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// referralFormPage is the referral intake form, empty or with what was entered and what to fix.
type referralFormPage struct {
	dashPage
	Admin     bool
	Workers   []selectOption
	Languages []selectOption
	Form      operations.CreateReferralRequest
	WorkerID  string
	// BirthYear is the year of birth as typed, kept even when it is not a number.
	BirthYear        string
	Sexes            []selectOption
	ReasonCategories []selectOption
	// Errors holds the words to show next to each field at fault (form field name → text).
	Errors map[string]string
}

// HandleReferralForm shows the empty referral form.
func (h *Handlers) HandleReferralForm(c *fiber.Ctx) error {
	return h.renderReferralForm(c, fiber.StatusOK, operations.CreateReferralRequest{Language: string(models.LangDA)}, nil, "")
}

// HandleCreateReferral takes in a referral from the form through the JSON API's own path
// (CreateReferral), so the contact SMS is queued exactly as there. Anything to fix shows the
// form again with every field's problem beside it, the entered values kept, 422 and nothing
// saved; success goes to the referral list, which shows the new referral at the top.
func (h *Handlers) HandleCreateReferral(c *fiber.Ctx) error {
	req, yearTyped := referralFromForm(c)
	problems := map[string]string{}
	loc := h.dash.locale(dashLang(c))
	n, err := operations.NewReferral(operations.Caller(c), req)
	if err != nil { // an admin who chose no link worker: still check every other field
		problems["link_worker_id"] = loc.T("referral.error.link_worker_id")
		checked, me := req, operations.Caller(c).ID
		checked.LinkWorkerID = &me
		n, _ = operations.NewReferral(operations.Caller(c), checked)
	}
	for _, p := range append(n.Problems(), n.ReferralProfile.Problems(h.Now())...) {
		key := "referral.error." + p.Field
		if p.Field == "phone" && strings.TrimSpace(req.Phone) == "" {
			key = "referral.error.phone_or_email" // neither given: ask for one of them
		}
		problems[p.Field] = loc.T(key)
	}
	if yearTyped != "" && req.BirthYear == nil {
		problems["birth_year"] = loc.T("referral.error.birth_year")
	}
	if len(problems) > 0 {
		return h.renderReferralForm(c, fiber.StatusUnprocessableEntity, req, problems, yearTyped)
	}
	citizen, _, err := h.CreateReferral(c, req)
	var me *models.Error
	if errors.As(err, &me) && me.Field != "" && (me.Code == models.EINVALID || me.Code == models.ECONFLICT) {
		key := "referral.error." + me.Field
		if me.Code == models.ECONFLICT {
			key += "_taken"
		}
		return h.renderReferralForm(c, fiber.StatusUnprocessableEntity, req, map[string]string{me.Field: loc.T(key)}, yearTyped)
	}
	if err != nil {
		return err
	}
	return c.Redirect(dashReferralsPath+"?created="+operations.ContactSMSState(citizen), fiber.StatusSeeOther)
}

// referralFromForm reads the form; its fields are named as in the JSON body, a ticked
// checkbox sends "true", and an optional field left empty is absent. It also returns the year
// of birth as typed: when that is not a whole number, BirthYear stays nil and the caller says so.
func referralFromForm(c *fiber.Ctx) (operations.CreateReferralRequest, string) {
	req := operations.CreateReferralRequest{
		Name: c.FormValue("name"), Phone: c.FormValue("phone"), Language: c.FormValue("language"),
		ReferrerName: c.FormValue("referrer_name"), ReferrerClinic: c.FormValue("referrer_clinic"), Reason: c.FormValue("reason"),
		ConsentContact: c.FormValue("consent_contact") == "true", ConsentData: c.FormValue("consent_data") == "true",
		ConsentResearch: c.FormValue("consent_research") == "true",
		Sex:             optionalForm(c, "sex"), Municipality: optionalForm(c, "municipality"), Email: optionalForm(c, "email"),
		ReasonCategory: optionalForm(c, "reason_category")}
	if w := c.FormValue("link_worker_id"); w != "" {
		req.LinkWorkerID = &w
	}
	year := strings.TrimSpace(c.FormValue("birth_year"))
	if y, err := strconv.Atoi(year); err == nil {
		req.BirthYear = &y
	}
	return req, year
}

// optionalForm is a form field's trimmed value, or nil when it is empty.
func optionalForm(c *fiber.Ctx, name string) *string {
	v := strings.TrimSpace(c.FormValue(name))
	if v == "" {
		return nil
	}
	return &v
}

func (h *Handlers) renderReferralForm(c *fiber.Ctx, status int, req operations.CreateReferralRequest, problems map[string]string, yearTyped string) error {
	me := operations.Caller(c)
	loc := h.dash.locale(dashLang(c))
	view := referralFormPage{dashPage: h.page(c, "referrals", "referral.form_title"), Admin: me.IsAdmin(), Form: req,
		Errors: problems, Languages: options([]string{string(models.LangDA), string(models.LangEN)}, req.Language, "referral.language.", loc),
		BirthYear:        yearTyped,
		Sexes:            options(models.Sexes, deref(req.Sex), "referral.sex.", loc),
		ReasonCategories: options(models.ReasonCategories, deref(req.ReasonCategory), "referral.reason_category.", loc)}
	if req.LinkWorkerID != nil {
		view.WorkerID = *req.LinkWorkerID
	}
	if me.IsAdmin() {
		workers, err := h.Store.ReferralWorkers(c.UserContext())
		if err != nil {
			return err
		}
		for _, w := range workers {
			view.Workers = append(view.Workers, selectOption{Value: w.ID, Label: w.Name, Selected: w.ID == view.WorkerID})
		}
	}
	return h.dash.render(c, status, dashLang(c), "referral_form", view)
}

// deref is the string behind p, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
