package research

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
)

// Format is how the export is written.
type Format string

// The export's formats.
const (
	FormatCSV  Format = "csv"
	FormatJSON Format = "json"
)

// ParseFormat reads a format name; empty is CSV.
func ParseFormat(s string) (Format, bool) {
	switch Format(s) {
	case "", FormatCSV:
		return FormatCSV, true
	case FormatJSON:
		return FormatJSON, true
	}
	return "", false
}

// ContentType is the format's media type.
func (f Format) ContentType() string {
	if f == FormatJSON {
		return "application/json"
	}
	return "text/csv; charset=utf-8"
}

// Writer writes rows page by page, so an export of many citizens never holds them all.
type Writer interface {
	Write(rows []Row) error
	// Close ends the document (the CSV's last line, the JSON's closing brackets) and flushes.
	Close() error
}

// NewWriter starts an export document in format f.
func NewWriter(w io.Writer, f Format) (Writer, error) {
	if f == FormatJSON {
		bw := bufio.NewWriter(w)
		_, err := bw.WriteString(`{"rows":[`)
		return &jsonWriter{w: bw}, err
	}
	cw := csv.NewWriter(w)
	cols := columns()
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Name
	}
	return &csvWriter{w: cw, cols: cols}, cw.Write(header)
}

type csvWriter struct {
	w    *csv.Writer
	cols []column
}

func (c *csvWriter) Write(rows []Row) error {
	rec := make([]string, len(c.cols))
	for i := range rows {
		for j, col := range c.cols {
			rec[j] = cell(col.Value(&rows[i]))
		}
		if err := c.w.Write(rec); err != nil {
			return fmt.Errorf("write research csv: %w", err)
		}
	}
	return nil
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

// cell writes a value as CSV text; nil is an empty cell.
func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case int:
		return strconv.Itoa(v)
	case string:
		return v
	}
	return fmt.Sprint(v)
}

type jsonWriter struct {
	w     *bufio.Writer
	wrote bool
}

// Write writes each row as an object whose keys are the columns in order (nil is null).
func (j *jsonWriter) Write(rows []Row) error {
	cols := columns()
	for i := range rows {
		if j.wrote {
			j.w.WriteByte(',')
		}
		j.wrote = true
		j.w.WriteByte('{')
		for k, col := range cols {
			if k > 0 {
				j.w.WriteByte(',')
			}
			name, _ := json.Marshal(col.Name)
			val, err := json.Marshal(col.Value(&rows[i]))
			if err != nil {
				return fmt.Errorf("write research json: %w", err)
			}
			j.w.Write(name)
			j.w.WriteByte(':')
			j.w.Write(val)
		}
		j.w.WriteByte('}')
	}
	return nil
}

func (j *jsonWriter) Close() error {
	j.w.WriteString("]}\n")
	return j.w.Flush()
}
