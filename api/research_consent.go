package api

import (
	"time"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// researchConsentView is a citizen's research consent as the app and the link worker see it.
type researchConsentView struct {
	Given       bool       `json:"given"`
	GivenAt     *time.Time `json:"given_at"`
	WithdrawnAt *time.Time `json:"withdrawn_at"`
	Source      *string    `json:"source"`
	// Active says the citizen's data goes into research exports.
	Active  bool   `json:"active"`
	Message string `json:"message,omitempty"`
}

func toResearchConsentView(st models.ResearchConsentState) researchConsentView {
	v := researchConsentView{Given: st.GivenAt != nil, GivenAt: st.GivenAt, WithdrawnAt: st.WithdrawnAt, Active: st.Active()}
	if st.Source != "" {
		v.Source = &st.Source
	}
	return v
}

// handleWithdrawMyResearchConsent lets the citizen withdraw research consent in the app. It is
// recorded even when consent was never given, so the answer is the same either way.
func (h *handlers) handleWithdrawMyResearchConsent(c *fiber.Ctx) error {
	citizen, err := h.deps.Store.CitizenByID(c.UserContext(), operations.Caller(c).ID)
	if err != nil {
		return err
	}
	if _, err := h.deps.Store.WithdrawResearchConsent(c.UserContext(), citizen.ID, models.WithdrawnInApp, nil); err != nil {
		return err
	}
	st, err := h.deps.Store.ResearchConsentOf(c.UserContext(), citizen)
	if err != nil {
		return err
	}
	v := toResearchConsentView(st)
	v.Message = h.citizenText(c, "research_withdrawn")
	return c.JSON(v)
}

// handleWithdrawResearchConsent records a withdrawal the citizen told their link worker (the
// link worker's own citizen, or any for an admin), with who recorded it.
func (h *handlers) handleWithdrawResearchConsent(c *fiber.Ctx) error {
	citizen, err := h.StaffCitizen(c, "withdraw_research_consent")
	if err != nil {
		return err
	}
	me := operations.Caller(c)
	if _, err := h.deps.Store.WithdrawResearchConsent(c.UserContext(), citizen.ID, models.WithdrawnByLinkWorker, &me.ID); err != nil {
		return err
	}
	st, err := h.deps.Store.ResearchConsentOf(c.UserContext(), citizen)
	if err != nil {
		return err
	}
	return c.JSON(toResearchConsentView(st))
}
