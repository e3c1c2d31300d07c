package models

import (
	"fmt"
	"time"
)

// seedChunk is one transaction's worth of synthetic rows.
type seedChunk struct {
	citizens      []Citizen
	referrals     []Referral
	events        []ReferralEvent
	prescriptions []Prescription
	messages      []Message
	checkins      []Checkin
	flags         []Flag
}

// seedStatusMix is how a real caseload spreads over statuses (percent).
var seedStatusMix = []struct {
	status CitizenStatus
	pct    int
}{{StatusReferred, 3}, {StatusAwaitingContact, 4}, {StatusContacted, 8}, {StatusConfirmed, 10}, {StatusEngaged, 45},
	{StatusDrifting, 10}, {StatusUnreachable, 5}, {StatusDeclined, 5}, {StatusOptedOut, 5}, {StatusCompleted, 5}}

func (g *seedGen) status() CitizenStatus {
	n := g.r.IntN(100)
	for _, m := range seedStatusMix {
		if n < m.pct {
			return m.status
		}
		n -= m.pct
	}
	return StatusEngaged
}

func (g *seedGen) chunk(start, n int, workers []string, offers []Offer, msgsPer int) *seedChunk {
	c := &seedChunk{}
	for i := start; i < start+n; i++ {
		ct := g.citizen(i, workers[(i/citizensPerWorker)%len(workers)])
		g.referral(c, &ct)
		g.activity(c, &ct, offers, msgsPer)
		c.citizens = append(c.citizens, ct)
	}
	return c
}

func (g *seedGen) citizen(i int, worker string) Citizen {
	created := g.ago(270)
	st := g.status()
	lang := LangDA
	if g.r.IntN(10) == 0 {
		lang = LangEN
	}
	c := Citizen{ID: NewID(), Name: g.fullName(), Phone: seedPhone(i), Language: lang, LinkWorkerID: worker, Status: st,
		ConsentContactAt: &created, ConsentDataAt: &created, CreatedAt: created, UpdatedAt: created,
		Preferences: Preferences{RemindersEnabled: true, PreferredChannel: "sms"}}
	later := func(d int) *time.Time { t := created.Add(time.Duration(d) * time.Hour); return &t }
	if st != StatusReferred {
		c.ContactedAt = later(1)
	}
	switch st {
	case StatusConfirmed, StatusEngaged, StatusDrifting, StatusCompleted, StatusOptedOut:
		c.ContactConfirmedAt = later(3)
	}
	switch st {
	case StatusUnreachable:
		c.UnreachableAt = later(120)
	case StatusDeclined:
		c.DeclinedAt = later(5)
	case StatusOptedOut:
		c.OptedOutAt, c.OptOutSource = later(200), OptOutBySMS
	case StatusCompleted:
		c.CompletedAt, c.ClosedAt = later(24*180), later(24*180)
	}
	return c
}

func (g *seedGen) referral(c *seedChunk, ct *Citizen) {
	r := Referral{ID: NewID(), CitizenID: ct.ID, ReferrerName: "Dr. " + g.pick(seedLastNames), ReferrerClinic: "Lægehuset " + g.pick(seedLastNames),
		Reason: "Ensomhed og ønske om fællesskab", ConsentAt: ct.CreatedAt, Status: ReferralAccepted, CreatedAt: ct.CreatedAt, UpdatedAt: ct.CreatedAt}
	c.referrals = append(c.referrals, r)
	c.events = append(c.events, ReferralEvent{ID: NewID(), ReferralID: r.ID, Status: ReferralReceived, Note: "Referral received.", At: ct.CreatedAt})
}

