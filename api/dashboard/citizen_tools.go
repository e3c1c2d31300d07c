package dashboard

import (
	"brobygger/api/operations"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"brobygger/models"
	"brobygger/models/sms"

	"github.com/gofiber/fiber/v2"
)

// dashOfferHits is how many offers the prescription builder's search lists.
const dashOfferHits = 20

// The link worker's tools on the citizen page: pause, case notes, the prescription builder,
// "send a check-in now" and the SMS composer.
type (
	pauseView struct {
		Paused, Safety            bool
		Since, Reason             string
		PauseAction, ResumeAction string
	}
	noteView struct {
		ID, Created, Occurred, Author, Body, Corrects string
	}
	activityView struct {
		Title, Organisation, When, Period, EndAction string
		Active                                       bool
	}
	option struct {
		Value, Label string
		Selected     bool
	}
	offerPick struct {
		ID, Title, Organisation string
		Sessions                []string
		Checked                 bool
	}
	builderView struct {
		Action, SearchAction, Query string
		Searched                    bool
		Offers                      []offerPick
		Weekdays                    []option
	}
	checkinNowView struct {
		Action      string
		Instruments []option
		Blocked     string
		Waits       bool
		NextOpen    string
	}
	composerView struct {
		WindowOpen    bool
		NextOpen      string
		GSM7, GSM7Ext string
		// CharNames is JSON: the reader's name of each common character that forces UCS-2.
		CharNames string
		Sent      *sentView
	}
	sentView struct {
		When           string
		Waits          bool
		Chars          int
		Segments       int
		UCS2           bool
		UCS2Characters string
	}
	// formState is a refused form shown again: which form, the field at fault, the reader's
	// sentence and what was typed.
	formState struct {
		Name, Field, Error string
		Values             map[string]string
	}
)

// citizenTools fills the tools' part of the citizen page.
func (h *Handlers) citizenTools(c *fiber.Ctx, ct *models.Citizen, v *citizenPage) error {
	ctx, loc := c.UserContext(), h.dash.locale(dashLang(c))
	base := "/dashboard/citizens/" + ct.ID
	v.Pause = pauseView{Paused: ct.PausedAt != nil, Safety: ct.PausedAt != nil && ct.PausedByID == nil,
		PauseAction: base + "/pause", ResumeAction: base + "/resume"}
	if ct.PausedAt != nil {
		v.Pause.Since = loc.When(*ct.PausedAt)
	}
	if ct.PauseReason != nil {
		v.Pause.Reason = *ct.PauseReason
	}
	v.NoteAction = base + "/notes"
	research, err := h.researchConsentBox(c, ct)
	if err != nil {
		return err
	}
	v.Research = research
	notes, err := h.Store.CaseNotes(ctx, ct.ID, operations.MaxNotesListed)
	if err != nil {
		return err
	}
	for _, n := range notes {
		nv := noteView{ID: n.ID, Created: loc.When(n.CreatedAt), Author: n.AuthorName, Body: n.Body}
		if n.OccurredOn != nil {
			nv.Occurred = loc.Day(*n.OccurredOn)
		}
		if n.CorrectsID != nil {
			nv.Corrects = *n.CorrectsID
		}
		v.Notes = append(v.Notes, nv)
	}
	if err := h.prescriptionTools(c, ct, v, loc); err != nil {
		return err
	}
	win, err := h.CitizenWindow(ctx, ct)
	if err != nil {
		return err
	}
	now := h.Now()
	v.Composer = composerView{WindowOpen: win.Allowed(now), NextOpen: loc.When(win.NextAllowed(now))}
	v.Composer.GSM7, v.Composer.GSM7Ext = sms.GSM7Alphabet()
	names := map[string]string{}
	for _, n := range smsCharNames {
		names[n.char] = loc.T("smschar." + n.key)
	}
	if b, err := json.Marshal(names); err == nil {
		v.Composer.CharNames = string(b)
	}
	v.Checkin = checkinNowView{Action: base + "/checkins", Waits: !v.Composer.WindowOpen, NextOpen: v.Composer.NextOpen,
		Blocked: checkinBlock(ct, loc)}
	for _, inst := range h.Bot.Instruments().All() {
		if latest, _ := h.Bot.Instruments().Latest(inst.Key); latest == inst {
			v.Checkin.Instruments = append(v.Checkin.Instruments, option{Value: inst.Key, Label: loc.tOr("instrument."+inst.Key, inst.Name)})
		}
	}
	if id := c.Query("sent"); id != "" && id != "1" {
		if item, err := h.Store.OutboxItemForCitizen(ctx, ct.ID, id); err == nil {
			v.Composer.Sent = sentViewOf(item, now, loc)
		}
	}
	if done := c.Query("done"); done != "" {
		v.Notice = loc.tOr("done."+done, "")
	}
	return nil
}

