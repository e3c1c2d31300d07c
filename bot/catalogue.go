// Package bot is the SMS conversation engine: (citizen, conversation state, inbound text, now)
// → answers stored, state changed, replies written to the outbox, all in one transaction.
//
// The conversation step decides without the store: rules.decide (respond.go) is a function from
// the state read for a message (inbound: the citizen, their link worker, the open conversation
// and its check-in, their earlier texts, an unknown number's STOP) and the time to a decision
// (decision.go: replies, flags, citizen and conversation changes, the answer and score, the
// message's marks). One shell (shell.go) reads that state and writes the decision in the
// caller's transaction, for a message alone (handleOne, reprocess, WriteInApp) and for an
// inbound batch (inbound_batch.go), so both share every rule; decide_test.go runs the step with
// no database. The scheduler's entry points (StartCheckin, StartFollowup, NudgeContact,
// ExpireConversations) and the app's check-in answers still write as they go.
//
// It never sends anything itself; notify's dispatcher reads the outbox. It may import models
// and its leaves, and its own leaves bot/distress and bot/consent.
package bot

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"brobygger/models"
)

//go:embed data/*.json
var dataFiles embed.FS

// catalogue holds every text the bot sends, in Danish and English.
type catalogue struct {
	texts map[string]map[models.Lang]string
}

// LoadCatalogue reads the embedded texts and checks both languages exist for every key.
func LoadCatalogue() (*catalogue, error) {
	raw, err := dataFiles.ReadFile("data/texts.json")
	if err != nil {
		return nil, fmt.Errorf("load catalogue: %w", err)
	}
	c := &catalogue{}
	if err := json.Unmarshal(raw, &c.texts); err != nil {
		return nil, fmt.Errorf("load catalogue: %w", err)
	}
	for key, byLang := range c.texts {
		for _, l := range models.Langs() {
			if strings.TrimSpace(byLang[l]) == "" {
				return nil, fmt.Errorf("load catalogue: text %q has no %s version", key, l)
			}
		}
	}
	return c, nil
}

// Keys lists the catalogue's text keys, sorted.
func (c *catalogue) Keys() []string {
	keys := make([]string, 0, len(c.texts))
	for k := range c.texts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Raw returns a text with its {placeholders} unfilled.
func (c *catalogue) Raw(key string, lang models.Lang) string {
	byLang, ok := c.texts[key]
	if !ok {
		// A missing key is a programming error that tests catch; never send an empty SMS.
		panic(fmt.Sprintf("bot: no text %q in the catalogue", key))
	}
	if t, ok := byLang[lang]; ok {
		return t
	}
	return byLang[models.LangDA]
}

// Text renders a text with its placeholders filled from vars ("first" → "{first}").
func (c *catalogue) Text(key string, lang models.Lang, vars map[string]string) string {
	t := c.Raw(key, lang)
	if len(vars) == 0 {
		return t
	}
	pairs := make([]string, 0, 2*len(vars))
	for k, v := range vars {
		pairs = append(pairs, "{"+k+"}", v)
	}
	return strings.NewReplacer(pairs...).Replace(t)
}
