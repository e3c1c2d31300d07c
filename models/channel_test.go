package models_test

import (
	"testing"

	"brobygger/models"
)

func TestChooseChannel(t *testing.T) {
	app := func(f models.ChannelFacts) models.ChannelFacts { f.Preferred = "app"; return f }
	for _, tc := range []struct {
		name string
		f    models.ChannelFacts
		want string
	}{
		{"sms user", models.ChannelFacts{Kind: models.KindReminder, Preferred: "sms", Devices: 1, Phone: true}, "sms"},
		{"app user with a device", app(models.ChannelFacts{Kind: models.KindReminder, Devices: 1, Phone: true}), "push"},
		{"app user without a device", app(models.ChannelFacts{Kind: models.KindReminder, Phone: true}), "sms"},
		{"push fell back to sms", app(models.ChannelFacts{Kind: models.KindReminder, Devices: 1, Phone: true, Tried: []string{"push"}}), "sms"},
		{"push fell back, no phone: e-mail", app(models.ChannelFacts{Kind: models.KindStaffMessage, Devices: 1, Email: true, Tried: []string{"push"}}), "email"},
		{"push fell back, STOP: e-mail", app(models.ChannelFacts{Kind: models.KindReminder, Devices: 2, Phone: true, SMSStopped: true, Email: true, Tried: []string{"push"}}), "email"},
		{"push fell back, STOP, no e-mail: nothing", app(models.ChannelFacts{Kind: models.KindReminder, Devices: 1, Phone: true, SMSStopped: true, Tried: []string{"push"}}), ""},
		{"STOP still gets the push", app(models.ChannelFacts{Kind: models.KindCheckin, Devices: 1, Phone: true, SMSStopped: true}), "push"},
		{"no phone: e-mail", models.ChannelFacts{Kind: models.KindContact, Preferred: "sms", Email: true}, "email"},
		{"phone and e-mail: sms first", models.ChannelFacts{Kind: models.KindReminder, Preferred: "sms", Phone: true, Email: true}, "sms"},
		{"contact never by push", app(models.ChannelFacts{Kind: models.KindContact, Devices: 1, Phone: true}), "sms"},
		{"login code never by e-mail", models.ChannelFacts{Kind: models.KindLoginCode, Preferred: "sms", Email: true}, ""},
		{"nothing reaches them", models.ChannelFacts{Kind: models.KindReminder, Preferred: "sms"}, ""},
		{"everything tried", app(models.ChannelFacts{Kind: models.KindReminder, Devices: 1, Phone: true, Email: true, Tried: []string{"push", "sms", "email"}}), ""},
	} {
		if got := models.ChooseChannel(tc.f); got != tc.want {
			t.Errorf("%s: ChooseChannel = %q, want %q", tc.name, got, tc.want)
		}
	}
}
