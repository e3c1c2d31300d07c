package medcom

import (
	_ "embed"
	"encoding/json"
	"strings"
)

//go:embed reply_texts.json
var replyTextsJSON []byte

// ReplyTexts are the Danish texts of the replies drafted for the GP; the link worker may edit
// each draft before it goes.
type ReplyTexts map[string]string

// LoadReplyTexts reads the embedded catalogue (checked by a test).
func LoadReplyTexts() ReplyTexts {
	var t ReplyTexts
	if err := json.Unmarshal(replyTextsJSON, &t); err != nil {
		panic(err) // embedded and tested: only a broken build gets here
	}
	return t
}

// Fill returns text key with {name} placeholders replaced.
func (t ReplyTexts) Fill(key string, vars map[string]string) string {
	s := t[key]
	for k, v := range vars {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}
