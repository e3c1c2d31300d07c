package models

import (
	"context"
	"fmt"
	"time"

	"brobygger/models/research"
)

// ResearchFilter selects the citizens of a research export by the day their referral was
// received: From inclusive, To exclusive; a nil bound is open.
type ResearchFilter struct {
	From, To *time.Time
}

// researchInstruments are the questionnaires the export reads.
var researchInstruments = []string{research.InstrumentWHO5, research.InstrumentUCLA3, research.InstrumentParticipation, research.InstrumentONS4}

// researchSubjectRow is one consenting citizen and their (first) referral.
type researchSubjectRow struct {
	ID                 string
	ContactConfirmedAt *time.Time
	ReferredAt         time.Time
	Clinic             string
	BirthYear          *int
	Sex                *string
	ReasonCategory     *string
}

// researchSubjects returns up to limit consenting citizens after afterID (in id order; "" starts
// at the beginning), each with what the export needs, and the id to continue after ("" when
// there are no more). Only citizens who gave research consent and have not withdrawn it are
// read; a withdrawal is recorded in research_withdrawals, so it holds for every later export.
func (s *Store) researchSubjects(ctx context.Context, f ResearchFilter, afterID string, limit int) ([]research.Subject, string, error) {
	q := s.q(ctx).Table("citizens AS c").
		Select("c.id, c.contact_confirmed_at, r.created_at AS referred_at, r.referrer_clinic AS clinic, r.birth_year, r.sex, r.reason_category").
		Joins("JOIN referrals AS r ON r.citizen_id = c.id").
		Where("c.consent_research_at IS NOT NULL").
		Where("NOT EXISTS (SELECT 1 FROM research_withdrawals AS w WHERE w.citizen_id = c.id)")
	if afterID != "" {
		q = q.Where("c.id > ?", afterID)
	}
	if f.From != nil {
		q = q.Where("r.created_at >= ?", f.From.UTC())
	}
	if f.To != nil {
		q = q.Where("r.created_at < ?", f.To.UTC())
	}
	var rows []researchSubjectRow
	if err := q.Order("c.id").Order("r.created_at").Limit(limit).Scan(&rows).Error; err != nil {
		return nil, "", fmt.Errorf("research subjects: %w", err)
	}
	subjects, ids := firstReferralEach(rows)
	if len(subjects) == 0 {
		return nil, "", nil
	}
	if err := s.fillResearchFacts(ctx, subjects, ids); err != nil {
		return nil, "", err
	}
	next := ""
	if len(rows) == limit {
		next = rows[len(rows)-1].ID
	}
	return subjects, next, nil
}

// firstReferralEach keeps each citizen's earliest referral (a citizen has one in practice; a
// re-referral of the same person is a new citizen record).
func firstReferralEach(rows []researchSubjectRow) ([]research.Subject, []string) {
	var out []research.Subject
	var ids []string
	for _, r := range rows {
		if len(ids) > 0 && ids[len(ids)-1] == r.ID {
			continue
		}
		ids = append(ids, r.ID)
		out = append(out, research.Subject{CitizenID: r.ID, ReferredAt: r.ReferredAt.UTC(), ContactConfirmedAt: r.ContactConfirmedAt,
			BirthYear: r.BirthYear, Sex: orEmpty(r.Sex), ReasonCategory: orEmpty(r.ReasonCategory), Clinic: r.Clinic})
	}
	return out, ids
}

func orEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// fillResearchFacts adds each subject's completed questionnaires, SMS times and follow-up
// answers, a batch query each for the page.
func (s *Store) fillResearchFacts(ctx context.Context, subjects []research.Subject, ids []string) error {
	at := make(map[string]*research.Subject, len(subjects))
	for i := range subjects {
		at[subjects[i].CitizenID] = &subjects[i]
	}
	if err := s.researchMeasurements(ctx, ids, at); err != nil {
		return err
	}
	return inChunks(ids, func(part []string) error {
		cond, arg := s.oneOf("citizen_id", "uuid", part)
		var msgs []struct {
			CitizenID string
			CreatedAt time.Time
		}
		if err := s.q(ctx).Model(&Message{}).Select("citizen_id, created_at").Where(cond, arg).
			Where("direction = ?", Inbound).Scan(&msgs).Error; err != nil {
			return fmt.Errorf("research replies: %w", err)
		}
		for _, m := range msgs {
			at[m.CitizenID].Replies = append(at[m.CitizenID].Replies, m.CreatedAt.UTC())
		}
		var atts []Attendance
		if err := s.q(ctx).Where(cond, arg).Find(&atts).Error; err != nil {
			return fmt.Errorf("research follow-ups: %w", err)
		}
		for _, a := range atts {
			at[a.CitizenID].Followups = append(at[a.CitizenID].Followups, research.Followup{On: a.OccurrenceOn.UTC(), Attended: a.Answer == AttendedYes})
		}
		return nil
	})
}

