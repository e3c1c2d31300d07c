package offerimport

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// maxRows bounds one import; a municipality's directory is tens to hundreds of offers.
const maxRows = 2000

// Sheet is a directory spreadsheet read row by row into T (the caller's offer type).
type Sheet[T any] struct {
	Items []T
	// Rows holds the spreadsheet row each item came from.
	Rows []int
	// Ignored lists the headers, as written, of columns no offer field matched.
	Ignored []string
}

// BuildFunc turns one row's fields into the caller's offer, normalising and validating it, and
// returns the row's problems (their Row is set by Parse).
type BuildFunc[T any] func(Fields) (T, []RowError)

// Parse reads a directory exported from a spreadsheet: UTF-8 with or without a BOM, or
// Windows-1252 (Danish Excel's plain "CSV"); separated by ";" (Danish Excel), "," or tabs;
// headers in Danish or English in any case and order (see columnAliases). Every row goes through
// build; if any row has a problem the result is an *Error listing them all, in row order.
func Parse[T any](data []byte, build BuildFunc[T]) (*Sheet[T], error) {
	text := decodeSpreadsheetText(data)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = detectDelimiter(text), -1, true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, &Error{Rows: []RowError{{Row: 1, Message: "The file is empty; the first row must name the columns."}}}
	}
	if err != nil {
		return nil, &Error{Rows: []RowError{{Row: 1, Message: csvProblem(err)}}}
	}
	cols, ignored, problems := mapColumns(header)
	if len(problems) > 0 {
		return nil, &Error{Rows: problems}
	}
	out := &Sheet[T]{Ignored: ignored}
	for row := 2; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &Error{Rows: append(problems, RowError{Row: row, Message: csvProblem(err)})}
		}
		if blankRecord(rec) {
			continue
		}
		if len(out.Items) == maxRows {
			return nil, &Error{Rows: append(problems, RowError{Row: row, Message: fmt.Sprintf("A file can hold at most %d offers; split it.", maxRows)})}
		}
		item, rowProblems := buildRow(cols, rec, row, build)
		problems = append(problems, rowProblems...)
		out.Items, out.Rows = append(out.Items, item), append(out.Rows, row)
	}
	if len(problems) > 0 {
		return nil, &Error{Rows: problems}
	}
	if len(out.Items) == 0 {
		return nil, &Error{Rows: []RowError{{Row: 2, Message: "The file has a header row but no offers."}}}
	}
	return out, nil
}

// decodeSpreadsheetText drops a UTF-8 byte order mark, and reads bytes that are not UTF-8 as
// Windows-1252, which is what Excel writes for "CSV (semikolonsepareret)" on a Danish PC.
func decodeSpreadsheetText(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(data) {
		return string(data)
	}
	decoded, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return string(data)
	}
	return string(decoded)
}

// detectDelimiter picks ";", "," or tab, whichever the header row uses most (";" on a tie,
// since Danish Excel writes it and Danish text is full of commas).
func detectDelimiter(text string) rune {
	line, _, _ := strings.Cut(text, "\n")
	best, bestN := ';', strings.Count(line, ";")
	for _, d := range []rune{',', '\t'} {
		if n := strings.Count(line, string(d)); n > bestN {
			best, bestN = d, n
		}
	}
	return best
}

func csvProblem(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("The file could not be read as CSV at line %d: %v.", pe.Line, pe.Err)
	}
	return "The file could not be read as CSV."
}

func blankRecord(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}
