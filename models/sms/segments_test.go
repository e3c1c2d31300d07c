package sms

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCountSegments(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	ogonek := func(n int) string { return strings.Repeat("ą", n) } // not GSM-7, one UTF-16 unit
	grin := "😀"                                                    // outside the BMP: a surrogate pair

	tests := []struct {
		name string
		body string
		want Segments
	}{
		{"empty body is billed as one segment", "", Segments{GSM7, 0, 1}},
		{"plain ASCII", "Hej", Segments{GSM7, 3, 1}},
		{"Danish letters stay GSM-7",
			"Hej Søren! Din aftale på Ærø er bekræftet. Mødested: Åbyhøj, kl. 10:00.",
			Segments{GSM7, 71, 1}},
		{"other basic-table letters", "ÄÖÑÜ§¿äöñüàèéùìòÇÉß¡ΓΔΘΛΞΠΣΦΨΩ@£$¥¤_",
			Segments{GSM7, 36, 1}},
		{"160 septets fit one segment", a(160), Segments{GSM7, 160, 1}},
		{"161 septets need two", a(161), Segments{GSM7, 161, 2}},
		{"306 septets fill exactly two parts", a(306), Segments{GSM7, 306, 2}},
		{"307 septets need three", a(307), Segments{GSM7, 307, 3}},
		{"extension characters count two septets", "{}[]~|^\\€\f", Segments{GSM7, 20, 1}},
		{"80 euro signs are 160 septets", strings.Repeat("€", 80), Segments{GSM7, 160, 1}},
		{"81 euro signs spill over", strings.Repeat("€", 81), Segments{GSM7, 162, 2}},
		{"escape pair ending exactly on the part boundary", a(151) + "€" + a(153),
			Segments{GSM7, 306, 2}},
		{"escape pair is not split across parts", a(152) + "€" + a(152),
			Segments{GSM7, 306, 3}},
		{"en dash forces UCS-2", "Kl. 10–12", Segments{UCS2, 9, 1}},
		{"typographic apostrophe forces UCS-2", "Vi ses i morgen’", Segments{UCS2, 16, 1}},
		{"backtick is not in GSM 03.38", "`", Segments{UCS2, 1, 1}},
		{"lowercase c cedilla is not in GSM 03.38", "ç", Segments{UCS2, 1, 1}},
		{"Greek capital alpha is not the Latin A", "Α", Segments{UCS2, 1, 1}},
		{"emoji is a surrogate pair", "Hej " + grin, Segments{UCS2, 6, 1}},
		{"70 UCS-2 units fit one segment", ogonek(70), Segments{UCS2, 70, 1}},
		{"71 UCS-2 units need two", ogonek(71), Segments{UCS2, 71, 2}},
		{"134 UCS-2 units fill exactly two parts", ogonek(134), Segments{UCS2, 134, 2}},
		{"135 UCS-2 units need three", ogonek(135), Segments{UCS2, 135, 3}},
		{"35 emoji are 70 units", strings.Repeat(grin, 35), Segments{UCS2, 70, 1}},
		{"36 emoji spill over", strings.Repeat(grin, 36), Segments{UCS2, 72, 2}},
		{"surrogate pair is not split across parts", ogonek(66) + grin + ogonek(66),
			Segments{UCS2, 134, 3}},
		{"one emoji turns a GSM-7 text into UCS-2", a(100) + grin, Segments{UCS2, 102, 2}},
		{"invalid UTF-8 counts as U+FFFD", "\xff", Segments{UCS2, 1, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := CountSegments(tc.body); got != tc.want {
				t.Errorf("CountSegments(%q) = %+v, want %+v", tc.body, got, tc.want)
			}
		})
	}
}

// gsm7BasicTable is the GSM 03.38 basic table in code order 0x00-0x7F,
// without 0x1B (the escape to the extension table).
const gsm7BasicTable = "@£$¥èéùìòÇ\nØø\rÅå" +
	"Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ" +
	" !\"#¤%&'()*+,-./" +
	"0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
	"¿abcdefghijklmnopqrstuvwxyzäöñüà"

