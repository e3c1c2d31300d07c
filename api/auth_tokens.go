package api

import (
	"errors"
	"time"

	"brobygger/models"

	"github.com/golang-jwt/jwt/v5"
)

// Token settings. Access tokens are short; refresh tokens are opaque, stored hashed and rotated.
const (
	tokenIssuer        = "brobygger"
	tokenAudience      = "brobygger-api"
	accessTokenTTL     = 15 * time.Minute
	citizenRefreshTTL  = 30 * 24 * time.Hour
	staffRefreshTTL    = 12 * time.Hour
	roleCitizen        = "citizen"
	signingAlgorithm   = "HS256"
	maxTokenHeaderSize = 4096
)

// accessClaims are what an access token says: who (sub), in which role, and for staff the
// session version the token was issued under (models.Staff.SessionVersion): when deactivation or
// a new password raises it, the token stops working on its next request.
//
// Family is the login (refresh family) the token belongs to: logout, refresh-token reuse and
// every other end of a login revoke the family, and the token stops working on its next request.
type accessClaims struct {
	Role           string `json:"role"`
	SessionVersion int    `json:"sv,omitempty"`
	Family         string `json:"fam"`
	jwt.RegisteredClaims
}

// tokenService signs and checks access tokens with HS256 pinned.
type tokenService struct {
	secret []byte
	now    func() time.Time
}

func (ts tokenService) issue(subject, role string, sessionVersion int, family string) (string, error) {
	now := ts.now()
	claims := accessClaims{Role: role, SessionVersion: sessionVersion, Family: family, RegisteredClaims: jwt.RegisteredClaims{
		Issuer: tokenIssuer, Audience: jwt.ClaimStrings{tokenAudience}, Subject: subject, ID: models.NewID(),
		IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(accessTokenTTL)),
	}}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(ts.secret)
}

// parse accepts only HS256 tokens we issued, for our audience, unexpired, with a subject and a
// known role: "alg": "none", another algorithm, a missing exp or a foreign issuer all fail.
func (ts tokenService) parse(raw string) (*accessClaims, error) {
	denied := models.Errorf(models.EUNAUTHORIZED, "The access token is missing, invalid or expired.")
	if raw == "" || len(raw) > maxTokenHeaderSize {
		return nil, denied
	}
	claims := &accessClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return ts.secret, nil },
		jwt.WithValidMethods([]string{signingAlgorithm}), jwt.WithIssuer(tokenIssuer), jwt.WithAudience(tokenAudience),
		jwt.WithExpirationRequired(), jwt.WithIssuedAt(), jwt.WithTimeFunc(ts.now), jwt.WithLeeway(5*time.Second))
	if err != nil || !models.ValidID(claims.Subject) || !knownRole(claims.Role) || !models.ValidID(claims.Family) {
		return nil, denied
	}
	return claims, nil
}

func knownRole(r string) bool {
	return r == roleCitizen || models.StaffRole(r).Valid()
}

// tokenPair is the fixed response of every login and refresh. PasswordChangeRequired is set
// for a staff member still holding a one-time password: until POST /v1/auth/password, every
// other endpoint answers 403.
type tokenPair struct {
	AccessToken            string `json:"access_token"`
	RefreshToken           string `json:"refresh_token"`
	ExpiresIn              int    `json:"expires_in"`
	PasswordChangeRequired bool   `json:"password_change_required,omitempty"`
}

var errNoSecret = errors.New("tokens: JWT secret is empty")

func (ts tokenService) pair(subject, role string, sessionVersion int, refresh models.IssuedRefresh) (tokenPair, error) {
	if len(ts.secret) == 0 {
		return tokenPair{}, errNoSecret
	}
	access, err := ts.issue(subject, role, sessionVersion, refresh.FamilyID)
	if err != nil {
		return tokenPair{}, err
	}
	return tokenPair{AccessToken: access, RefreshToken: refresh.Raw, ExpiresIn: int(accessTokenTTL / time.Second)}, nil
}