// checkinBlock says why no check-in can be sent now, or "".
func checkinBlock(ct *models.Citizen, loc locale) string {
	switch {
	case ct.OptedOut():
		return loc.T("checkin_now.blocked.opted_out")
	case ct.PausedAt != nil:
		return loc.T("checkin_now.blocked.paused")
	case ct.PhoneInvalidAt != nil:
		return loc.T("checkin_now.blocked.phone_invalid")
	case !ct.ReceivesScheduled():
		return loc.T("checkin_now.blocked.closed")
	case ct.ContactConfirmedAt == nil:
		return loc.T("checkin_now.blocked.unconfirmed")
	}
	return ""
}

// sentViewOf is the confirmation of the link worker's SMS: when it goes and what it costs.
func sentViewOf(item *models.OutboxItem, now time.Time, loc locale) *sentView {
	seg := sms.CountSegments(item.Body)
	return &sentView{When: loc.When(item.NotBefore), Waits: item.NotBefore.After(now) && item.Status == models.OutboxPending,
		Chars: utf8.RuneCountInString(item.Body), Segments: seg.Count, UCS2: seg.Encoding == sms.UCS2,
		UCS2Characters: namedChars(loc, sms.UCS2Characters(item.Body))}
}

// smsCharNames are the characters that most often turn a link worker's SMS into UCS-2 (pasted
// from a word processor), each with its text key: the page names them, not only shows them.
var smsCharNames = []struct{ char, key string }{
	{"–", "endash"}, {"—", "emdash"}, {"‘", "lsquo"}, {"’", "rsquo"}, {"“", "ldquo"}, {"”", "rdquo"},
	{"„", "bdquo"}, {"…", "hellip"}, {"«", "laquo"}, {"»", "raquo"}, {"\u00a0", "nbsp"}, {"´", "acute"},
}

