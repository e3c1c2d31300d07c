package dashboard

import (
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

// TestChannelNote_SaysNoSMSFollowedAfterStop: a push whose fallback was skipped because the
// citizen said STOP tells the link worker so, in Danish and English, rather than look unanswered.
func TestChannelNote_SaysNoSMSFollowedAfterStop(t *testing.T) {
	pages := newRenderer(time.UTC)
	ev := models.TimelineEvent{Extra: map[string]any{"channel": models.ChannelPush, "opened": false, "reason": models.NoFallbackSMSStopped}}
	for lang, want := range map[models.Lang]string{models.LangDA: "ingen SMS bagefter", models.LangEN: "no SMS followed"} {
		if got := channelNote(ev, pages.locale(lang)); !strings.Contains(got, want) || !strings.Contains(got, "STOP") {
			t.Errorf("%s: %q", lang, got)
		}
	}
	ev.Extra["reason"] = ""
	if got := channelNote(ev, pages.locale(models.LangDA)); strings.Contains(got, "STOP") {
		t.Errorf("an ordinary push: %q", got)
	}
}
