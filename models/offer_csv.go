package models

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

// maxImportRows bounds one import; a municipality's directory is tens to hundreds of offers.
const maxImportRows = 2000

// OfferCSV is a directory spreadsheet read and validated, ready for CreateOffers.
type OfferCSV struct {
	Offers []Offer
	// Rows holds the spreadsheet row each offer came from.
	Rows []int
	// Ignored lists the headers, as written, of columns no offer field matched.
	Ignored []string
}

// ParseOfferCSV reads a directory exported from a spreadsheet: UTF-8 with or without a BOM, or
// Windows-1252 (Danish Excel's plain "CSV"); separated by ";" (Danish Excel), "," or tabs;
// headers in Danish or English in any case and order (see offerColumnAliases). Every row is
// validated; if any row has a problem the result is an *ImportError listing them all.
func ParseOfferCSV(data []byte) (*OfferCSV, error) {
	// No spreadsheet writes a NUL, and PostgreSQL cannot store one: the file is refused whole.
	// (Bytes that are not UTF-8 are read as Windows-1252, the other encoding Excel writes.)
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, Invalid("file", "The file holds a NUL character (\\u0000); it is not a text spreadsheet. Save it again as CSV.")
	}
	text := decodeSpreadsheetText(data)
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = detectDelimiter(text), -1, true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, &ImportError{Rows: []RowError{{Row: 1, Message: "The file is empty; the first row must name the columns."}}}
	}
	if err != nil {
		return nil, &ImportError{Rows: []RowError{{Row: 1, Message: csvProblem(err)}}}
	}
	cols, ignored, problems := mapOfferColumns(header)
	if len(problems) > 0 {
		return nil, &ImportError{Rows: problems}
	}
	out := &OfferCSV{Ignored: ignored}
	for row := 2; ; row++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, &ImportError{Rows: append(problems, RowError{Row: row, Message: csvProblem(err)})}
		}
		if blankRecord(rec) {
			continue
		}
		if len(out.Offers) == maxImportRows {
			return nil, &ImportError{Rows: append(problems, RowError{Row: row, Message: fmt.Sprintf("A file can hold at most %d offers; split it.", maxImportRows)})}
		}
		o, rowProblems := offerFromRecord(cols, rec, row)
		problems = append(problems, rowProblems...)
		out.Offers, out.Rows = append(out.Offers, o), append(out.Rows, row)
	}
	if len(problems) > 0 {
		return nil, &ImportError{Rows: problems}
	}
	if len(out.Offers) == 0 {
		return nil, &ImportError{Rows: []RowError{{Row: 2, Message: "The file has a header row but no offers."}}}
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