// namedChars writes characters as «–» (tankestreg), the name where one is known.
func namedChars(loc locale, chars []string) string {
	out := make([]string, 0, len(chars))
	for _, ch := range chars {
		s := "«" + ch + "»"
		for _, n := range smsCharNames {
			if n.char == ch {
				s += " (" + loc.T("smschar."+n.key) + ")"
			}
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// prescriptionTools lists the citizen's activities with their end buttons and fills the
// builder: the offer search (a GET form with q) and the fields of NewPrescription.
func (h *Handlers) prescriptionTools(c *fiber.Ctx, ct *models.Citizen, v *citizenPage, loc locale) error {
	ctx := c.UserContext()
	base := "/dashboard/citizens/" + ct.ID
	rows, err := h.Store.PrescriptionsForCitizen(ctx, ct.ID)
	if err != nil {
		return err
	}
	for _, r := range rows {
		pv := activityView{Title: r.OfferTitle, Organisation: r.OfferOrganisation, Active: r.Active,
			EndAction: base + "/prescriptions/" + r.ID + "/end", When: r.StartTime + "–" + r.EndTime}
		if r.Weekday == 0 && r.OnceOn != nil {
			pv.When = loc.Day(*r.OnceOn) + " " + pv.When
		} else {
			pv.When = loc.T(fmt.Sprintf("weekday.%d", r.Weekday)) + " " + pv.When
		}
		pv.Period = loc.Day(r.StartsOn) + " –"
		if r.EndsOn != nil {
			pv.Period += " " + loc.Day(*r.EndsOn)
		}
		v.Prescriptions = append(v.Prescriptions, pv)
	}
	b := builderView{Action: base + "/prescriptions", SearchAction: base}
	b.Query = strings.TrimSpace(c.Query("q"))
	if c.Method() == fiber.MethodPost {
		b.Query = strings.TrimSpace(c.FormValue("q"))
	}
	chosenDay, chosenOffer := v.Form.Values["weekday"], v.Form.Values["offer_id"]
	for d := 0; d <= 7; d++ {
		label := loc.T("prescribe.once")
		if d > 0 {
			label = loc.T(fmt.Sprintf("weekday.%d", d))
		}
		val := fmt.Sprint(d)
		b.Weekdays = append(b.Weekdays, option{Value: val, Label: label, Selected: val == chosenDay})
	}
	if b.Query == "" {
		v.Builder = b
		return nil
	}
	active := true
	page, err := h.Store.ListOffers(ctx, models.OfferQuery{Text: b.Query, Active: &active, Limit: dashOfferHits})
	if err != nil {
		return err
	}
	b.Searched = true
	for _, o := range page.Offers {
		pick := offerPick{ID: o.ID, Title: o.Title, Organisation: o.Organisation, Checked: o.ID == chosenOffer}
		for _, s := range o.Schedules {
			pick.Sessions = append(pick.Sessions, fmt.Sprintf("%s %s–%s", loc.T(fmt.Sprintf("weekday.%d", s.Weekday)), s.StartTime, s.EndTime))
		}
		b.Offers = append(b.Offers, pick)
	}
	if len(b.Offers) == 1 && chosenOffer == "" {
		b.Offers[0].Checked = true
	}
	v.Builder = b
	return nil
}

// citizenFormFields are the fields a refused form keeps, by form.
var citizenFormFields = map[string][]string{
	"message":      {"body", "send_now"},
	"pause":        {"reason"},
	"resume":       {"reason"},
	"note":         {"body", "occurred_on", "corrects_id"},
	"checkin":      {"instrument"},
	"prescription": {"offer_id", "weekday", "once_on", "start_time", "end_time", "starts_on", "ends_on", "note"},
	"end":          {},
	"research":     {"confirm"},
	"email":        {"email"},
}

// citizenFormError shows the citizen page again when a form's input is refused (EINVALID) or
// clashes with the citizen's state (ECONFLICT), with the reason in the reader's language next
// to the form and what was typed kept. Nothing was written. Any other error goes to the error page.
func (h *Handlers) citizenFormError(c *fiber.Ctx, form string, err error) error {
	code := models.ErrorCode(err)
	if code != models.EINVALID && code != models.ECONFLICT {
		return err
	}
	status, detail := h.classify(err)
	fs := formState{Name: form, Field: detail.Field, Values: map[string]string{}}
	for _, f := range citizenFormFields[form] {
		fs.Values[f] = strings.Clone(c.FormValue(f))
	}
	view, ct, verr := h.citizenPageOf(c, fs)
	if verr != nil {
		return verr
	}
	view.Form.Error = formErrorText(h.dash.locale(dashLang(c)), form, detail.Field, code, ct)
	return h.dash.render(c, status, dashLang(c), "citizen", view)
}

// formErrorText is the reader's sentence for a refused form: for invalid input the field's
// sentence (formerr.<form>.<field>), for a conflict the citizen's state that caused it.
func formErrorText(loc locale, form, field string, code models.Code, ct *models.Citizen) string {
	if code == models.ECONFLICT {
		return loc.tOr("formerr.conflict."+conflictState(form, ct), loc.T("formerr.generic"))
	}
	return loc.tOr("formerr."+form+"."+field, loc.T("formerr.generic"))
}

// conflictState names what in the citizen's state refused the form.
func conflictState(form string, ct *models.Citizen) string {
	switch {
	case form == "email":
		return "email_taken"
	case form == "prescription":
		return "prescribed_twice"
	case form == "resume" && ct.PausedAt == nil:
		return "not_paused"
	case form == "resume", form == "pause" && ct.PausedAt != nil && ct.PausedByID == nil:
		return "safety_pause" // a resume is refused only while a crisis flag is open
	case form == "pause":
		return "already_paused"
	case ct.OptedOut():
		return "opted_out"
	case ct.PhoneInvalidAt != nil:
		return "phone_invalid"
	case form == "checkin" && ct.PausedAt != nil:
		return "paused"
	case form == "checkin" && !ct.ReceivesScheduled():
		return "closed"
	case form == "checkin" && ct.ContactConfirmedAt == nil:
		return "unconfirmed"
	case form == "checkin":
		return "busy"
	}
	return "generic"
}

// HandleSMSCountJS serves the SMS composer's live character and segment counter (the page
// works without it; the CSP allows scripts from 'self' only, none inline).
func (h *Handlers) HandleSMSCountJS(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	c.Type("js", "utf-8")
	return c.Send(h.dash.smsScript())
}
