package dashboard

import (
	"brobygger/models"
)

// channelNote says how a message went when it was not by SMS ("sendt som app-besked, åbnet").
func channelNote(e models.TimelineEvent, loc locale) string {
	switch ch, _ := e.Extra["channel"].(string); ch {
	case models.ChannelPush:
		if opened, _ := e.Extra["opened"].(bool); opened {
			return " " + loc.T("channel.push_opened")
		}
		if reason, _ := e.Extra["reason"].(string); reason == models.NoFallbackSMSStopped {
			return " " + loc.T("channel.push_no_sms_stop")
		}
		return " " + loc.T("channel.push")
	case models.ChannelEmail:
		return " " + loc.T("channel.email")
	}
	return ""
}
