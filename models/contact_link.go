package models

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// ContactLinkTTL is how long the confirmation link in a contact e-mail works.
const ContactLinkTTL = 14 * 24 * time.Hour

// settingContactLinkKey keys the contact links' signatures; made on first use, never shown.
const settingContactLinkKey = "secret.contact_link_key"

// errContactLinkDead is every refusal of a contact link: wrong, expired or already used.
var errContactLinkDead = Errorf(ENOTFOUND, "This link does not work any more. It may have been used already, or it has expired.")

// ContactLinkToken signs a link for the contact e-mail: it names the citizen's open contact
// conversation and expires after ContactLinkTTL. It is single-use because it works only while
// that conversation is open, and confirming closes it.
func (s *Store) ContactLinkToken(ctx context.Context, conversationID string) (string, error) {
	key, err := s.siteKey(ctx, settingContactLinkKey)
	if err != nil {
		return "", err
	}
	payload := conversationID + "." + strconv.FormatInt(s.Now().Add(ContactLinkTTL).Unix(), 10)
	return payload + "." + contactLinkMAC(key, payload), nil
}

// ContactLinkConversation reads a token and returns the open contact conversation it names.
// A forged, expired or used token (its conversation closed) is ENOTFOUND, the same for each.
func (s *Store) ContactLinkConversation(ctx context.Context, token string) (*Conversation, error) {
	key, err := s.siteKey(ctx, settingContactLinkKey)
	if err != nil {
		return nil, err
	}
	cut := strings.LastIndexByte(token, '.')
	if cut < 0 || !hmac.Equal([]byte(contactLinkMAC(key, token[:cut])), []byte(token[cut+1:])) {
		return nil, errContactLinkDead
	}
	convID, expiry, ok := strings.Cut(token[:cut], ".")
	unix, err := strconv.ParseInt(expiry, 10, 64)
	if !ok || err != nil || !s.Now().Before(time.Unix(unix, 0)) || !ValidID(convID) {
		return nil, errContactLinkDead
	}
	var conv Conversation
	err = s.q(ctx).Where("id = ? AND kind = ? AND state = ?", convID, ConvContact, ConvOpen).Take(&conv).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, errContactLinkDead
	}
	if err != nil {
		return nil, fmt.Errorf("contact link: %w", err)
	}
	return &conv, nil
}

func contactLinkMAC(key []byte, payload string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("contact-link\x00" + payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