// researchMeasurements adds the completed check-ins of the export's instruments, with their
// item answers.
func (s *Store) researchMeasurements(ctx context.Context, ids []string, at map[string]*research.Subject) error {
	return inChunks(ids, func(part []string) error {
		cond, arg := s.oneOf("citizen_id", "uuid", part)
		var cs []Checkin
		err := s.q(ctx).Where(cond, arg).Where("status = ? AND completed_at IS NOT NULL AND instrument IN ?", CheckinCompleted, researchInstruments).
			Order("completed_at").Find(&cs).Error
		if err != nil {
			return fmt.Errorf("research check-ins: %w", err)
		}
		items, err := s.answerValues(ctx, cs)
		if err != nil {
			return err
		}
		for _, c := range cs {
			at[c.CitizenID].Measurements = append(at[c.CitizenID].Measurements, research.Measurement{Instrument: c.Instrument,
				Version: c.Version, At: c.CompletedAt.UTC(), Raw: c.Raw, Score: c.Score, Items: items[c.ID]})
		}
		return nil
	})
}

// answerValues reads the answered items of some check-ins, by check-in.
func (s *Store) answerValues(ctx context.Context, cs []Checkin) (map[string]map[int]int, error) {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	out := make(map[string]map[int]int, len(cs))
	err := inChunks(ids, func(part []string) error {
		cond, arg := s.oneOf("checkin_id", "uuid", part)
		var as []Answer
		if err := s.q(ctx).Where(cond, arg).Where("value IS NOT NULL").Find(&as).Error; err != nil {
			return fmt.Errorf("research answers: %w", err)
		}
		for _, a := range as {
			if out[a.CheckinID] == nil {
				out[a.CheckinID] = map[int]int{}
			}
			out[a.CheckinID][a.Item] = *a.Value
		}
		return nil
	})
	return out, err
}

// ResearchIdentities returns who each consenting citizen of the export is, for the key file.
// The same filter selects the same citizens as researchSubjects.
func (s *Store) ResearchIdentities(ctx context.Context, f ResearchFilter) ([]research.Identity, error) {
	q := s.q(ctx).Table("citizens AS c").
		Select("c.id AS citizen_id, c.name, c.phone, r.email, r.birth_year, r.created_at AS referred_at, r.referrer_clinic AS clinic").
		Joins("JOIN referrals AS r ON r.citizen_id = c.id").
		Where("c.consent_research_at IS NOT NULL").
		Where("NOT EXISTS (SELECT 1 FROM research_withdrawals AS w WHERE w.citizen_id = c.id)")
	if f.From != nil {
		q = q.Where("r.created_at >= ?", f.From.UTC())
	}
	if f.To != nil {
		q = q.Where("r.created_at < ?", f.To.UTC())
	}
	var rows []struct {
		CitizenID, Name, Phone, Clinic string
		Email                          *string
		BirthYear                      *int
		ReferredAt                     time.Time
	}
	if err := q.Order("c.id").Order("r.created_at").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("research identities: %w", err)
	}
	var out []research.Identity
	for _, r := range rows {
		if len(out) > 0 && out[len(out)-1].CitizenID == r.CitizenID {
			continue
		}
		out = append(out, research.Identity{CitizenID: r.CitizenID, Name: r.Name, Phone: r.Phone, Email: orEmpty(r.Email),
			BirthYear: r.BirthYear, ReferredAt: r.ReferredAt.UTC(), Clinic: r.Clinic})
	}
	return out, nil
}

// ParseResearchPeriod reads an export's period: from and to are dates of the referral
// ("YYYY-MM-DD", both inclusive, empty for open) in the site's time zone.
func ParseResearchPeriod(from, to string, loc *time.Location) (ResearchFilter, error) {
	var f ResearchFilter
	if from != "" {
		d, err := time.ParseInLocation(time.DateOnly, from, loc)
		if err != nil {
			return f, Invalid("from", "from must be a date written YYYY-MM-DD.")
		}
		f.From = &d
	}
	if to != "" {
		d, err := time.ParseInLocation(time.DateOnly, to, loc)
		if err != nil {
			return f, Invalid("to", "to must be a date written YYYY-MM-DD.")
		}
		end := d.AddDate(0, 0, 1)
		f.To = &end
	}
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		return f, Invalid("to", "to must not be before from.")
	}
	return f, nil
}
