// Package sms holds the GSM-7/UCS-2 segment counting that decides what an SMS costs to send;
// it imports nothing of ours.
package sms

import "unicode/utf16"

// Encoding names the character encoding a carrier uses for an SMS body.
type Encoding string

const (
	// GSM7 is the GSM 03.38 default alphabet, 7 bits per character.
	GSM7 Encoding = "GSM-7"
	// UCS2 is 16 bits per UTF-16 code unit; any character outside GSM 03.38
	// forces the whole message into it.
	UCS2 Encoding = "UCS-2"
)

// Segments describes how an SMS body is split for sending, which is what
// Twilio bills for.
type Segments struct {
	// Encoding is the encoding the whole body is sent in.
	Encoding Encoding
	// Units is the body's length in the encoding's units: septets for
	// GSM-7 (extension-table characters count 2) and UTF-16 code units for
	// UCS-2 (characters outside the BMP count 2).
	Units int
	// Count is the number of SMS segments the body is sent as.
	Count int
}

// segmentLimits are the capacities of one encoding. A multi-part message
// loses room in every part to the concatenation header (UDH), hence the
// smaller per-part size.
type segmentLimits struct {
	single int
	part   int
}

// CountSegments reports the encoding, length and number of SMS segments
// Twilio will use for body.
//
// Characters are packed greedily into parts and a two-unit character (a
// GSM-7 escape pair or a UTF-16 surrogate pair) is never split across a
// part boundary, so a long message can need one more part than
// Units/153 or Units/67 suggests.
//
// An empty body is 0 units in 1 segment: a message is never billed as less
// than one segment. Invalid UTF-8 bytes count as U+FFFD, which is UCS-2.
func CountSegments(body string) Segments {
	encoding, units := measure(body)
	limits := limitsFor(encoding)
	if units <= limits.single {
		return Segments{Encoding: encoding, Units: units, Count: 1}
	}
	return Segments{
		Encoding: encoding,
		Units:    units,
		Count:    packParts(body, encoding, limits.part),
	}
}

// measure picks the encoding for body and its length in that encoding's
// units. One pass suffices because GSM-7 is chosen only if every rune fits.
func measure(body string) (Encoding, int) {
	septets := 0
	for _, r := range body {
		n, ok := gsm7Septets(r)
		if !ok {
			return UCS2, utf16Units(body)
		}
		septets += n
	}
	return GSM7, septets
}

// utf16Units is the length of s in UTF-16 code units.
func utf16Units(s string) int {
	units := 0
	for _, r := range s {
		units += utf16.RuneLen(r)
	}
	return units
}

// limitsFor returns the single-message and per-part capacities of encoding.
func limitsFor(encoding Encoding) segmentLimits {
	if encoding == GSM7 {
		return segmentLimits{single: 160, part: 153}
	}
	return segmentLimits{single: 70, part: 67}
}

// unitWidth is the number of encoding units r occupies, assuming r is
// encodable (measure has already chosen the encoding).
func unitWidth(r rune, encoding Encoding) int {
	if encoding == GSM7 {
		n, _ := gsm7Septets(r)
		return n
	}
	return utf16.RuneLen(r)
}

// packParts counts the parts body needs when characters are packed greedily
// into parts of partSize units without splitting any character.
func packParts(body string, encoding Encoding, partSize int) int {
	parts, used := 1, 0
	for _, r := range body {
		width := unitWidth(r, encoding)
		if used+width > partSize {
			parts++
			used = 0
		}
		used += width
	}
	return parts
}
