package notify

import (
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"brobygger/models"
	webpush "github.com/SherClockHolmes/webpush-go"
)

// PushSender delivers one push payload to one device. It is the seam between the push dispatcher
// and the push services: production uses WebPushSender; tests use it against a fake service.
type PushSender interface {
	Push(ctx context.Context, d models.Device, payload []byte) (pushResult, error)
}

// pushResult is the push service's answer: its HTTP status and, on 429 or 503, how long it
// asked us to wait (zero when it did not say).
type pushResult struct {
	Status     int
	RetryAfter time.Duration
}

// WebPushSender sends Web Push messages (RFC 8030) encrypted with aes128gcm (RFC 8291) and signed
// with the server's VAPID key (RFC 8292), through github.com/SherClockHolmes/webpush-go.
type WebPushSender struct {
	Keys models.VAPIDKeys
	// Subject is the VAPID contact: a mailto: address or an https URL.
	Subject string
	// Client sends the requests [a client with a 30 s timeout].
	Client *http.Client
	// TTL is how long the push service keeps a message for an offline device, in seconds [86400].
	TTL int
	// Now reads the clock for a Retry-After given as a date [time.Now].
	Now func() time.Time
}

// Push encrypts payload for the device's subscription and posts it to its endpoint.
func (w *WebPushSender) Push(ctx context.Context, d models.Device, payload []byte) (pushResult, error) {
	if d.P256dh == nil || d.Auth == nil {
		return pushResult{}, fmt.Errorf("web push: device %s has no subscription keys", d.ID)
	}
	client, ttl, now := w.Client, w.TTL, w.Now
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	if ttl <= 0 {
		ttl = 86400
	}
	if now == nil {
		now = time.Now
	}
	resp, err := webpush.SendNotificationWithContext(ctx, payload,
		&webpush.Subscription{Endpoint: d.Token, Keys: webpush.Keys{P256dh: *d.P256dh, Auth: *d.Auth}},
		&webpush.Options{HTTPClient: client, Subscriber: strings.TrimPrefix(w.Subject, "mailto:"), // the library adds it
			VAPIDPublicKey:  w.Keys.Public,
			VAPIDPrivateKey: w.Keys.Private, TTL: ttl, Urgency: webpush.UrgencyHigh})
	if err != nil {
		return pushResult{}, fmt.Errorf("web push: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return pushResult{Status: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), now())}, nil
}

// retryAfter reads a Retry-After header: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// GenerateVAPIDKeys makes a fresh VAPID key pair (P-256), base64url without padding.
func GenerateVAPIDKeys() (models.VAPIDKeys, error) {
	k, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		return models.VAPIDKeys{}, err
	}
	enc := base64.RawURLEncoding.EncodeToString
	return models.VAPIDKeys{Public: enc(k.PublicKey().Bytes()), Private: enc(k.Bytes())}, nil
}

// ValidateVAPIDKeys checks that a configured pair is a P-256 key pair that belongs together.
func ValidateVAPIDKeys(k models.VAPIDKeys) error {
	dec := func(s string) ([]byte, error) { return base64.RawURLEncoding.DecodeString(trimPad(s)) }
	priv, err := dec(k.Private)
	if err != nil {
		return fmt.Errorf("VAPID_PRIVATE_KEY is not base64url")
	}
	key, err := ecdh.P256().NewPrivateKey(priv)
	if err != nil {
		return fmt.Errorf("VAPID_PRIVATE_KEY is not a P-256 private key")
	}
	pub, err := dec(k.Public)
	if err != nil || string(pub) != string(key.PublicKey().Bytes()) {
		return fmt.Errorf("VAPID_PUBLIC_KEY is not the public key of VAPID_PRIVATE_KEY")
	}
	return nil
}

func trimPad(s string) string {
	for len(s) > 0 && s[len(s)-1] == '=' {
		s = s[:len(s)-1]
	}
	return s
}
