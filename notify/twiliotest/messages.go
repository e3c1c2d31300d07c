package twiliotest

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"
)

// maxBodyChars is Twilio's limit on a message body (error 21617).
const maxBodyChars = 1600

// createMessage implements POST /2010-04-01/Accounts/{AccountSid}/Messages.json.
// Scripted outages come first, then Twilio's parameter checks, then
// per-recipient refusals, matching the order a real send fails in.
func (s *Server) createMessage(w http.ResponseWriter, r *http.Request) {
	if r.PathValue("AccountSid") != s.accountSID {
		writeFailure(w, notFound(r))
		return
	}
	if err := r.ParseForm(); err != nil {
		writeFailure(w, failure{status: http.StatusBadRequest, message: "malformed form body: " + err.Error()})
		return
	}
	if f, ok := s.script.takeNext(); ok {
		writeFailure(w, f)
		return
	}
	m := messageFromForm(r.PostForm)
	if f, ok := invalidMessage(m, r.PostForm); ok {
		writeFailure(w, f)
		return
	}
	if f, ok := s.script.failureFor(m.To); ok {
		writeFailure(w, f)
		return
	}
	m.SID = newSID("SM")
	m.ReceivedAt = s.now()
	resource := renderMessage(s.accountSID, m)
	s.ledger.record(m, resource)
	if fn := s.onAccept.Load(); fn != nil {
		(*fn)(m)
	}
	writeBody(w, http.StatusCreated, jsonContentType, resource)
}

// messageFromForm reads the Create Message parameters the fake understands.
func messageFromForm(form url.Values) Message {
	return Message{
		To:                  form.Get("To"),
		From:                form.Get("From"),
		MessagingServiceSid: form.Get("MessagingServiceSid"),
		Body:                form.Get("Body"),
		StatusCallback:      form.Get("StatusCallback"),
	}
}

// invalidMessage returns the error Twilio gives for a request it cannot
// send. Unlike Twilio, which accepts From together with a Messaging Service
// from its sender pool, the fake demands exactly one of them, so a sender
// that is configured both ways is caught in tests.
func invalidMessage(m Message, form url.Values) (failure, bool) {
	bad := func(code int, message string) (failure, bool) {
		return failure{status: http.StatusBadRequest, code: code, message: message}, true
	}
	switch {
	case m.To == "":
		return bad(21604, "A 'To' phone number is required.")
	case m.From == "" && m.MessagingServiceSid == "":
		return bad(21603, "A 'From' phone number is required.")
	case m.From != "" && m.MessagingServiceSid != "":
		return bad(21603, "Specify either 'From' or 'MessagingServiceSid', not both.")
	case m.Body == "" && len(form["MediaUrl"]) == 0:
		return bad(21602, "Message body is required.")
	case utf8.RuneCountInString(m.Body) > maxBodyChars:
		return bad(21617, "The concatenated message body exceeds the 1600 character limit.")
	}
	return failure{}, false
}

// fetchMessage implements GET /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json.
func (s *Server) fetchMessage(w http.ResponseWriter, r *http.Request) {
	sid, isJSON := strings.CutSuffix(r.PathValue("file"), ".json")
	if r.PathValue("AccountSid") != s.accountSID || !isJSON {
		writeFailure(w, notFound(r))
		return
	}
	resource, ok := s.ledger.resource(sid)
	if !ok {
		writeFailure(w, notFound(r))
		return
	}
	writeBody(w, http.StatusOK, jsonContentType, resource)
}
