// Package webpushtest is a fake Web Push service on loopback for tests: it checks each request's
// VAPID signature (RFC 8292) and aes128gcm headers, decrypts the payload with the subscription's
// private key (RFC 8291), records it, and answers with the statuses a test scripts.
package webpushtest

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"

	"github.com/golang-jwt/jwt/v5"

	"brobygger/models"
)

// Push is one message the fake accepted, decrypted.
type Push struct {
	Endpoint string
	Payload  []byte
	TTL      string
	Urgency  string
	// Subject is the VAPID JWT's sub claim.
	Subject string
}

// Reply is a scripted answer: an HTTP status and an optional Retry-After header.
type Reply struct {
	Status     int
	RetryAfter string
}

// Server is the fake push service. Its methods are safe for concurrent use.
type Server struct {
	URL string
	srv *httptest.Server
	// VAPIDPublicKey, when set, is the only application server key accepted (base64url).
	VAPIDPublicKey string

	mu       sync.Mutex
	subs     map[string]*ecdh.PrivateKey
	auth     map[string][]byte
	script   map[string][]Reply
	pushes   []Push
	rejected []string
	requests int
	// OnPush, when set, is called after each accepted push (benchmarks time the arrival).
	OnPush func(Push)
}

// New starts a fake push service on loopback. Close it when done.
func New() *Server {
	s := &Server{subs: map[string]*ecdh.PrivateKey{}, auth: map[string][]byte{}, script: map[string][]Reply{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.handle))
	s.URL = s.srv.URL
	return s
}

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Subscribe creates a browser's subscription at the fake: fresh keys and an endpoint.
func (s *Server) Subscribe() models.WebSubscription {
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	secret := make([]byte, 16)
	_, _ = rand.Read(secret)
	id := rand.Text()
	s.mu.Lock()
	s.subs[id], s.auth[id] = key, secret
	s.mu.Unlock()
	enc := base64.RawURLEncoding.EncodeToString
	return models.WebSubscription{Endpoint: s.URL + "/push/" + id, P256dh: enc(key.PublicKey().Bytes()), Auth: enc(secret)}
}

// Script makes the next pushes to the endpoint answer these replies in turn (then 201).
func (s *Server) Script(endpoint string, replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := endpoint[strings.LastIndex(endpoint, "/")+1:]
	s.script[id] = append(s.script[id], replies...)
}

// Pushes returns the accepted pushes so far.
func (s *Server) Pushes() []Push {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Push(nil), s.pushes...)
}

// Rejected returns why requests were refused as malformed (bad VAPID, headers or encryption).
func (s *Server) Rejected() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.rejected...)
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, "/push/")
	s.mu.Lock()
	s.requests++
	key, known := s.subs[id]
	secret := s.auth[id]
	var reply *Reply
	if q := s.script[id]; len(q) > 0 {
		reply, s.script[id] = &q[0], q[1:]
	}
	s.mu.Unlock()
	if r.Method != http.MethodPost || !known {
		http.Error(w, "no such subscription", http.StatusNotFound)
		return
	}
	body, _ := io.ReadAll(io.LimitReader(r.Body, 8192))
	p, err := s.check(r, body, key, secret)
	if err != nil {
		s.mu.Lock()
		s.rejected = append(s.rejected, err.Error())
		s.mu.Unlock()
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if reply != nil {
		if reply.RetryAfter != "" {
			w.Header().Set("Retry-After", reply.RetryAfter)
		}
		w.WriteHeader(reply.Status)
		return
	}
	p.Endpoint = s.URL + r.URL.Path
	s.mu.Lock()
	s.pushes = append(s.pushes, p)
	on := s.OnPush
	s.mu.Unlock()
	if on != nil {
		on(p)
	}
	w.WriteHeader(http.StatusCreated)
}

