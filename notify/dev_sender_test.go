package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"regexp"
	"testing"

	"brobygger/notify"
)

func TestLogSender_LogsTheSMSAndFakesASID(t *testing.T) {
	var buf bytes.Buffer
	s := notify.NewLogSender(slog.New(slog.NewJSONHandler(&buf, nil)))
	body := "Hej Åse 😀"

	sent, err := s.Send(context.Background(), notify.OutgoingSMS{To: "+4520123456", Body: body})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^DEV[0-9a-f]{32}$`).MatchString(sent.SID) || sent.Status != "sent" || sent.Segments != 1 {
		t.Errorf("sent %+v", sent)
	}
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("log line %q: %v", buf.String(), err)
	}
	if line["to"] != "+4520123456" || line["body"] != body || line["encoding"] != "UCS-2" ||
		line["segments"] != 1.0 || line["sid"] != sent.SID {
		t.Errorf("logged %v", line)
	}
	if again, _ := s.Send(context.Background(), notify.OutgoingSMS{To: "+4520123456", Body: body}); again.SID == sent.SID {
		t.Error("two sends got the same SID")
	}
}
