package research

import (
	"encoding/csv"
	"fmt"
	"io"
	"time"
)

// Identity is what the key file says about one citizen: who a study ID is, for linkage with
// registry data by the research unit's data manager.
type Identity struct {
	CitizenID  string
	Name       string
	Phone      string
	Email      string
	BirthYear  *int
	ReferredAt time.Time
	Clinic     string
}

// WriteKeyFile writes the key file as CSV: study ID, clinic code and the identifying facts. It
// is the one file that undoes the pseudonymisation; the caller gives it 0600 permissions.
func WriteKeyFile(w io.Writer, ids []Identity, p *Pseudonymiser, loc *time.Location) error {
	cw := csv.NewWriter(w)
	header := []string{"study_id", "citizen_id", "name", "phone", "email", "birth_year", "referral_received_on", "clinic_code", "clinic"}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write key file: %w", err)
	}
	for _, id := range ids {
		by := ""
		if id.BirthYear != nil {
			by = fmt.Sprint(*id.BirthYear)
		}
		rec := []string{p.StudyID(id.CitizenID), id.CitizenID, id.Name, id.Phone, id.Email, by,
			id.ReferredAt.In(loc).Format(time.DateOnly), p.clinicCode(id.Clinic), id.Clinic}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write key file: %w", err)
		}
	}
	cw.Flush()
	return cw.Error()
}
