package phone_test

import (
	"testing"
	"unicode/utf8"

	"brobygger/models/phone"
)

func TestCleanText_ReplacesOneForOne(t *testing.T) {
	for in, want := range map[string]string{
		"Hej med dig":     "Hej med dig",
		"Hej\x00dig":      "Hej\uFFFDdig",
		"\x00\x00":        "\uFFFD\uFFFD",
		"æ\xffø\xfe\xfdå": "æ\uFFFDø\uFFFD\uFFFDå",
		"\xc3":            "\uFFFD", // a cut-off "æ"
	} {
		got := phone.CleanText(in)
		if got != want || !utf8.ValidString(got) {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSenderAddress(t *testing.T) {
	for raw, want := range map[string]struct {
		addr  string
		reply bool
	}{
		"+4520123456":           {"+4520123456", true},
		" 20 12 34 56 ":         {"+4520123456", true},
		"DANSKEBANK":            {"DANSKEBANK", false},
		"NORDEASS":              {"NORDEASS", false}, // a valid Danish number on a keypad
		"1234":                  {"1234", false},
		"+1234":                 {"+1234", false},
		"MIT\x00ID":             {"MIT\uFFFDID", false},
		"a sender far too long": {"a sender far too lon", false},
		"   ":                   {"", false},
	} {
		got := phone.SenderAddress(raw)
		if got != want.addr || phone.CanReceiveSMS(got) != want.reply {
			t.Errorf("SenderAddress(%q) = %q (can receive %v), want %q (%v)", raw, got, phone.CanReceiveSMS(got), want.addr, want.reply)
		}
	}
}
