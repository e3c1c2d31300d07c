package notify_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify"
	"brobygger/notify/twiliotest"
)

func TestDispatcher_LogsNeitherBodyNorNumber(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		worker := storetest.LinkWorker(t, s, "Lise Brobygger")
		reached := storetest.Citizen(t, s, worker, models.LangDA)
		invalid := storetest.Citizen(t, s, worker, models.LangDA)
		const body = "Din WHO-5 score er faldet; Lise ringer til dig i morgen."
		queue(t, s, reached, models.KindReply, body)
		queue(t, s, invalid, models.KindReply, body)
		srv := twiliotest.NewServer(accountSID, authToken)
		t.Cleanup(srv.Close)
		// Twilio echoes the number in its message; that must not reach the log either.
		srv.FailFor(invalid.Phone, 400, models.TwilioInvalidNumber, "The 'To' number "+invalid.Phone+" is not a valid phone number.")
		var buf bytes.Buffer
		d := notify.NewDispatcher(s, twilioSender(t, srv), testConfig(), slog.New(slog.NewJSONHandler(&buf, nil)))

		dispatchOnce(t, d, 2)

		logged := buf.String()
		for _, secret := range []string{body, "WHO-5", reached.Phone, invalid.Phone, invalid.Phone[1:], authToken} {
			if strings.Contains(logged, secret) {
				t.Errorf("log holds %q:\n%s", secret, logged)
			}
		}
		outcomes := map[string]map[string]any{}
		for sc := bufio.NewScanner(&buf); sc.Scan(); {
			var line map[string]any
			if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
				t.Fatal(err)
			}
			outcomes[line["outcome"].(string)] = line
		}
		sent, refused := outcomes["sent"], outcomes["invalid_number"]
		if sent == nil || refused == nil || sent["segments"] != 1.0 || sent["outbox_id"] == "" ||
			sent["to"] != "*********"+reached.Phone[len(reached.Phone)-2:] ||
			refused["code"] != float64(models.TwilioInvalidNumber) || refused["outbox_id"] == "" {
			t.Errorf("outcome lines %v", outcomes)
		}
	}, models.WithClock(clock.Now))
}
