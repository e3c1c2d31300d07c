package main

import (
	"strings"
	"testing"
)

func mapEnv(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfig_Defaults(t *testing.T) {
	c, err := loadConfig(mapEnv(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.ListenAddr != ":8080" || c.Location.String() != "Europe/Copenhagen" || c.Twilio.sending() ||
		c.PublicBaseURL.String() != "http://localhost:8080" || c.SMSRatePerSecond != 10 || !c.JWTSecretIsRandom {
		t.Fatalf("unexpected defaults %+v", c)
	}
	if !strings.HasSuffix(c.Database.Where, "brobygger.db") {
		t.Fatalf("default database %q", c.Database.Where)
	}
}

func TestLoadConfig_ErrorsNameTheVariable(t *testing.T) {
	secret := "twilio-secret-token-value-1234567890"
	cases := map[string]map[string]string{
		"DATABASE_URL":        {"DATABASE_URL": "mysql://x"},
		"TIMEZONE":            {"TIMEZONE": "Mars/Olympus"},
		"PUBLIC_BASE_URL":     {"PUBLIC_BASE_URL": "not a url"},
		"LISTEN_ADDR":         {"LISTEN_ADDR": "8080"},
		"JWT_SECRET":          {"JWT_SECRET": "short"},
		"TWILIO_AUTH_TOKEN":   {"TWILIO_ACCOUNT_SID": "AC123"},
		"TWILIO_ACCOUNT_SID":  {"TWILIO_AUTH_TOKEN": secret},
		"TWILIO_FROM":         {"TWILIO_ACCOUNT_SID": "AC123", "TWILIO_AUTH_TOKEN": secret},
		"TWILIO_API_URL":      {"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": secret, "TWILIO_FROM": "+4520123456", "TWILIO_API_URL": "::"},
		"SMS_RATE_PER_SECOND": {"SMS_RATE_PER_SECOND": "fast"},
		"CRISIS_REGION":       {"CRISIS_REGION": "atlantis"},
	}
	for name, env := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := loadConfig(mapEnv(env))
			if err == nil || !strings.Contains(err.Error(), name) {
				t.Fatalf("error %v does not name %s", err, name)
			}
			if strings.Contains(err.Error(), secret) {
				t.Fatalf("error leaks a secret: %v", err)
			}
		})
	}
}

func TestLoadConfig_TwilioSendingMode(t *testing.T) {
	c, err := loadConfig(mapEnv(map[string]string{"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "tok",
		"TWILIO_FROM": "+45 20 12 34 56", "PUBLIC_BASE_URL": "https://sms.example.dk/"}))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Twilio.sending() || c.Twilio.From != "+4520123456" || c.PublicBaseURL.String() != "https://sms.example.dk" {
		t.Fatalf("%+v", c)
	}
}