// activity adds messages, check-ins with scores, a prescription and sometimes a flag.
func (g *seedGen) activity(c *seedChunk, ct *Citizen, offers []Offer, msgsPer int) {
	n := g.r.IntN(2*msgsPer + 1)
	for k := 0; k < n; k++ {
		at := ct.CreatedAt.Add(time.Duration(k+1) * 37 * time.Hour)
		if at.After(g.now) {
			at = g.now.Add(-time.Duration(n-k) * time.Minute)
		}
		dir, body, status := Outbound, g.pick(seedOutbound), "delivered"
		if k%2 == 1 {
			dir, body, status = Inbound, g.pick(seedInbound), "received"
		}
		sid := g.sid()
		c.messages = append(c.messages, Message{ID: NewID(), CitizenID: &ct.ID, Phone: ct.Phone, Direction: dir, Body: body,
			TwilioSID: &sid, Status: status, Segments: 1, ProcessedAt: &at, CreatedAt: at, UpdatedAt: at})
		if dir == Inbound {
			ct.LastInboundAt = &at
		} else {
			ct.LastOutboundAt = &at
		}
	}
	if ct.ContactConfirmedAt == nil {
		return
	}
	g.checkins(c, ct)
	o := offers[g.r.IntN(len(offers))]
	c.prescriptions = append(c.prescriptions, Prescription{ID: NewID(), CitizenID: ct.ID, OfferID: o.ID, Weekday: 1 + g.r.IntN(5),
		StartTime: "14:00", EndTime: "16:00", StartsOn: *ct.ContactConfirmedAt, Active: ct.Status == StatusEngaged, CreatedAt: ct.CreatedAt, UpdatedAt: ct.CreatedAt})
	if g.r.IntN(100) < 6 {
		kinds := []FlagKind{FlagLowScore, FlagFreeText, FlagScoreDrop, FlagLoneliness, FlagCrisis}
		k := kinds[g.r.IntN(len(kinds))]
		sev := SeverityHigh
		if k == FlagCrisis {
			sev = SeverityUrgent
		}
		c.flags = append(c.flags, Flag{ID: NewID(), CitizenID: &ct.ID, Kind: k, Severity: sev, Reason: "Synthetic " + string(k) + " flag for testing.", CreatedAt: g.ago(20)})
	}
}

func (g *seedGen) checkins(c *seedChunk, ct *Citizen) {
	who5 := float64(20 + 4*g.r.IntN(18))
	for k := 0; k < 1+g.r.IntN(5); k++ {
		done := ct.ContactConfirmedAt.Add(time.Duration(k) * 21 * 24 * time.Hour)
		if done.After(g.now) {
			return
		}
		who5 = max(0, min(100, who5+float64(4*(g.r.IntN(5)-2))))
		ucla := float64(3 + g.r.IntN(7))
		for _, inst := range []struct {
			key   string
			score float64
		}{{"who5", who5}, {"ucla3", ucla}} {
			sc := inst.score
			c.checkins = append(c.checkins, Checkin{ID: NewID(), CitizenID: ct.ID, Instrument: inst.key, Version: "1", Status: CheckinCompleted,
				DueAt: done, OpenedAt: &done, CompletedAt: &done, Channel: "sms", Score: &sc, CreatedAt: done})
		}
	}
}

func (g *seedGen) offers(n int) []Offer {
	out := make([]Offer, 0, n)
	for i := 0; i < n; i++ {
		id := NewID()
		out = append(out, Offer{ID: id, Organisation: g.pick(seedOrgs), Title: fmt.Sprintf("%s %d", g.pick(seedOfferTitles), i+1),
			Description: "Et hyggeligt fællesskab for alle, der har lyst.", TargetGroup: "Voksne og ældre", Purpose: "Fællesskab",
			AddressLine: fmt.Sprintf("Amagerbrogade %d", 10+i), PostalCode: "2300", City: "København S", ContactName: g.fullName(),
			ContactPhone: fmt.Sprintf("+45%d", 32000000+i), Active: true, CreatedAt: g.now, UpdatedAt: g.now,
			Schedules: []OfferSchedule{{ID: NewID(), OfferID: id, Weekday: 1 + i%5, StartTime: "14:00", EndTime: "16:00"}}})
	}
	return out
}
