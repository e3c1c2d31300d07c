package models

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// A cursor is a list's keyset position: the sort key and id of the last row of a page. The API
// treats it as an opaque string; here it is base64url JSON {"l": list, "k": key, "i": id}. The
// one codec below writes and reads every list's cursors (audit log, caseload by each sort,
// deletion requests, inbox, MedCom messages and referrals, offers). A cursor names its list, so a
// list refuses another's cursor, and its key is checked to be a value of the sort column's type,
// so what reaches the query is always one the database can read: a crafted cursor is EINVALID,
// never a 500 with its text quoted in the log.
type cursorCodec[K any] struct {
	list   string
	format func(K) string
	parse  func(string) (K, bool)
}

// keyset is a decoded cursor: the last row's sort key and id.
type keyset[K any] struct {
	Key K
	ID  string
}

type cursorJSON struct {
	List string `json:"l"`
	Key  string `json:"k"`
	ID   string `json:"i"`
}

// encode writes the cursor after the row with this key and id.
func (c cursorCodec[K]) encode(key K, id string) string {
	b, _ := json.Marshal(cursorJSON{List: c.list, Key: c.format(key), ID: id})
	return base64.RawURLEncoding.EncodeToString(b)
}

// decode reads a cursor this list wrote; anything else is EINVALID, and the error never
// repeats the cursor.
func (c cursorCodec[K]) decode(s string) (keyset[K], error) {
	var j cursorJSON
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &j) != nil || j.List != c.list || !ValidID(j.ID) {
		return keyset[K]{}, badCursor()
	}
	key, ok := c.parse(j.Key)
	if !ok {
		return keyset[K]{}, badCursor()
	}
	return keyset[K]{Key: key, ID: j.ID}, nil
}

// badCursor is the one answer to a cursor we did not write.
func badCursor() error {
	return Invalid("cursor", "The cursor is not valid for this list; load the first page again without a cursor.")
}

// timeCursors pages a list by (a time, id). PostgreSQL reads years 1 to 9999; time.Parse also
// takes year 0, and a zero or far time is not one we wrote.
func timeCursors(list string) cursorCodec[time.Time] {
	return cursorCodec[time.Time]{list: list,
		format: func(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) },
		parse: func(s string) (time.Time, bool) {
			t, err := time.Parse(time.RFC3339Nano, s)
			return t, err == nil && t.Year() >= 1 && t.Year() <= 9999
		}}
}

// textCursors pages a list by (a text column, id): valid UTF-8 without NUL, at most 200
// characters of four bytes.
func textCursors(list string) cursorCodec[string] {
	return cursorCodec[string]{list: list, format: identity, parse: func(s string) (string, bool) {
		return s, len(s) <= 4*200 && utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
	}}
}

// idCursors pages a list by id alone: the key is the id.
func idCursors(list string) cursorCodec[string] {
	return cursorCodec[string]{list: list, format: identity, parse: func(s string) (string, bool) { return s, ValidID(s) }}
}

func identity(s string) string { return s }

// The lists' codecs.
var (
	auditCursors          = timeCursors("audit")
	deletionCursors       = timeCursors("deletion_requests")
	inboxCursors          = timeCursors("inbox")
	medcomMessageCursors  = timeCursors("medcom_messages")
	medcomReferralCursors = timeCursors("medcom_referrals")
	offerCursors          = textCursors("offers")
)

// lastContactCursors pages the caseload by last contact: the key is the database's own text for
// the time, checked to be one.
var lastContactCursors = cursorCodec[string]{list: "caseload_last_contact", format: identity, parse: func(s string) (string, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	return s, err == nil && t.Year() >= 1
}}

// needCursors pages the caseload by need: the key is the need rank, one digit.
var needCursors = cursorCodec[string]{list: "caseload_need", format: identity, parse: func(s string) (string, bool) {
	return s, len(s) == 1 && s[0] >= '0' && s[0] <= '0'+byte(NeedNone)
}}

// keysetPage reads one page of db's rows in (keyCol, idCol) order, descending when desc, after
// the position cursor names (from the start when it is ""), and the next page's cursor ("" at
// the end). last gives a row's key and id. A cursor the codec refuses is returned as it is
// (EINVALID); a failed query is wrapped with what.
func keysetPage[T, K any](db *gorm.DB, codec cursorCodec[K], keyCol, idCol string, desc bool, cursor string, limit int,
	what string, last func(T) (K, string)) ([]T, string, error) {
	op, dir := ">", ""
	if desc {
		op, dir = "<", " DESC"
	}
	if cursor != "" {
		cur, err := codec.decode(cursor)
		if err != nil {
			return nil, "", err
		}
		db = db.Where("("+keyCol+" "+op+" ? OR ("+keyCol+" = ? AND "+idCol+" "+op+" ?))", cur.Key, cur.Key, cur.ID)
	}
	var rows []T
	if err := db.Order(keyCol + dir + ", " + idCol + dir).Limit(limit + 1).Scan(&rows).Error; err != nil {
		return nil, "", fmt.Errorf("%s: %w", what, err)
	}
	if len(rows) <= limit {
		return rows, "", nil
	}
	rows = rows[:limit]
	return rows, codec.encode(last(rows[limit-1])), nil
}
