package main

import (
	"crypto/rand"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"brobygger/bot"
	"brobygger/models"
	"brobygger/scheduler"
)

// config is everything read from the environment. Secrets stay in here and are never logged;
// LogValue shows what is safe.
type config struct {
	DatabaseURL       string
	Database          models.DatabaseTarget
	ListenAddr        string
	PublicBaseURL     *url.URL
	Location          *time.Location
	JWTSecret         []byte
	JWTSecretIsRandom bool
	Twilio            twilioConfig
	SMSRatePerSecond  float64
	LogFormat         string
	// CrisisRegion picks the crisis numbers safety texts give (CRISIS_REGION, see
	// bot/data/crisis_lines.json).
	CrisisRegion string
	// Clock is the process's clock (see clock.go); ClockIsFake says BROBYGGER_CLOCK_START set it.
	Clock       func() time.Time
	ClockIsFake bool
	// InstrumentsDir is the operator's folder of licensed instrument files (INSTRUMENTS_DIR);
	// empty means only the shipped instruments.
	InstrumentsDir string
	// AppCheckinFallback is how long an app user's check-in waits in the app before SMS asks
	// (APP_CHECKIN_FALLBACK); zero asks by SMS at once.
	AppCheckinFallback time.Duration
	// ResearchPseudonymKey keys the research export's study IDs (RESEARCH_PSEUDONYM_KEY, a
	// secret); empty means the research export refuses to run.
	ResearchPseudonymKey string
	// Signin is how sign-in is protected: trusted proxies, the hash bound, the metrics token.
	Signin signinConfig
	// MedCom is the GP channel (MEDCOM_*, CPR_ENCRYPTION_KEY); off unless MEDCOM_RECEIVER_SOR is set.
	MedCom medComSettings
	// Channels is push and e-mail beside SMS.
	Channels channelsConfig
}

// twilioConfig holds the Twilio credentials and sender. Empty credentials mean "log, don't send".
type twilioConfig struct {
	AccountSID string
	AuthToken  string
	// From is TWILIO_FROM as given; Froms its numbers (a comma-separated list, each normalised).
	From                string
	Froms               []string
	MessagingServiceSID string
	APIURL              string
}

// senders is how many senders share the sending: the Messaging Service counts as one.
func (t twilioConfig) senders() int {
	if t.MessagingServiceSID != "" || len(t.Froms) == 0 {
		return 1
	}
	return len(t.Froms)
}

// sending reports whether real SMS go out through Twilio.
func (t twilioConfig) sending() bool { return t.AccountSID != "" && t.AuthToken != "" }

// configError names the variable at fault, so start-up stops with a message an operator can act on.
func configError(name, format string, args ...any) error {
	return fmt.Errorf("config: %s: %s", name, fmt.Sprintf(format, args...))
}

// loadConfig reads the environment through getenv (os.Getenv in production, a map in tests).
func loadConfig(getenv func(string) string) (config, error) {
	c := config{DatabaseURL: getenv("DATABASE_URL"), ListenAddr: orDefault(getenv("LISTEN_ADDR"), ":8080"),
		LogFormat: orDefault(getenv("LOG_FORMAT"), "json")}
	var err error
	if c.Database, err = models.ParseDatabaseURL(c.DatabaseURL); err != nil {
		return c, configError("DATABASE_URL", "must be empty (SQLite file %s), sqlite:PATH or postgres://…", models.DefaultSQLiteFile)
	}
	if _, port, err := net.SplitHostPort(c.ListenAddr); err != nil || port == "" {
		return c, configError("LISTEN_ADDR", "%q is not host:port (for example :8080)", c.ListenAddr)
	}
	if c.PublicBaseURL, err = parsePublicBaseURL(getenv("PUBLIC_BASE_URL"), c.ListenAddr); err != nil {
		return c, err
	}
	if c.Location, err = time.LoadLocation(orDefault(getenv("TIMEZONE"), "Europe/Copenhagen")); err != nil {
		return c, configError("TIMEZONE", "%q is not a known time zone (for example Europe/Copenhagen)", getenv("TIMEZONE"))
	}
	if c.JWTSecret, c.JWTSecretIsRandom, err = loadJWTSecret(getenv("JWT_SECRET")); err != nil {
		return c, err
	}
	if c.Twilio, err = loadTwilio(getenv); err != nil {
		return c, err
	}
	if c.SMSRatePerSecond, err = parseRate(getenv("SMS_RATE_PER_SECOND")); err != nil {
		return c, err
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		return c, configError("LOG_FORMAT", "must be json or text")
	}
	if c.CrisisRegion = getenv("CRISIS_REGION"); c.CrisisRegion != "" {
		if _, err := bot.LoadCrisisLines(c.CrisisRegion); err != nil {
			return c, configError("CRISIS_REGION", "%q is not a region with crisis numbers (capital_region, zealand, southern_denmark, central_jutland, north_jutland)", c.CrisisRegion)
		}
	}
	if c.Clock, c.ClockIsFake, err = loadClock(getenv(clockStartVar), time.Now); err != nil {
		return c, err
	}
	if c.AppCheckinFallback, err = parseFallback(getenv("APP_CHECKIN_FALLBACK")); err != nil {
		return c, err
	}
	if c.ResearchPseudonymKey, err = loadResearchKey(getenv); err != nil {
		return c, err
	}
	if c.Signin, err = loadSignin(getenv); err != nil {
		return c, err
	}
	if c.MedCom, err = loadMedCom(getenv); err != nil {
		return c, err
	}
	if c.Channels, err = loadChannels(getenv); err != nil {
		return c, err
	}
	if c.InstrumentsDir = getenv("INSTRUMENTS_DIR"); c.InstrumentsDir != "" {
		if fi, err := os.Stat(c.InstrumentsDir); err != nil || !fi.IsDir() {
			return c, configError("INSTRUMENTS_DIR", "%q is not a folder", c.InstrumentsDir)
		}
	}
	return c, nil
}

