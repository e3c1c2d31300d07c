package dashboard

import (
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"brobygger/models"
)

// Texts is the dashboard's word catalogue (dashboard/texts.json): every word on a page, in
// Danish and English. Words live in data so a translator never has to read a template.
type Texts struct {
	words map[string]models.LocalizedText
}

func LoadTexts() (*Texts, error) {
	raw, err := Files.ReadFile("texts.json")
	if err != nil {
		return nil, fmt.Errorf("dashboard texts: %w", err)
	}
	t := &Texts{}
	if err := json.Unmarshal(raw, &t.words); err != nil {
		return nil, fmt.Errorf("dashboard texts: %w", err)
	}
	return t, nil
}

// keys lists the catalogue's keys, sorted.
func (t *Texts) keys() []string {
	keys := make([]string, 0, len(t.words))
	for k := range t.words {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Lookup returns key's text in lang, and whether it exists there.
func (t *Texts) Lookup(key string, lang models.Lang) (string, bool) {
	s := t.words[key].In(lang)
	return s, s != ""
}

// funcs are the template functions for one language. An unknown key fails the render, so a
// missing word shows up in tests rather than as a blank on a link worker's screen.
func (t *Texts) funcs(lang models.Lang) template.FuncMap {
	return template.FuncMap{"t": func(key string) (string, error) {
		if s, ok := t.Lookup(key, lang); ok {
			return s, nil
		}
		return "", fmt.Errorf("dashboard text %q is missing in %s", key, lang)
	}}
}

// Locale formats words, times and numbers for one reader.
type Locale struct {
	lang  models.Lang
	texts *Texts
	tz    *time.Location
}

// T returns the word for key; a missing one shows as the key itself (tests keep that from happening).
func (l Locale) T(key string) string {
	if s, ok := l.texts.Lookup(key, l.lang); ok {
		return s
	}
	return key
}

// When formats a moment in the site's time zone, the way the reader's language writes it.
func (l Locale) When(t time.Time) string {
	return t.In(l.tz).Format(l.T("format.datetime"))
}

// WhenOrNever formats an optional moment; nil reads "never".
func (l Locale) WhenOrNever(t *time.Time) string {
	if t == nil {
		return l.T("common.never")
	}
	return l.When(*t)
}

// Day formats a date without the time (chart axis).
func (l Locale) Day(t time.Time) string {
	return t.In(l.tz).Format(l.T("format.date"))
}

// Percent formats a share 0–1; nil means nothing to measure yet.
func (l Locale) Percent(r *float64) string {
	if r == nil {
		return l.T("common.none_yet")
	}
	return strconv.Itoa(int(math.Round(*r*100))) + " %"
}

// Number formats a score with the language's decimal mark (64, 6, 5,5).
func (l Locale) Number(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
	if l.lang == models.LangDA {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// Lang is the reader's language.
func (l Locale) Lang() models.Lang { return l.lang }

// TOr returns the word for key, or fallback when the catalogue has none (an open-ended value
// such as a carrier's delivery status).
func (l Locale) TOr(key, fallback string) string {
	if s, ok := l.texts.Lookup(key, l.lang); ok {
		return s
	}
	return fallback
}
