package sqldialect

import (
	"fmt"
	"strings"
	"unicode"
)

// caseBlindPattern writes each cased letter as a bracket of both cases and quotes the rest.
func caseBlindPattern(s string, quote func(string) string) string {
	var b strings.Builder
	for _, r := range s {
		lo, up := unicode.ToLower(r), unicode.ToUpper(r)
		if lo != up {
			fmt.Fprintf(&b, "[%c%c]", lo, up)
			continue
		}
		b.WriteString(quote(string(r)))
	}
	return b.String()
}

// placeholders writes rows tuples of cols parameters, numbered from 1 by param.
func placeholders(rows, cols int, param func(n int) string) string {
	var b strings.Builder
	p := 0
	for r := range rows {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteByte(',')
			}
			p++
			b.WriteString(param(p))
		}
		b.WriteByte(')')
	}
	return b.String()
}