// check verifies the request as a push service must, and decrypts its payload.
func (s *Server) check(r *http.Request, body []byte, key *ecdh.PrivateKey, secret []byte) (Push, error) {
	if r.Header.Get("Content-Encoding") != "aes128gcm" {
		return Push{}, errors.New("Content-Encoding is not aes128gcm")
	}
	if r.Header.Get("TTL") == "" {
		return Push{}, errors.New("no TTL header")
	}
	sub, err := s.checkVAPID(r.Header.Get("Authorization"), "http://"+r.Host)
	if err != nil {
		return Push{}, err
	}
	plain, err := decrypt(body, key, secret)
	if err != nil {
		return Push{}, err
	}
	return Push{Payload: plain, TTL: r.Header.Get("TTL"), Urgency: r.Header.Get("Urgency"), Subject: sub}, nil
}

// checkVAPID verifies "vapid t=JWT, k=KEY": an ES256 JWT signed by KEY for this origin, with an
// expiry and a subject.
func (s *Server) checkVAPID(h, origin string) (string, error) {
	rest, ok := strings.CutPrefix(h, "vapid ")
	if !ok {
		return "", errors.New("the Authorization header is not vapid")
	}
	var tok, k string
	for part := range strings.SplitSeq(rest, ",") {
		name, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch name {
		case "t":
			tok = v
		case "k":
			k = v
		}
	}
	if s.VAPIDPublicKey != "" && k != s.VAPIDPublicKey {
		return "", fmt.Errorf("unexpected application server key %q in %q", k, h)
	}
	raw, err := base64.RawURLEncoding.DecodeString(k)
	if err != nil || len(raw) != 65 {
		return "", errors.New("bad vapid k")
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), raw)
	if err != nil {
		return "", fmt.Errorf("bad vapid k: %w", err)
	}
	claims := jwt.MapClaims{}
	// The expiry is checked for presence, not against a clock: tests read no wall clock.
	_, err = jwt.ParseWithClaims(tok, claims, func(*jwt.Token) (any, error) { return pub, nil },
		jwt.WithValidMethods([]string{"ES256"}), jwt.WithAudience(origin), jwt.WithoutClaimsValidation())
	if err != nil {
		return "", fmt.Errorf("vapid jwt: %w", err)
	}
	if aud, _ := claims.GetAudience(); len(aud) != 1 || aud[0] != origin {
		return "", fmt.Errorf("vapid jwt audience %v, want %s", aud, origin)
	}
	if exp, _ := claims.GetExpirationTime(); exp == nil {
		return "", errors.New("vapid jwt has no expiry")
	}
	sub, _ := claims.GetSubject()
	if !strings.HasPrefix(sub, "mailto:") && !strings.HasPrefix(sub, "https:") {
		return "", fmt.Errorf("vapid jwt subject %q", sub)
	}
	return sub, nil
}

// decrypt opens an aes128gcm body (RFC 8188 framing, RFC 8291 keys) with the subscriber's keys.
func decrypt(body []byte, ua *ecdh.PrivateKey, secret []byte) ([]byte, error) {
	if len(body) < 21 {
		return nil, errors.New("body too short")
	}
	salt, rs, idlen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	if idlen != 65 || len(body) < 21+idlen || rs < 18 {
		return nil, errors.New("bad aes128gcm header")
	}
	asPub, err := ecdh.P256().NewPublicKey(body[21 : 21+idlen])
	if err != nil {
		return nil, fmt.Errorf("sender key: %w", err)
	}
	shared, err := ua.ECDH(asPub)
	if err != nil {
		return nil, err
	}
	info := append(append([]byte("WebPush: info\x00"), ua.PublicKey().Bytes()...), asPub.Bytes()...)
	ikm, err := hkdf.Key(sha256.New, shared, secret, string(info), 32)
	if err != nil {
		return nil, err
	}
	cek, _ := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: aes128gcm\x00", 16)
	nonce, _ := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: nonce\x00", 12)
	block, _ := aes.NewCipher(cek)
	gcm, _ := cipher.NewGCM(block)
	plain, err := gcm.Open(nil, nonce, body[21+idlen:], nil)
	if err != nil {
		return nil, fmt.Errorf("decrypt: %w", err)
	}
	end := len(plain) - 1
	for end >= 0 && plain[end] == 0 {
		end--
	}
	if end < 0 || plain[end] != 2 {
		return nil, errors.New("no last-record delimiter")
	}
	return plain[:end], nil
}
