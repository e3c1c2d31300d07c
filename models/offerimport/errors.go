package offerimport

import "fmt"

// RowError is one problem in one row of an imported file. Row counts as a spreadsheet does:
// the header is row 1, the first offer row 2. Field names the offer field at fault ("" for the
// file as a whole).
type RowError struct {
	Row     int
	Field   string
	Message string
}

// Error reports every row problem of a file that was refused as a whole.
type Error struct {
	Rows []RowError
}

func (e *Error) Error() string {
	return fmt.Sprintf("%d problems in the file", len(e.Rows))
}
