package models_test

import (
	"fmt"
	"testing"

	"brobygger/models"
	"brobygger/models/sms"
)

// TestInstrumentSMS_GSM7 logs the size of every text we send and fails on
// any character outside GSM-7, because one such character shrinks every
// segment of the message from 160 to 70 characters.
// It lives here rather than in models/instrument because a leaf may not import models/sms.
func TestInstrumentSMS_GSM7(t *testing.T) {
	registry, err := models.LoadInstruments()
	if err != nil {
		t.Fatalf("LoadInstruments: %v", err)
	}
	for _, instrument := range registry.All() {
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
	seg := sms.CountSegments(text)
	if seg.Encoding != sms.GSM7 {
		t.Errorf("%s: not GSM-7, every segment shrinks to 70 characters: %q", name, text)
	}
	if seg.Count > 3 {
		t.Errorf("%s: %d segments, more than 3", name, seg.Count)
	}
	t.Logf("%-34s %3d chars %3d units %d segment(s)", name, len([]rune(text)), seg.Units, seg.Count)
}
