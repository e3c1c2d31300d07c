package models

import (
	"fmt"

	"brobygger/models/offerimport"
)

// RowError is offerimport.RowError: one problem in one row of an imported file, its Row counted
// as a spreadsheet does (the header is row 1).
type RowError = offerimport.RowError

// ImportError reports every row problem of a file that was refused as a whole. It unwraps to an
// EINVALID Error, so code that only knows codes still sees the right one.
type ImportError struct {
	Rows []RowError
}

func (e *ImportError) Error() string {
	return fmt.Sprintf("%s (%d problems)", e.Summary(), len(e.Rows))
}

// Unwrap gives the EINVALID error with the sentence for people.
func (e *ImportError) Unwrap() error { return Errorf(EINVALID, "%s", e.Summary()) }

// Summary is the sentence for people: how many rows are at fault, and that nothing was imported.
func (e *ImportError) Summary() string {
	rows := map[int]bool{}
	for _, r := range e.Rows {
		rows[r.Row] = true
	}
	if len(rows) == 1 {
		return "1 row has errors; nothing was imported."
	}
	return fmt.Sprintf("%d rows have errors; nothing was imported.", len(rows))
}
