package api

import (
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// closedDaysBody is the site's days without scheduled SMS besides Sundays and public holidays.
type closedDaysBody struct {
	// Customary closes Grundlovsdag, juleaftensdag and nytårsaftensdag.
	Customary *bool `json:"customary"`
	// Dates are "MM-DD" (every year) or "YYYY-MM-DD" (once).
	Dates []string `json:"dates"`
}

func closedDaysOf(d models.ClosedDays) closedDaysBody {
	out := closedDaysBody{Customary: &d.Customary, Dates: make([]string, 0, len(d.Extra))}
	for _, c := range d.Extra {
		out.Dates = append(out.Dates, c.String())
	}
	return out
}

// handleGetClosedDays shows the site's closed days.
func (h *handlers) handleGetClosedDays(c *fiber.Ctx) error {
	d, err := h.deps.Store.SiteClosedDays(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(closedDaysOf(d))
}

// handlePutClosedDays replaces the site's closed days. The scheduler, new referrals' contact SMS
// and the schedule preview use them from the next pass or request.
func (h *handlers) handlePutClosedDays(c *fiber.Ctx) error {
	var req closedDaysBody
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Customary == nil {
		return models.Invalid("customary", "Say whether the customary closed days (5 June, 24 and 31 December) apply.")
	}
	extra, err := models.ParseClosedDayList(req.Dates)
	if err != nil {
		return err
	}
	d := models.ClosedDays{Customary: *req.Customary, Extra: extra}
	if err := h.deps.Store.SetSiteClosedDays(c.UserContext(), d); err != nil {
		return err
	}
	h.Audit(c, "set_closed_days", "setting", models.SettingClosedDays)
	return c.JSON(closedDaysOf(d))
}

// checkinPlanBody is a check-in plan as the admin reads and writes it.
type checkinPlanBody struct {
	Items       []planItemBody `json:"items"`
	WeeklyPulse *bool          `json:"weekly_pulse"`
}

type planItemBody struct {
	Instrument string `json:"instrument"`
	OffsetDays int    `json:"offset_days"`
	Label      string `json:"label"`
}

func checkinPlanOf(p models.CheckinPlan) checkinPlanBody {
	out := checkinPlanBody{Items: make([]planItemBody, 0, len(p.Items)), WeeklyPulse: &p.WeeklyPulse}
	for _, it := range p.Items {
		out.Items = append(out.Items, planItemBody{Instrument: it.Instrument, OffsetDays: it.OffsetDays, Label: it.Label})
	}
	return out
}

// handleGetCheckinPlan shows the site's default check-in plan.
func (h *handlers) handleGetCheckinPlan(c *fiber.Ctx) error {
	p, err := h.deps.Store.SiteCheckinPlan(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(checkinPlanOf(p))
}

// handlePutCheckinPlan replaces the site's default check-in plan: which instruments, on which
// day after contact was confirmed. Every instrument must be loaded (shipped, or an operator's
// file). Items already sent stay sent; citizens with a plan of their own keep it.
func (h *handlers) handlePutCheckinPlan(c *fiber.Ctx) error {
	var req checkinPlanBody
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Items == nil || req.WeeklyPulse == nil {
		return models.Invalid("items", "Give the plan's items and whether the weekly pulse is on.")
	}
	p := models.CheckinPlan{WeeklyPulse: *req.WeeklyPulse}
	for _, it := range req.Items {
		p.Items = append(p.Items, models.PlanItem{Instrument: it.Instrument, OffsetDays: it.OffsetDays, Label: it.Label})
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if err := p.CheckInstruments(h.deps.Bot.Instruments()); err != nil {
		return err
	}
	if err := h.deps.Store.SetSiteCheckinPlan(c.UserContext(), p); err != nil {
		return err
	}
	h.Audit(c, "set_checkin_plan", "setting", models.SettingDefaultCheckinPlan)
	return c.JSON(checkinPlanOf(p))
}

type instrumentView struct {
	Key     string            `json:"key"`
	Version string            `json:"version"`
	Name    string            `json:"name"`
	Title   map[string]string `json:"title"`
	Items   int               `json:"items"`
	Licence string            `json:"licence"`
}

type instrumentList struct {
	Items []instrumentView `json:"items"`
}

// handleListInstruments lists the loaded instruments a check-in plan may name: the latest
// version of each (new check-ins use it), with its title in every language it has.
func (h *handlers) handleListInstruments(c *fiber.Ctx) error {
	reg := h.deps.Bot.Instruments()
	out := instrumentList{Items: []instrumentView{}}
	for _, inst := range reg.All() {
		if latest, _ := reg.Latest(inst.Key); latest != inst {
			continue
		}
		title := make(map[string]string, len(inst.Title))
		for lang, text := range inst.Title {
			title[string(lang)] = text
		}
		out.Items = append(out.Items, instrumentView{Key: inst.Key, Version: inst.Version, Name: inst.Name,
			Title: title, Items: len(inst.Items), Licence: inst.Licence})
	}
	return c.JSON(out)
}
