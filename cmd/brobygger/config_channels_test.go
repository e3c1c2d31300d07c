package main

import (
	"strings"
	"testing"
	"time"

	"brobygger/notify"
)

// TestLoadChannels_RejectsBadSettingsByName: each bad channel setting stops start-up naming its
// variable, and a private key never appears in the message.
func TestLoadChannels_RejectsBadSettingsByName(t *testing.T) {
	a, _ := notify.GenerateVAPIDKeys()
	b, _ := notify.GenerateVAPIDKeys()
	cases := map[string]map[string]string{
		"VAPID_PUBLIC_KEY":    {"VAPID_PRIVATE_KEY": a.Private},
		"VAPID_PRIVATE_KEY":   {"VAPID_PUBLIC_KEY": b.Public, "VAPID_PRIVATE_KEY": a.Private},
		"VAPID_SUBJECT":       {"VAPID_SUBJECT": "drift@example.dk"},
		"PUSH_FALLBACK_AFTER": {"PUSH_FALLBACK_AFTER": "10s"},
		"PUSH_ALLOW_LOOPBACK": {"PUSH_ALLOW_LOOPBACK": "yes"},
		"SMTP_URL":            {"SMTP_URL": "http://mail.example.dk"},
		"SMTP_FROM":           {"SMTP_FROM": "not an address"},
	}
	for name, env := range cases {
		_, err := loadChannels(mapEnv(env))
		if err == nil || !strings.Contains(err.Error(), name) || strings.Contains(err.Error(), a.Private) {
			t.Errorf("%s: error %v", name, err)
		}
	}
	c, err := loadChannels(mapEnv(map[string]string{"VAPID_PUBLIC_KEY": a.Public, "VAPID_PRIVATE_KEY": a.Private,
		"PUSH_FALLBACK_AFTER": "90m", "SMTP_URL": "smtps://u:p@mail.example.dk"}))
	if err != nil || c.VAPID != a || c.PushFallbackAfter != 90*time.Minute || c.VAPIDSubject != defaultVAPIDSubject {
		t.Errorf("good settings: %+v %v", c, err)
	}
}
