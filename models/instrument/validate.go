package instrument

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// validate reports whether i is safe to send and score: identity and texts
// in every language, items numbered 1..n without gaps, a scale with unique
// values, a known scoring rule, bands that cover every possible score
// without overlap, and well-formed alert rules. Operator files go through
// the same check as shipped ones; the first problem in each section is
// reported so one run shows most of what to fix.
func (i *Instrument) validate() error {
	err := errors.Join(i.validateHeader(), i.validateItems(), i.validateScale())
	// Scoring needs sound items and scale to know the raw sums; bands and
	// alerts need sound scoring to know the possible scores.
	if err == nil {
		err = i.validateScoring()
	}
	if err == nil {
		err = errors.Join(i.validateBands(), i.validateAlerts())
	}
	if err != nil {
		return fmt.Errorf("instrument %q version %q: %w", i.Key, i.Version, err)
	}
	return nil
}

func (i *Instrument) validateHeader() error {
	if !isSnakeCase(i.Key) {
		return fmt.Errorf("key %q must be lower-case letters, digits and _", i.Key)
	}
	if _, ok := parseInstrumentVersion(i.Version); !ok {
		return fmt.Errorf("version %q must be a whole number from 1, without leading zeros", i.Version)
	}
	required := []struct{ what, value string }{{"name", i.Name}, {"citation", i.Citation}, {"licence", i.Licence}}
	for _, field := range required {
		if strings.TrimSpace(field.value) == "" {
			return fmt.Errorf("%s is missing", field.what)
		}
	}
	return errors.Join(i.Title.check("title"), i.TimeFrame.check("time_frame"), i.SMSIntro.check("sms_intro"))
}

func (i *Instrument) validateItems() error {
	if len(i.Items) == 0 {
		return errors.New("there are no items")
	}
	for idx, item := range i.Items {
		if item.Number != idx+1 {
			return fmt.Errorf("items must be numbered 1..n in order: position %d holds item %d", idx+1, item.Number)
		}
		what := fmt.Sprintf("item %d", item.Number)
		if err := errors.Join(item.Text.check(what+" text"), item.SMSPrompt.check(what+" sms_prompt")); err != nil {
			return err
		}
	}
	return nil
}

func (i *Instrument) validateScale() error {
	if len(i.Scale) < 2 {
		return errors.New("the scale needs at least two options")
	}
	values := make(map[int]bool, len(i.Scale))
	words := make(map[Lang]map[string]int)
	for _, option := range i.Scale {
		// Negative values could not be replied as a plain digit.
		if option.Value < 0 {
			return fmt.Errorf("scale value %d is negative", option.Value)
		}
		if values[option.Value] {
			return fmt.Errorf("scale value %d appears twice", option.Value)
		}
		values[option.Value] = true
		if err := option.Label.check(fmt.Sprintf("scale %d label", option.Value)); err != nil {
			return err
		}
		if err := option.checkWords(words); err != nil {
			return err
		}
	}
	return nil
}

// checkWords rejects a reply word that would be read differently from how
// it is written, or that another option already claims: a word is only
// useful when it is unambiguous.
func (o ScaleOption) checkWords(seen map[Lang]map[string]int) error {
	for lang, words := range o.Words {
		if !lang.Valid() {
			return fmt.Errorf("scale %d words have unsupported language %q", o.Value, lang)
		}
		if seen[lang] == nil {
			seen[lang] = make(map[string]int)
		}
		for _, word := range words {
			if word == "" || normalizeReply(word) != word || isDigits(word) {
				return fmt.Errorf("scale %d word %q must be a lower-case word without surrounding spaces or punctuation", o.Value, word)
			}
			if other, taken := seen[lang][word]; taken {
				return fmt.Errorf("scale word %q in %q means both %d and %d", word, lang, other, o.Value)
			}
			seen[lang][word] = o.Value
		}
	}
	return nil
}

// isSnakeCase reports whether key is lower-case letters, digits and _,
// starting with a letter: safe in file names, storage and flag kinds.
func isSnakeCase(key string) bool {
	if key == "" || key[0] < 'a' || key[0] > 'z' {
		return false
	}
	for _, r := range key {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}

// parseInstrumentVersion reads a version such as "2". Versions are whole
// numbers so that "highest version" has one obvious meaning.
func parseInstrumentVersion(version string) (int, bool) {
	if !isDigits(version) || version[0] == '0' {
		return 0, false
	}
	n, err := strconv.Atoi(version)
	return n, err == nil
}

// isDigits reports whether s is non-empty and only ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
