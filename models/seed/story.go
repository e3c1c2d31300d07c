package seed

import (
	"brobygger/models"
	"fmt"
	"strings"
	"time"

	"brobygger/models/sms"
)

// seedWorker is what a citizen's SMS say about their link worker.
type seedWorker struct {
	id, first string
}

// daytime moves t to a daytime hour (09–18, site time) of its own day, keeping the minutes, so
// no seeded SMS or check-in is stamped 03:20; a time that would land after now goes a day back.
func (g *seedGen) daytime(t time.Time) time.Time {
	local := t.In(g.loc)
	if h := local.Hour(); h < 9 || h > 18 {
		local = time.Date(local.Year(), local.Month(), local.Day(), 9+h%10, local.Minute(), local.Second(), 0, g.loc)
	}
	if local.After(g.now) {
		local = local.Add(-24 * time.Hour)
	}
	return local.UTC()
}

// story writes what happened to the citizen since the referral, consistent with their status:
// the contact SMS and the answer (or silence), then for those who said yes an activity,
// check-ins every three weeks and a conversation with the link worker, ending where the status
// says (STOP, a completed course, weeks of silence).
func (g *seedGen) story(c *seedChunk, ct *models.Citizen, w seedWorker, offers []models.Offer, msgsPer int) {
	if ct.Status == models.StatusReferred {
		return
	}
	first := firstWord(ct.Name)
	contacted := g.daytime(ct.CreatedAt.Add(time.Duration(20+g.r.IntN(100)) * time.Minute))
	ct.ContactedAt = &contacted
	g.say(c, ct, models.Outbound, fmt.Sprintf("Hej %s. Jeg hedder %s og er brobygger. Din læge har bedt mig kontakte dig om fællesskaber nær dig. Må jeg det? Svar JA eller NEJ.", first, w.first), contacted)
	answer := g.daytime(contacted.Add(time.Duration(10+g.r.IntN(600)) * time.Minute))
	switch ct.Status {
	case models.StatusContacted:
		return
	case models.StatusUnreachable:
		nudge := g.daytime(contacted.Add(48 * time.Hour))
		g.say(c, ct, models.Outbound, fmt.Sprintf("Hej %s. Vi har ikke hørt fra dig. Må %s kontakte dig om fællesskaber? Svar JA eller NEJ.", first, w.first), nudge)
		gaveUp := nudge.Add(72 * time.Hour)
		ct.UnreachableAt = &gaveUp
		return
	case models.StatusDeclined:
		g.say(c, ct, models.Inbound, "Nej tak", answer)
		g.say(c, ct, models.Outbound, "Tak for dit svar. Vi kontakter dig ikke. Du er altid velkommen til at skrive til os.", answer.Add(time.Second))
		ct.DeclinedAt = &answer
		return
	}
	g.say(c, ct, models.Inbound, g.pick([]string{"Ja", "ja", "JA", "Ja tak"}), answer)
	g.say(c, ct, models.Outbound, fmt.Sprintf("Tak, %s! %s kontakter dig snart. Du kan altid skrive her. Skriv STOP for ingen beskeder.", first, w.first), answer.Add(time.Second))
	ct.ContactConfirmedAt = &answer
	if ct.Status != models.StatusConfirmed {
		g.course(c, ct, offers, msgsPer)
	}
}

// course is an agreed activity and what followed it, up to now or the course's end.
func (g *seedGen) course(c *seedChunk, ct *models.Citizen, offers []models.Offer, msgsPer int) {
	start := *ct.ContactConfirmedAt
	end, quiet := g.now, 0
	switch ct.Status {
	case models.StatusCompleted:
		done := g.daytime(ct.CreatedAt.Add(180 * 24 * time.Hour))
		end, ct.CompletedAt, ct.ClosedAt = done, &done, &done
	case models.StatusOptedOut:
		stop := g.daytime(start.Add(time.Duration(20+g.r.IntN(15)) * 24 * time.Hour))
		end, ct.OptedOutAt, ct.OptOutSource = stop, &stop, models.OptOutBySMS
	case models.StatusDrifting:
		quiet = 2 // the last two check-ins went unanswered
	}
	o := offers[g.r.IntN(len(offers))]
	sch := o.Schedules[0]
	c.prescriptions = append(c.prescriptions, models.Prescription{ID: models.NewID(), CitizenID: ct.ID, OfferID: o.ID, Weekday: sch.Weekday,
		StartTime: sch.StartTime, EndTime: sch.EndTime, StartsOn: start, Active: ct.Status == models.StatusEngaged || ct.Status == models.StatusDrifting,
		CreatedAt: start, UpdatedAt: start})
	g.checkins(c, ct, start, end, quiet)
	g.conversation(c, ct, o, start, end, msgsPer, quiet > 0)
	if ct.Status == models.StatusOptedOut {
		g.say(c, ct, models.Inbound, "STOP", end)
		g.say(c, ct, models.Outbound, "Du får ikke flere beskeder fra os. Skriv START, hvis du fortryder.", end.Add(time.Second))
	}
	if (ct.Status == models.StatusEngaged || ct.Status == models.StatusDrifting) && g.r.IntN(100) < 15 {
		g.flag(c, ct)
	}
}

