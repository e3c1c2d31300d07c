package models

import (
	"context"
	"io"
	"time"

	"brobygger/models/research"
)

// researchPage is how many citizens an export reads at a time.
const researchPage = 500

// ResearchExport is one export's settings.
type ResearchExport struct {
	Filter   ResearchFilter
	Format   research.Format
	Pseudo   *research.Pseudonymiser
	Location *time.Location
}

// WriteResearchExport writes the pseudonymised export to w, page by page, and returns the number
// of rows. The CLI and the API both call it, so the two can never write different files.
func (s *Store) WriteResearchExport(ctx context.Context, w io.Writer, e ResearchExport) (int, error) {
	out, err := research.NewWriter(w, e.Format)
	if err != nil {
		return 0, err
	}
	now, n, after := s.Now(), 0, ""
	for {
		subjects, next, err := s.researchSubjects(ctx, e.Filter, after, researchPage)
		if err != nil {
			return n, err
		}
		rows := research.Build(subjects, e.Pseudo, now, e.Location)
		if err := out.Write(rows); err != nil {
			return n, err
		}
		n += len(rows)
		if next == "" {
			return n, out.Close()
		}
		after = next
	}
}

// ResearchInstrumentVersions lists every loaded version of the export's instruments, for the
// codebook.
func ResearchInstrumentVersions(reg *InstrumentRegistry) []research.InstrumentVersion {
	var out []research.InstrumentVersion
	for _, key := range researchInstruments {
		for _, inst := range reg.All() {
			if inst.Key == key {
				out = append(out, research.InstrumentVersion{Key: inst.Key, Version: inst.Version, Name: inst.Name, Citation: inst.Citation})
			}
		}
	}
	return out
}
