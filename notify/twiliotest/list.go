package twiliotest

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// maxPageSize is Twilio's largest page.
const maxPageSize = 1000

// messagePage is Twilio's JSON page of a list: the items and where the next page is (null on the
// last, which is where twilio-go stops reading).
type messagePage struct {
	Messages        []messageResource `json:"messages"`
	End             int               `json:"end"`
	FirstPageURI    string            `json:"first_page_uri"`
	NextPageURI     *string           `json:"next_page_uri"`
	Page            int               `json:"page"`
	PageSize        int               `json:"page_size"`
	PreviousPageURI *string           `json:"previous_page_uri"`
	Start           int               `json:"start"`
	URI             string            `json:"uri"`
}

// listMessages implements GET /2010-04-01/Accounts/{AccountSid}/Messages.json with Twilio's
// filters To, From, DateSent, DateSent< and DateSent> (a date or an RFC 3339 instant; the
// bounds include their instant), newest first, one page. The fake sends every message the moment
// it accepts it, so a listed message is "sent" with date_sent its ReceivedAt, unless its
// recipient is held (HoldInQueue): then it is "queued" with no date_sent, and, as at Twilio, any
// DateSent filter leaves it out.
func (s *Server) listMessages(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("AccountSid") != s.accountSID {
		writeFailure(w, notFound(r))
		return
	}
	q := r.URL.Query()
	match, f, ok := listFilter(q)
	if !ok {
		writeFailure(w, f)
		return
	}
	size := maxPageSize
	if n, err := strconv.Atoi(q.Get("PageSize")); err == nil && n > 0 && n < maxPageSize {
		size = n
	}
	page := messagePage{PageSize: size, URI: r.URL.RequestURI(), FirstPageURI: r.URL.RequestURI(), Messages: []messageResource{}}
	accepted := s.Messages()
	slices.Reverse(accepted)
	for _, m := range accepted {
		if len(page.Messages) == size {
			break
		}
		held := s.isHeld(m.To)
		if match(m, held) {
			res := resourceOf(s.accountSID, m)
			sent := res.DateCreated
			res.Status, res.DateSent = "sent", &sent
			if held {
				res.Status, res.DateSent = "queued", nil
			}
			page.Messages = append(page.Messages, res)
		}
	}
	page.End = max(len(page.Messages)-1, 0)
	writeBody(w, http.StatusOK, jsonContentType, encodeJSON(page))
}

// listFilter reads the list's filters into one predicate, or the 400 Twilio gives for a bad date.
func listFilter(q url.Values) (func(m Message, queued bool) bool, failure, bool) {
	var after, before, on time.Time
	for _, p := range []struct {
		name string
		into *time.Time
	}{{"DateSent>", &after}, {"DateSent<", &before}, {"DateSent", &on}} {
		raw := q.Get(p.name)
		if raw == "" {
			continue
		}
		t, err := parseTwilioDate(raw)
		if err != nil {
			return nil, failure{status: http.StatusBadRequest, code: 20001, message: "Invalid " + p.name + ": " + raw}, false
		}
		*p.into = t
	}
	to, from := q.Get("To"), q.Get("From")
	dated := !after.IsZero() || !before.IsZero() || !on.IsZero()
	return func(m Message, queued bool) bool {
		sent := m.ReceivedAt.UTC()
		return (to == "" || m.To == to) && (from == "" || m.From == from) && !(queued && dated) &&
			(after.IsZero() || !sent.Before(after)) && (before.IsZero() || !sent.After(before)) &&
			(on.IsZero() || sent.Format(time.DateOnly) == on.UTC().Format(time.DateOnly))
	}, failure{}, true
}

// parseTwilioDate reads a list filter's date: YYYY-MM-DD, or the RFC 3339 instant twilio-go sends.
func parseTwilioDate(raw string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, raw); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, raw)
}