// conversation is reminders and "did you go?" with the citizen's answers between start and end;
// a drifting citizen stopped answering three weeks ago.
func (g *seedGen) conversation(c *seedChunk, ct *models.Citizen, o models.Offer, start, end time.Time, msgsPer int, drifting bool) {
	n := g.r.IntN(msgsPer + 1)
	if n == 0 {
		return
	}
	step := end.Sub(start) / time.Duration(n+1)
	silentFrom := end.Add(-21 * 24 * time.Hour)
	for k := 1; k <= n; k++ {
		at := g.daytime(start.Add(time.Duration(k) * step))
		if !at.After(start) || !at.Before(end) {
			continue
		}
		if k%2 == 1 {
			g.say(c, ct, models.Outbound, fmt.Sprintf("Hej %s. Husk %s i dag kl. %s. God fornøjelse!", firstWord(ct.Name), shortTitle(o.Title), o.Schedules[0].StartTime), at)
			continue
		}
		g.say(c, ct, models.Outbound, "Var du afsted i går? Svar 1 Ja, 2 Nej, 3 Ikke denne gang, men jeg kommer.", at)
		if !drifting || at.Before(silentFrom) {
			g.say(c, ct, models.Inbound, g.pick(seedInbound), at.Add(time.Duration(3+g.r.IntN(50))*time.Minute))
		}
	}
}

// say records one SMS in the citizen's timeline.
func (g *seedGen) say(c *seedChunk, ct *models.Citizen, dir models.Direction, body string, at time.Time) {
	status := "delivered"
	if dir == models.Inbound {
		status = "received"
		ct.LastInboundAt = &at
	} else {
		ct.LastOutboundAt = &at
	}
	sid := g.sid()
	c.messages = append(c.messages, models.Message{ID: models.NewID(), CitizenID: &ct.ID, Phone: ct.Phone, Direction: dir, Body: body,
		TwilioSID: &sid, Status: status, Segments: sms.CountSegments(body).Count, ProcessedAt: &at, CreatedAt: at, UpdatedAt: at})
}

// flag is a review-queue item written as the bot and the scoring write them.
func (g *seedGen) flag(c *seedChunk, ct *models.Citizen) {
	at := g.daytime(g.now.Add(-time.Duration(g.r.IntN(14*24)) * time.Hour))
	if ct.LastInboundAt != nil && at.Before(*ct.LastInboundAt) {
		at = *ct.LastInboundAt
	}
	f := models.Flag{ID: models.NewID(), CitizenID: &ct.ID, Severity: models.SeverityHigh, CreatedAt: at}
	switch g.r.IntN(4) {
	case 0:
		f.Kind, f.Reason = models.FlagFreeText, fmt.Sprintf("The citizen wrote a message that needs a reply: %q", g.pick(seedFreeText))
	case 1:
		f.Kind, f.Reason = models.FlagLowScore, fmt.Sprintf("WHO-5 score %d is below 50. Follow up within one working day.", 20+4*g.r.IntN(7))
	case 2:
		f.Kind, f.Reason = models.FlagLoneliness, fmt.Sprintf("UCLA-3 loneliness score %d of 9. Follow up within one working day.", 7+g.r.IntN(3))
	default:
		f.Kind, f.Reason = models.FlagScoreDrop, fmt.Sprintf("WHO-5 fell %d points since the last check-in. Follow up within one working day.", 12+4*g.r.IntN(4))
	}
	c.flags = append(c.flags, f)
}

func firstWord(full string) string {
	full = strings.TrimSpace(full)
	if i := strings.IndexByte(full, ' '); i > 0 {
		return full[:i]
	}
	return full
}

// shortTitle is an offer's title without its place and times ("Strikkecafé").
func shortTitle(title string) string {
	if i := strings.Index(title, " i "); i > 0 {
		return strings.ToLower(title[:1]) + title[1:i]
	}
	return title
}
