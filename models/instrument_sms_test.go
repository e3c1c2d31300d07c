package models_test

import (
	"fmt"
	"strings"
	"testing"

	"brobygger/models"
)

// gsm7Basic is the GSM 03.38 basic character set (without the escape
// code), and gsm7Extension the characters reached through the escape,
// which cost two septets each. Anything else turns an SMS into UCS-2.
const (
	gsm7Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsm7Extension = "\f^{}\\[~]|€"
)

// gsm7Septets counts the septets text needs, or reports the first
// character GSM-7 cannot carry.
func gsm7Septets(text string) (int, error) {
	septets := 0
	for _, r := range text {
		switch {
		case strings.ContainsRune(gsm7Basic, r):
			septets++
		case strings.ContainsRune(gsm7Extension, r):
			septets += 2
		default:
			return 0, fmt.Errorf("character %q (%U) is not GSM-7", r, r)
		}
	}
	return septets, nil
}

// gsm7Segments is how many SMS a text of septets is sent as: one up to
// 160, then 153 per part because of the concatenation header.
func gsm7Segments(septets int) int {
	if septets <= 160 {
		return 1
	}
	return (septets + 152) / 153
}

func TestGSM7Helper(t *testing.T) {
	tests := []struct {
		text    string
		septets int
		ok      bool
	}{
		{"Hele tiden", 10, true},
		{"æøåÆØÅ", 6, true},
		{"5 €", 4, true},
		{"a – b", 0, false},
		{"it’s", 0, false},
		{"“quoted”", 0, false},
		{"ok 🙂", 0, false},
	}
	for _, tc := range tests {
		got, err := gsm7Septets(tc.text)
		if (err == nil) != tc.ok || got != tc.septets {
			t.Errorf("gsm7Septets(%q) = %d, %v; want %d, ok %v", tc.text, got, err, tc.septets, tc.ok)
		}
	}
	if gsm7Segments(160) != 1 || gsm7Segments(161) != 2 || gsm7Segments(306) != 2 || gsm7Segments(307) != 3 {
		t.Error("gsm7Segments miscounts at the segment boundaries")
	}
}

// TestInstrumentSMS_GSM7 logs the size of every text we send and fails on
// any character outside GSM-7, because one such character shrinks every
// segment of the message from 160 to 70 characters.
func TestInstrumentSMS_GSM7(t *testing.T) {
	for _, instrument := range loadShipped(t).All() {
		for _, lang := range models.Langs() {
			name := fmt.Sprintf("%s.v%s %s", instrument.Key, instrument.Version, lang)
			checkSMSText(t, name+" intro", instrument.SMSIntro.In(lang))
			for _, item := range instrument.Items {
				checkSMSText(t, fmt.Sprintf("%s item %d", name, item.Number), item.SMSPrompt.In(lang))
			}
		}
	}
}

func checkSMSText(t *testing.T, name, text string) {
	t.Helper()
	septets, err := gsm7Septets(text)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	t.Logf("%-34s %3d chars %3d septets %d segment(s)", name, len([]rune(text)), septets, gsm7Segments(septets))
}
