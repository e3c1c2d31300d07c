package seed

import (
	"brobygger/models"
	"fmt"
	"time"
)

// seedChunk is one transaction's worth of synthetic rows.
type seedChunk struct {
	citizens      []models.Citizen
	referrals     []models.Referral
	events        []models.ReferralEvent
	prescriptions []models.Prescription
	messages      []models.Message
	checkins      []models.Checkin
	answers       []models.Answer
	flags         []models.Flag
}

// seedStatusMix is how a real caseload spreads over statuses (percent).
var seedStatusMix = []struct {
	status models.CitizenStatus
	pct    int
}{{models.StatusReferred, 3}, {models.StatusContacted, 12}, {models.StatusConfirmed, 10}, {models.StatusEngaged, 45},
	{models.StatusDrifting, 10}, {models.StatusUnreachable, 5}, {models.StatusDeclined, 5}, {models.StatusOptedOut, 5}, {models.StatusCompleted, 5}}

// seedAge is how long ago a citizen in each status was referred, in days (min, max): a
// completed course took half a year, a citizen still "contacted" was referred days ago.
var seedAge = map[models.CitizenStatus][2]int{
	models.StatusReferred: {0, 1}, models.StatusContacted: {1, 4}, models.StatusConfirmed: {4, 20}, models.StatusEngaged: {30, 270},
	models.StatusDrifting: {60, 270}, models.StatusUnreachable: {8, 120}, models.StatusDeclined: {2, 120}, models.StatusOptedOut: {40, 270},
	models.StatusCompleted: {200, 270},
}

func (g *seedGen) status() models.CitizenStatus {
	n := g.r.IntN(100)
	for _, m := range seedStatusMix {
		if n < m.pct {
			return m.status
		}
		n -= m.pct
	}
	return models.StatusEngaged
}

func (g *seedGen) chunk(start, n int, workers []seedWorker, offers []models.Offer, msgsPer int) *seedChunk {
	c := &seedChunk{}
	for i := start; i < start+n; i++ {
		ct := g.citizen(i, workers[(i/citizensPerWorker)%len(workers)].id)
		g.referral(c, &ct)
		g.story(c, &ct, workers[(i/citizensPerWorker)%len(workers)], offers, msgsPer)
		c.citizens = append(c.citizens, ct)
	}
	return c
}

func (g *seedGen) citizen(i int, worker string) models.Citizen {
	st := g.status()
	age := seedAge[st]
	created := g.daytime(g.now.Add(-time.Duration(age[0])*24*time.Hour - time.Duration(g.r.Int64N(int64(age[1]-age[0]+1)*24*int64(time.Hour)))))
	lang := models.LangDA
	if g.r.IntN(10) == 0 {
		lang = models.LangEN
	}
	return models.Citizen{ID: models.NewID(), Name: g.fullName(), Phone: seedPhone(i), Language: lang, LinkWorkerID: worker, Status: st,
		ConsentContactAt: &created, ConsentDataAt: &created, CreatedAt: created, UpdatedAt: created,
		Preferences: models.Preferences{RemindersEnabled: true, PreferredChannel: "sms"}}
}

func (g *seedGen) referral(c *seedChunk, ct *models.Citizen) {
	r := models.Referral{ID: models.NewID(), CitizenID: ct.ID, ReferrerName: "Dr. " + g.pick(seedLastNames), ReferrerClinic: "Lægehuset " + g.pick(seedStreets),
		Reason: g.pick(seedReferralReasons), ConsentAt: ct.CreatedAt, Status: models.ReferralAccepted, CreatedAt: ct.CreatedAt, UpdatedAt: ct.CreatedAt}
	c.referrals = append(c.referrals, r)
	c.events = append(c.events, models.ReferralEvent{ID: models.NewID(), ReferralID: r.ID, Status: models.ReferralReceived, Note: "Referral received.", At: ct.CreatedAt})
}

