package operations

import (
	"context"
	"errors"
	"time"

	"brobygger/models"

	"github.com/golang-jwt/jwt/v5"
)

// Token settings. Access tokens are short; refresh tokens are opaque, stored hashed and rotated.
const (
	tokenIssuer        = "brobygger"
	tokenAudience      = "brobygger-api"
	AccessTokenTTL     = 15 * time.Minute
	CitizenRefreshTTL  = 30 * 24 * time.Hour
	StaffRefreshTTL    = 12 * time.Hour
	RoleCitizen        = "citizen"
	signingAlgorithm   = "HS256"
	maxTokenHeaderSize = 4096
)

// AccessClaims are what an access token says: who (sub), in which role, and for staff the
// session version the token was issued under (models.Staff.SessionVersion): when deactivation or
// a new password raises it, the token stops working on its next request.
//
// Family is the login (refresh family) the token belongs to: logout, refresh-token reuse and
// every other end of a login revoke the family, and the token stops working on its next request.
type AccessClaims struct {
	Role           string `json:"role"`
	SessionVersion int    `json:"sv,omitempty"`
	Family         string `json:"fam"`
	jwt.RegisteredClaims
}

// TokenService signs and checks access tokens with HS256 pinned.
type TokenService struct {
	secret []byte
	now    func() time.Time
}

func (ts TokenService) Issue(subject, role string, sessionVersion int, family string) (string, error) {
	now := ts.now()
	claims := AccessClaims{Role: role, SessionVersion: sessionVersion, Family: family, RegisteredClaims: jwt.RegisteredClaims{
		Issuer: tokenIssuer, Audience: jwt.ClaimStrings{tokenAudience}, Subject: subject, ID: models.NewID(),
		IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(AccessTokenTTL)),
	}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(ts.secret)
}

// Parse accepts only HS256 tokens we issued, for our audience, unexpired, with a subject and a
// known role: "alg": "none", another algorithm, a missing exp or a foreign issuer all fail.
func (ts TokenService) Parse(raw string) (*AccessClaims, error) {
	denied := models.Errorf(models.EUNAUTHORIZED, "The access token is missing, invalid or expired.")
	if raw == "" || len(raw) > maxTokenHeaderSize {
		return nil, denied
	}
	claims := &AccessClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return ts.secret, nil },
		jwt.WithValidMethods([]string{signingAlgorithm}), jwt.WithIssuer(tokenIssuer), jwt.WithAudience(tokenAudience),
		jwt.WithExpirationRequired(), jwt.WithIssuedAt(), jwt.WithTimeFunc(ts.now), jwt.WithLeeway(5*time.Second))
	if err != nil || !models.ValidID(claims.Subject) || !knownRole(claims.Role) || !models.ValidID(claims.Family) {
		return nil, denied
	}
	return claims, nil
}

func knownRole(r string) bool {
	return r == RoleCitizen || models.StaffRole(r).Valid()
}

// TokenPair is the fixed response of every login and refresh. PasswordChangeRequired is set
// for a staff member still holding a one-time password: until POST /v1/auth/password, every
// other endpoint answers 403.
type TokenPair struct {
	AccessToken            string `json:"access_token"`
	RefreshToken           string `json:"refresh_token"`
	ExpiresIn              int    `json:"expires_in"`
	PasswordChangeRequired bool   `json:"password_change_required,omitempty"`
}

var errNoSecret = errors.New("tokens: JWT secret is empty")

func (ts TokenService) Pair(subject, role string, sessionVersion int, refresh models.IssuedRefresh) (TokenPair, error) {
	if len(ts.secret) == 0 {
		return TokenPair{}, errNoSecret
	}
	access, err := ts.Issue(subject, role, sessionVersion, refresh.FamilyID)
	if err != nil {
		return TokenPair{}, err
	}
	return TokenPair{AccessToken: access, RefreshToken: refresh.Raw, ExpiresIn: int(AccessTokenTTL / time.Second)}, nil
}

// NewTokenService signs with secret and reads the time from now.
func NewTokenService(secret []byte, now func() time.Time) TokenService {
	return TokenService{secret: secret, now: now}
}

// refreshTTLFor is how long a rotated refresh token lives: staff logins are short (a working day).
func refreshTTLFor(role string) time.Duration {
	if role == RoleCitizen {
		return CitizenRefreshTTL
	}
	return StaffRefreshTTL
}

// Rotated is a refresh token exchanged for a new one, with the staff member's session state.
type Rotated struct {
	Old     *models.RefreshToken
	Issued  models.IssuedRefresh
	Session models.StaffSession
}

// RotateRefresh exchanges a refresh token for a new one; a deactivated staff member's login ends
// here, so a refresh token never outlives the account (shared by the API and the dashboard).
func (h *Service) RotateRefresh(ctx context.Context, raw string) (Rotated, error) {
	old, issued, err := h.Store.RotateRefreshToken(ctx, raw, refreshTTLFor)
	if err != nil {
		return Rotated{}, err
	}
	r := Rotated{Old: old, Issued: issued}
	if old.Role != RoleCitizen {
		r.Session, err = h.Store.StaffSessionOf(ctx, old.SubjectID)
		if err != nil || !r.Session.Active {
			_ = h.Store.RevokeRefreshFamily(ctx, old.FamilyID)
			return Rotated{}, models.Errorf(models.EUNAUTHORIZED, "The refresh token is invalid or expired.")
		}
	}
	return r, nil
}
