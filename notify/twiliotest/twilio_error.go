package twiliotest

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// twilioError is the body Twilio's 2010-04-01 API sends with every error
// status. twilio-go decodes it into client.TwilioRestError, taking Status
// from this body rather than from the HTTP status line.
type twilioError struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	MoreInfo string `json:"more_info"`
	Status   int    `json:"status"`
}

// writeFailure answers with f's status and a Twilio error body, or, for a
// zero code, with a non-JSON page like a proxy in front of Twilio would.
func writeFailure(w http.ResponseWriter, f failure) {
	if f.code == 0 {
		page := f.message
		if page == "" {
			page = "<html><body><h1>" + http.StatusText(f.status) + "</h1></body></html>"
		}
		writeBody(w, f.status, "text/html; charset=utf-8", []byte(page))
		return
	}
	body, _ := json.Marshal(twilioError{ // cannot fail: only strings and ints
		Code:     f.code,
		Message:  f.message,
		MoreInfo: "https://www.twilio.com/docs/errors/" + strconv.Itoa(f.code),
		Status:   f.status,
	})
	writeBody(w, f.status, jsonContentType, body)
}

// notFound is Twilio's answer for a path that names no resource.
func notFound(r *http.Request) failure {
	return failure{
		status:  http.StatusNotFound,
		code:    20404,
		message: "The requested resource " + r.URL.Path + " was not found",
	}
}

const jsonContentType = "application/json; charset=utf-8"

// writeBody sends a complete body with an explicit Content-Length, so
// clients that stop reading at the end of the JSON value (twilio-go does not
// close error bodies) still see EOF and can reuse the connection.
func writeBody(w http.ResponseWriter, status int, contentType string, body []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}
