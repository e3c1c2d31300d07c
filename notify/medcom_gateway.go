package notify

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"time"
)

var safeName = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

// MedComFileDrop writes each outgoing MedCom message as one JSON file in Dir, for a gateway that
// picks files up (MEDCOM_OUTBOX_DIR). The file appears whole: it is written under a temporary
// name and renamed, so the gateway never reads half a message.
type MedComFileDrop struct{ Dir string }

// Deliver writes raw to Dir/name.json.
func (f MedComFileDrop) Deliver(_ context.Context, name string, raw []byte) error {
	if !safeName.MatchString(name) {
		return fmt.Errorf("medcom file drop: unsafe file name %q", name)
	}
	tmp, err := os.CreateTemp(f.Dir, ".medcom-*.tmp")
	if err != nil {
		return fmt.Errorf("medcom file drop: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(raw); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("medcom file drop: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("medcom file drop: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("medcom file drop: %w", err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(f.Dir, name+".json")); err != nil {
		return fmt.Errorf("medcom file drop: %w", err)
	}
	return nil
}

// MedComHTTP posts each outgoing MedCom message to the gateway's URL (MEDCOM_GATEWAY_URL) with
// the shared bearer token; any 2xx is taken.
type MedComHTTP struct {
	URL    string
	Token  string
	Client *http.Client
}

// Deliver posts raw as application/fhir+json.
func (g MedComHTTP) Deliver(ctx context.Context, _ string, raw []byte) error {
	client := g.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, g.URL, bytes.NewReader(raw))
	if err != nil {
		return fmt.Errorf("medcom gateway: %w", err)
	}
	req.Header.Set("Content-Type", "application/fhir+json")
	if g.Token != "" {
		req.Header.Set("Authorization", "Bearer "+g.Token)
	}
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("medcom gateway: %w", err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 1<<20))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return fmt.Errorf("medcom gateway: HTTP %d", res.StatusCode)
	}
	return nil
}
