package dashboard

import (
	"strings"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// medcomForm is a refused MedCom form shown again: which form on which item (a referral, a
// message or a clinic; empty for the new clinic), the reader's sentence and what was typed.
type medcomForm struct {
	Name, ID, Error string
	Values          map[string]string
}

// medcomFormFields are the fields a refused MedCom form keeps, by form.
var medcomFormFields = map[string][]string{
	"register": {"phone", "language", "link_worker_id"},
	"decline":  {"reason"},
	"send":     {"body"},
	"reply":    {"body"},
	"handled":  {},
	"clinic":   {"name", "sor", "gln", "practitioners"},
}

// readMedComForm keeps the refused form's input and says in the reader's language what to fix.
// ok is false for an error that is not about the input (EINVALID or ECONFLICT): that one goes to
// the error page.
func (h *Handlers) readMedComForm(c *fiber.Ctx, form, id string, err error) (f medcomForm, status int, ok bool) {
	code := models.ErrorCode(err)
	if code != models.EINVALID && code != models.ECONFLICT {
		return f, 0, false
	}
	status, detail := h.classify(err)
	f = medcomForm{Name: form, ID: id, Values: map[string]string{}}
	for _, k := range medcomFormFields[form] {
		f.Values[k] = strings.Clone(c.FormValue(k))
	}
	f.Error = medcomFormErrorText(h.dash.locale(dashLang(c)), form, detail.Field, code)
	return f, status, true
}

// medcomFormErrorText is the sentence for a refused form: the register form speaks as the
// referral form does, the others by field (medcom.error.<form>.<field>), and a conflict with
// no field says the item changed meanwhile.
func medcomFormErrorText(loc locale, form, field string, code models.Code) string {
	switch {
	case field == "" && code == models.ECONFLICT:
		return loc.T("medcom.error.conflict")
	case field == "":
		return loc.T("formerr.generic")
	case form == "register" && code == models.ECONFLICT:
		return loc.tOr("referral.error."+field+"_taken", loc.T("medcom.error.conflict"))
	case form == "register":
		return loc.tOr("referral.error."+field, loc.T("formerr.generic"))
	case code == models.ECONFLICT:
		return loc.tOr("medcom.error."+form+"."+field+"_taken", loc.T("medcom.error.conflict"))
	}
	return loc.tOr("medcom.error."+form+"."+field, loc.T("formerr.generic"))
}

// medcomFormError shows the MedCom page again with a refused form's reason beside it and what
// was typed kept; nothing was saved. Any other error goes to the error page.
func (h *Handlers) medcomFormError(c *fiber.Ctx, form, id string, err error) error {
	f, status, ok := h.readMedComForm(c, form, id, err)
	if !ok {
		return err
	}
	view, verr := h.medcomInboxView(c)
	if verr != nil {
		return verr
	}
	if !view.showForm(f) {
		view.FormError = f.Error // the item is no longer listed (handled meanwhile)
	}
	return h.dash.render(c, status, dashLang(c), "medcom_inbox", view)
}

// showForm puts the refused form's sentence and input on its item; false when it is not listed.
func (v *medcomPage) showForm(f medcomForm) bool {
	for i := range v.Referrals {
		r := &v.Referrals[i]
		switch {
		case r.ID != f.ID:
		case f.Name == "register":
			r.RegisterError, r.Phone, r.Language, r.WorkerID = f.Error, f.Values["phone"], f.Values["language"], f.Values["link_worker_id"]
			return true
		case f.Name == "decline":
			r.DeclineError, r.DeclineReason = f.Error, f.Values["reason"]
			return true
		}
	}
	for i := range v.Drafts {
		if d := &v.Drafts[i]; d.ID == f.ID && f.Name == "send" {
			d.Error, d.Body = f.Error, f.Values["body"]
			return true
		}
	}
	for i := range v.FollowUps {
		u := &v.FollowUps[i]
		switch {
		case u.ID != f.ID:
		case f.Name == "reply":
			u.ReplyError, u.ReplyBody = f.Error, f.Values["body"]
			return true
		case f.Name == "handled":
			u.HandledError = f.Error
			return true
		}
	}
	return false
}

// clinicFormError shows the admin's MedCom page again with the refused clinic form's reason
// beside it and what was typed kept; nothing was saved. id is empty for the new clinic's form.
func (h *Handlers) clinicFormError(c *fiber.Ctx, id string, err error) error {
	f, status, ok := h.readMedComForm(c, "clinic", id, err)
	if !ok {
		return err
	}
	view, verr := h.medcomAdminView(c)
	if verr != nil {
		return verr
	}
	typed := clinicView{ID: id, Name: f.Values["name"], SOR: f.Values["sor"], GLN: f.Values["gln"], Practitioners: f.Values["practitioners"], Error: f.Error}
	if id == "" {
		view.NewClinic = typed
		return h.dash.render(c, status, dashLang(c), "medcom_admin", view)
	}
	for i := range view.Clinics {
		if view.Clinics[i].ID == id {
			typed.Action = view.Clinics[i].Action
			view.Clinics[i] = typed
		}
	}
	return h.dash.render(c, status, dashLang(c), "medcom_admin", view)
}
