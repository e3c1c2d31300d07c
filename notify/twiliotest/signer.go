package twiliotest

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
)

// Signature computes the X-Twilio-Signature Twilio sends with a form POST
// to fullURL: the URL exactly as configured in Twilio (scheme, host, path
// and query), followed by every parameter name and value with the names in
// sorted order (a repeated name contributes once per value, values sorted),
// signed with HMAC-SHA1 under the auth token and base64-encoded.
func Signature(authToken, fullURL string, params url.Values) string {
	var signed strings.Builder
	signed.WriteString(fullURL)
	for _, name := range slices.Sorted(maps.Keys(params)) {
		for _, value := range slices.Sorted(slices.Values(params[name])) {
			signed.WriteString(name)
			signed.WriteString(value)
		}
	}
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(signed.String()))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// SignedRequest builds the webhook POST Twilio would make to publicURL: a
// form body with params and an X-Twilio-Signature over publicURL. The
// request targets publicURL's path and query with publicURL's host as Host,
// because the app under test sits behind whatever public URL Twilio was
// given. It is a server-side request, for fiber's app.Test or an
// http.Handler's ServeHTTP, not for http.Client.
func SignedRequest(authToken, publicURL string, params url.Values) *http.Request {
	target, err := url.Parse(publicURL)
	if err != nil {
		panic("twiliotest: SignedRequest: " + err.Error())
	}
	req := httptest.NewRequest(http.MethodPost, target.RequestURI(), strings.NewReader(params.Encode()))
	req.Host = target.Host
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", Signature(authToken, publicURL, params))
	return req
}
