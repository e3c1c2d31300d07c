package dashboard

import (
	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// researchView is the citizen page's research consent box: what the citizen agreed to on the
// referral, whether they have withdrawn, and the form for a withdrawal told to the link worker.
type researchView struct {
	Given, Active      bool
	GivenAt, Withdrawn string
	WithdrawAction     string
}

// researchConsentBox fills the box from the citizen's consent and any withdrawal.
func (h *Handlers) researchConsentBox(c *fiber.Ctx, ct *models.Citizen) (researchView, error) {
	st, err := h.Store.ResearchConsentOf(c.UserContext(), ct)
	if err != nil {
		return researchView{}, err
	}
	loc := h.dash.locale(dashLang(c))
	v := researchView{Given: st.GivenAt != nil, Active: st.Active(), WithdrawAction: "/dashboard/citizens/" + ct.ID + "/research-consent/withdraw"}
	if st.GivenAt != nil {
		v.GivenAt = loc.When(*st.GivenAt)
	}
	if st.WithdrawnAt != nil {
		v.Withdrawn = loc.When(*st.WithdrawnAt)
	}
	return v, nil
}

// HandleWithdrawResearchConsent records that the citizen told their link worker they
// withdraw research consent, through the JSON API's path (who recorded it is kept, and it is
// audited). It cannot be undone, so the form must carry the ticked confirmation.
func (h *Handlers) HandleWithdrawResearchConsent(c *fiber.Ctx) error {
	if c.FormValue("confirm") != "true" {
		return h.citizenFormError(c, "research", models.Invalid("confirm", "Tick the confirmation: a withdrawal cannot be undone."))
	}
	citizen, err := h.StaffCitizen(c, "withdraw_research_consent")
	if err != nil {
		return err
	}
	me := operations.Caller(c)
	if _, err := h.Store.WithdrawResearchConsent(c.UserContext(), citizen.ID, models.WithdrawnByLinkWorker, &me.ID); err != nil {
		return err
	}
	return c.Redirect(citizenPath(citizen.ID, "done=research_withdrawn", "research"), fiber.StatusSeeOther)
}
