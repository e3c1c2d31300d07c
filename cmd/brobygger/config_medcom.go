package main

import (
	"log/slog"
	"net/url"
	"os"
	"strings"
	"time"

	"brobygger/models"
	"brobygger/models/medcom"
	"brobygger/notify"
	"brobygger/scheduler"
)

// medComSettings is the MedCom channel's configuration (issue 19). MedCom is on when
// MEDCOM_RECEIVER_SOR is set; then CPR_ENCRYPTION_KEY is required (no CPR number is ever stored
// unsealed, and there is no development key: without MEDCOM_RECEIVER_SOR the server runs without
// MedCom), and one of MEDCOM_OUTBOX_DIR or MEDCOM_GATEWAY_URL says where outgoing messages go.
type medComSettings struct {
	Store        models.MedComConfig
	GatewayToken string
	OutboxDir    string
	GatewayURL   string
	AckTimeout   time.Duration
}

// enabled reports whether MedCom is configured.
func (m medComSettings) enabled() bool { return m.Store.Enabled() }

// gateway is where outgoing messages are handed over.
func (m medComSettings) gateway() medcom.Gateway {
	if m.OutboxDir != "" {
		return notify.MedComFileDrop{Dir: m.OutboxDir}
	}
	return notify.MedComHTTP{URL: m.GatewayURL, Token: m.GatewayToken}
}

// job is the scheduler's MedCom outbox.
func (m medComSettings) job() scheduler.MedComJob {
	return scheduler.MedComJob{Config: m.Store, Gateway: m.gateway(), AckTimeout: m.AckTimeout}
}

const minGatewayToken = 32

func loadMedCom(getenv func(string) string) (medComSettings, error) {
	m := medComSettings{GatewayToken: getenv("MEDCOM_GATEWAY_TOKEN"), OutboxDir: getenv("MEDCOM_OUTBOX_DIR"), GatewayURL: getenv("MEDCOM_GATEWAY_URL"),
		AckTimeout: scheduler.DefaultMedComAckTimeout}
	sors := strings.FieldsFunc(getenv("MEDCOM_RECEIVER_SOR"), func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
	if len(sors) == 0 {
		for _, name := range []string{"MEDCOM_GATEWAY_TOKEN", "MEDCOM_OUTBOX_DIR", "MEDCOM_GATEWAY_URL", "CPR_ENCRYPTION_KEY"} {
			if getenv(name) != "" {
				return m, configError("MEDCOM_RECEIVER_SOR", "is required when %s is set (the site's SOR codes, comma-separated)", name)
			}
		}
		return m, nil
	}
	for _, s := range sors {
		if len(s) < 6 || len(s) > 20 || strings.Trim(s, "0123456789") != "" {
			return m, configError("MEDCOM_RECEIVER_SOR", "%q is not a SOR code (6 to 20 digits)", s)
		}
	}
	raw := getenv("CPR_ENCRYPTION_KEY")
	if raw == "" {
		return m, configError("CPR_ENCRYPTION_KEY", "is required when MedCom is on (32 random bytes as 64 hex digits: openssl rand -hex 32)")
	}
	key, err := medcom.ParseCPRKey(raw)
	if err != nil {
		return m, configError("CPR_ENCRYPTION_KEY", "%s", err.Error())
	}
	vault, err := medcom.NewCPRVault(key)
	if err != nil {
		return m, configError("CPR_ENCRYPTION_KEY", "%s", err.Error())
	}
	m.Store = models.MedComConfig{ReceiverSORs: sors, Name: orDefault(getenv("MEDCOM_ORGANIZATION_NAME"), "Brobygger"), Vault: vault}
	if m.GatewayToken != "" && len(m.GatewayToken) < minGatewayToken {
		return m, configError("MEDCOM_GATEWAY_TOKEN", "must be at least %d characters", minGatewayToken)
	}
	switch {
	case (m.OutboxDir == "") == (m.GatewayURL == ""):
		return m, configError("MEDCOM_OUTBOX_DIR", "or MEDCOM_GATEWAY_URL (exactly one) says where outgoing MedCom messages go")
	case m.OutboxDir != "":
		if fi, err := os.Stat(m.OutboxDir); err != nil || !fi.IsDir() {
			return m, configError("MEDCOM_OUTBOX_DIR", "%q is not a folder", m.OutboxDir)
		}
	default:
		if u, err := url.Parse(m.GatewayURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return m, configError("MEDCOM_GATEWAY_URL", "%q is not an absolute http(s) URL", m.GatewayURL)
		}
	}
	if v := getenv("MEDCOM_ACK_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute || d > 14*24*time.Hour {
			return m, configError("MEDCOM_ACK_TIMEOUT", "%q must be a duration between 1m and 336h (for example 4h)", v)
		}
		m.AckTimeout = d
	}
	return m, nil
}

// logMedCom says at start-up whether MedCom is on and where its messages go (never the key).
func logMedCom(log *slog.Logger, m medComSettings) {
	if !m.enabled() {
		log.Info("medcom off (set MEDCOM_RECEIVER_SOR and CPR_ENCRYPTION_KEY to receive GP referrals)")
		return
	}
	where := "outbox_dir"
	if m.OutboxDir == "" {
		where = "gateway_url"
	}
	log.Info("medcom on", "receiver_sor", strings.Join(m.Store.ReceiverSORs, ","), "delivery", where, "inbox_http", m.GatewayToken != "",
		"ack_timeout", m.AckTimeout.String())
}