func (g *seedGen) checkins(c *seedChunk, ct *models.Citizen, from, until time.Time, unanswered int) {
	who5 := float64(20 + 4*g.r.IntN(18))
	var due []time.Time
	for d := g.daytime(from.Add(7 * 24 * time.Hour)); d.Before(until); d = g.daytime(d.Add(21 * 24 * time.Hour)) {
		due = append(due, d)
	}
	for k, d := range due {
		done := d.Add(time.Duration(5+g.r.IntN(50)) * time.Minute)
		missed := k >= len(due)-unanswered
		// The items of the last answered check-in are stored too: engagement is derived from
		// them. Older ones keep only their scores, which bounds a million citizens' seed.
		withItems := k == len(due)-unanswered-1
		who5 = max(0, min(100, who5+float64(4*(g.r.IntN(5)-2))))
		ucla := float64(3 + g.r.IntN(7))
		for _, inst := range []struct {
			key           string
			score         float64
			items, lo, hi int
			scale         int
		}{{"who5", who5, 5, 0, 5, 4}, {"ucla3", ucla, 3, 1, 3, 1}} {
			ck := models.Checkin{ID: models.NewID(), CitizenID: ct.ID, Instrument: inst.key, Version: "1", Status: models.CheckinCompleted,
				DueAt: d, OpenedAt: &d, Channel: "sms", CreatedAt: d}
			if missed {
				ck.Status = models.CheckinIncomplete
			} else {
				sc := inst.score
				ck.CompletedAt, ck.Score = &done, &sc
			}
			c.checkins = append(c.checkins, ck)
			if withItems {
				for item, v := range spread(int(inst.score)/inst.scale, inst.items, inst.lo, inst.hi) {
					v := v
					c.answers = append(c.answers, models.Answer{ID: models.NewID(), CheckinID: ck.ID, Item: item + 1, Value: &v,
						RawText: fmt.Sprint(v), Channel: "sms", AnsweredAt: done})
				}
			}
		}
	}
}

// offers lists n offers as a volunteer centre writes them ("Strikkecafé i Valby Kulturhus,
// tirsdage kl. 14-16"); the schedule agrees with the title. Hyphens, not dashes: titles reach
// SMS, where one dash makes the text UCS-2.
func (g *seedGen) offers(n int) []models.Offer {
	out := make([]models.Offer, 0, n)
	for i := 0; i < n; i++ {
		a, v := seedActivities[i%len(seedActivities)], seedVenues[(i/len(seedActivities)+i)%len(seedVenues)]
		day, slot := 1+(i*3)%5, seedSlots[(i+i/5)%len(seedSlots)]
		title := fmt.Sprintf("%s i %s, %s kl. %s-%s", a.title, v.name, seedWeekdays[day], hourOf(slot[0]), hourOf(slot[1]))
		if i >= len(seedActivities)*len(seedVenues) {
			title += fmt.Sprintf(" (hold %d)", i/(len(seedActivities)*len(seedVenues))+1)
		}
		id := models.NewID()
		out = append(out, models.Offer{ID: id, Organisation: a.org, Title: title, Description: a.description,
			TargetGroup: "Voksne, der savner fællesskab", Purpose: "Fællesskab", AddressLine: v.street, PostalCode: v.postal, City: v.city,
			ContactName: g.fullName(), ContactPhone: fmt.Sprintf("+45%d", 32000000+i), Active: true, CreatedAt: g.now, UpdatedAt: g.now,
			Schedules: []models.OfferSchedule{{ID: models.NewID(), OfferID: id, Weekday: day, StartTime: slot[0], EndTime: slot[1]}}})
	}
	return out
}

// hourOf writes "14:00" as "14" and "17:30" as "17.30", as Danish notices do.
func hourOf(hhmm string) string {
	if hhmm[3:] == "00" {
		return hhmm[:2]
	}
	return hhmm[:2] + "." + hhmm[3:]
}

// spread splits a raw score into n item values within [lo, hi] that add up to it (the score
// is always within n×lo … n×hi).
func spread(total, n, lo, hi int) []int {
	out := make([]int, n)
	left := total
	for i := range out {
		rest := n - i - 1
		v := (left + rest) / (rest + 1)
		v = min(max(v, left-rest*hi), left-rest*lo)
		out[i] = min(hi, max(lo, v))
		left -= out[i]
	}
	return out
}
