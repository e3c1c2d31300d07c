package research

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
)

// MinKeyLength is the shortest RESEARCH_PSEUDONYM_KEY accepted: 32 characters, as for an HMAC
// key of 256 bits written as text.
const MinKeyLength = 32

// errNoKey says the export cannot run: without the key there is no pseudonym.
var errNoKey = errors.New("RESEARCH_PSEUDONYM_KEY is not set: the research export refuses to run without its pseudonymisation key")

// ErrShortKey says the key is too short to be a secret.
var ErrShortKey = errors.New("RESEARCH_PSEUDONYM_KEY must be at least 32 characters")

// Pseudonymiser makes study IDs and clinic codes: HMAC-SHA256 under the site's research key, so
// the same citizen has the same study ID in every export made with the same key, and nobody
// without the key can compute or reverse it.
type Pseudonymiser struct{ key []byte }

// NewPseudonymiser checks the key: empty is ErrNoKey, short is ErrShortKey.
func NewPseudonymiser(key string) (*Pseudonymiser, error) {
	if key == "" {
		return nil, errNoKey
	}
	if len(key) < MinKeyLength {
		return nil, ErrShortKey
	}
	return &Pseudonymiser{key: []byte(key)}, nil
}

// StudyID is the citizen's pseudonym: "S" and the first 20 hex digits (80 bits) of the HMAC of
// the citizen's record ID, which no collision in a study's size will reach.
func (p *Pseudonymiser) StudyID(citizenID string) string {
	return "S" + p.mac("citizen:", citizenID)[:20]
}

// clinicCode is the referring clinic's code: "C" and 8 hex digits of the HMAC of its name as
// written (trimmed, case-folded), so the researcher can group by clinic without the name. An
// unnamed clinic has no code.
func (p *Pseudonymiser) clinicCode(clinic string) string {
	name := strings.ToLower(strings.Join(strings.Fields(clinic), " "))
	if name == "" {
		return ""
	}
	return "C" + p.mac("clinic:", name)[:8]
}

// mac prefixes the input with its domain, so a citizen ID and a clinic name can never share a
// pseudonym.
func (p *Pseudonymiser) mac(domain, value string) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(domain + value))
	return hex.EncodeToString(m.Sum(nil))
}