const gsm7ExtensionTable = "\f^{}\\[~]|€"

func TestGSM7TablesMatchTheStandard(t *testing.T) {
	if n := utf8.RuneCountInString(gsm7BasicTable); n != 127 {
		t.Fatalf("reference basic table has %d characters, want 127", n)
	}
	for _, r := range gsm7BasicTable {
		if n, ok := gsm7Septets(r); !ok || n != 1 {
			t.Errorf("gsm7Septets(%q) = %d, %v; want 1, true", r, n, ok)
		}
	}
	for _, r := range gsm7ExtensionTable {
		if n, ok := gsm7Septets(r); !ok || n != 2 {
			t.Errorf("gsm7Septets(%q) = %d, %v; want 2, true", r, n, ok)
		}
	}

	// Having every listed character is not enough: nothing else may be
	// accepted, or a UCS-2 message would be undercounted.
	basic, extension := 0, 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		switch n, _ := gsm7Septets(r); n {
		case 1:
			basic++
		case 2:
			extension++
		}
	}
	if basic != 127 || extension != 10 {
		t.Errorf("tables accept %d basic and %d extension runes, want 127 and 10", basic, extension)
	}
}

// FuzzCountSegments checks the invariants that hold for any body: the
// encoding's unit count, one segment up to the single-message limit, and
// otherwise between ceil(units/part) and ceil(units/(part-1)) parts, since
// greedy packing wastes at most one unit per part.
func FuzzCountSegments(f *testing.F) {
	for _, seed := range []string{"", "Hej", strings.Repeat("€", 81), strings.Repeat("😀ą", 40), "\xff\xfe"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		got := CountSegments(body)
		if got.Units != expectedUnits(body, got.Encoding) {
			t.Fatalf("%+v: units disagree with a per-rune count", got)
		}
		limits := limitsFor(got.Encoding)
		if got.Units <= limits.single {
			if got.Count != 1 {
				t.Fatalf("%+v: short body must be one segment", got)
			}
			return
		}
		lo := ceilDiv(got.Units, limits.part)
		hi := ceilDiv(got.Units, limits.part-1)
		if got.Count < lo || got.Count > hi {
			t.Fatalf("%+v: count outside [%d, %d]", got, lo, hi)
		}
	})
}

func expectedUnits(body string, encoding Encoding) int {
	units := 0
	for _, r := range body {
		if encoding == GSM7 {
			n, ok := gsm7Septets(r)
			if !ok {
				return -1
			}
			units += n
			continue
		}
		units += utf8.RuneLen(r)/4 + 1 // 4-byte UTF-8 runes are the ones outside the BMP
	}
	return units
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }

// TestUCS2Characters names each character that forces UCS-2 once, in order.
func TestUCS2Characters(t *testing.T) {
	got := UCS2Characters("Hej – vi ses ”i morgen” – Ærø æøå €")
	if len(got) != 2 || got[0] != "–" || got[1] != "”" {
		t.Fatalf("got %q", got)
	}
	if UCS2Characters("Hej Åse, vi ses i morgen kl. 10 {€}") != nil {
		t.Fatal("GSM-7 text named characters")
	}
}

// TestGSM7Alphabet: the alphabet holds 127 basic and 10 extension characters, and every one
// counts as GSM-7.
func TestGSM7Alphabet(t *testing.T) {
	basic, ext := GSM7Alphabet()
	if n := len([]rune(basic)); n != 127 {
		t.Errorf("basic table has %d characters", n)
	}
	if n := len([]rune(ext)); n != 10 {
		t.Errorf("extension table has %d characters", n)
	}
	if s := CountSegments(basic + ext); s.Encoding != GSM7 {
		t.Errorf("the alphabet counts as %s", s.Encoding)
	}
}