func parsePublicBaseURL(raw, listen string) (*url.URL, error) {
	if raw == "" {
		host, port, _ := net.SplitHostPort(listen)
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "localhost"
		}
		raw = "http://" + net.JoinHostPort(host, port)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, configError("PUBLIC_BASE_URL", "%q must be an absolute http(s) URL without query, e.g. https://sms.example.dk", raw)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}

// minJWTSecret is 256 bits, HS256's key size.
const minJWTSecret = 32

func loadJWTSecret(raw string) ([]byte, bool, error) {
	if raw == "" {
		// A development server still works: tokens are signed with a key that dies with the process.
		secret := make([]byte, minJWTSecret)
		_, _ = rand.Read(secret)
		return secret, true, nil
	}
	if len(raw) < minJWTSecret {
		return nil, false, configError("JWT_SECRET", "must be at least %d characters", minJWTSecret)
	}
	return []byte(raw), false, nil
}

func loadTwilio(getenv func(string) string) (twilioConfig, error) {
	t := twilioConfig{AccountSID: getenv("TWILIO_ACCOUNT_SID"), AuthToken: getenv("TWILIO_AUTH_TOKEN"),
		From: getenv("TWILIO_FROM"), MessagingServiceSID: getenv("TWILIO_MESSAGING_SERVICE_SID"), APIURL: getenv("TWILIO_API_URL")}
	switch {
	case t.AccountSID == "" && t.AuthToken == "":
		return t, nil
	case t.AccountSID == "":
		return t, configError("TWILIO_ACCOUNT_SID", "is required when TWILIO_AUTH_TOKEN is set")
	case t.AuthToken == "":
		return t, configError("TWILIO_AUTH_TOKEN", "is required when TWILIO_ACCOUNT_SID is set")
	case t.From == "" && t.MessagingServiceSID == "":
		return t, configError("TWILIO_FROM", "or TWILIO_MESSAGING_SERVICE_SID is required to send SMS")
	}
	for _, raw := range strings.Split(t.From, ",") {
		if raw = strings.TrimSpace(raw); raw == "" {
			continue
		}
		from, err := models.NormalizePhone(raw)
		if err != nil && !isAlphanumericSender(raw) {
			return t, configError("TWILIO_FROM", "%q is neither a phone number nor an alphanumeric sender ID", raw)
		}
		if err != nil {
			from = raw
		}
		t.Froms = append(t.Froms, from)
	}
	if len(t.Froms) == 1 {
		t.From = t.Froms[0]
	}
	if t.APIURL != "" {
		if u, err := url.Parse(t.APIURL); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return t, configError("TWILIO_API_URL", "%q must be an absolute http(s) URL", t.APIURL)
		}
	}
	return t, nil
}

// isAlphanumericSender accepts a Danish-style alphanumeric sender ID (up to 11 letters/digits).
func isAlphanumericSender(s string) bool {
	if len(s) == 0 || len(s) > 11 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == ' ') {
			return false
		}
	}
	return true
}

func parseRate(raw string) (float64, error) {
	if raw == "" {
		return 10, nil
	}
	r, err := strconv.ParseFloat(raw, 64)
	if err != nil || r < 0 || r > 10000 {
		return 0, configError("SMS_RATE_PER_SECOND", "%q must be a number from 0 (unlimited) to 10000", raw)
	}
	return r, nil
}

// maxAppFallback keeps the fallback well inside the scheduler's fortnight of catch-up.
const maxAppFallback = 7 * 24 * time.Hour

func parseFallback(raw string) (time.Duration, error) {
	if raw == "" {
		return scheduler.DefaultAppFallback, nil
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d < 0 || d > maxAppFallback {
		return 0, configError("APP_CHECKIN_FALLBACK", "%q must be a duration from 0 to 168h, for example 3h", raw)
	}
	return d, nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
