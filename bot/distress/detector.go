package distress

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"
)

//go:embed data/*.json
var dataFiles embed.FS

// Level is how urgently a message needs a person.
type Level int

// Levels, ordered: a higher level wins.
const (
	None      Level = iota
	Distress        // a warm reply and a high flag for the same working day
	Emergency       // emergency numbers at once and an urgent flag
)

// String returns the level's code: "none", "distress" or "emergency".
func (l Level) String() string {
	switch l {
	case Distress:
		return "distress"
	case Emergency:
		return "emergency"
	}
	return "none"
}

// parseLevel reads a level's code.
func parseLevel(s string) (Level, error) {
	for _, l := range []Level{None, Distress, Emergency} {
		if l.String() == s {
			return l, nil
		}
	}
	return None, fmt.Errorf("unknown level %q", s)
}

// category says what kind of danger a match is about, as a stable code (see Categories).
type category string

// Categories the data files use.
const (
	suicidalIdeation category = "suicidal_ideation" // thoughts or wishes to die
	suicidePlan      category = "suicide_plan"      // a plan or the means
	suicideAttempt   category = "suicide_attempt"   // an act already done
	farewell         category = "farewell"          // a goodbye that sounds final
	selfHarm         category = "self_harm"
	medicalEmergency category = "medical_emergency" // a fall with no way up, chest pain, breathing, stroke signs
	violence         category = "violence"          // violence or threats against the citizen
	hopelessness     category = "hopelessness"
	burden           category = "burden" // feeling a burden to others
	exhaustion       category = "exhaustion"
	loneliness       category = "loneliness"
	despair          category = "despair" // deep sadness, crying, depression
	anxiety          category = "anxiety"
	helpRequest      category = "help_request" // "hjælp mig", "help me"
)

// match is one rule that matched: which rule, what it is about, and the words it matched.
type match struct {
	Rule     string
	Category category
	Level    Level  // after negation and idiom exceptions
	Text     string // the matched words as the citizen wrote them (messages joined by " / ")
	Context  string // Text with a few words either side, within the same messages
	Start    int    // byte offsets of Text in the assessed text (AssessAll: the texts joined by "\n")
	End      int
	Negated  bool   // a negation ("ikke", "never") stood before or inside the match and lowered its level
	Capped   string // id of the exception that lowered the level, if any
}

// Assessment is what the detector heard in a message or a run of messages.
type Assessment struct {
	Level   Level
	Matches []match
	labels  map[category]map[string]string
}

// Detector finds signs of distress in free text. It holds only read-only compiled data and is safe
// for concurrent use.
type Detector struct {
	rules      []rule
	exceptions []exception
	negators   map[string]bool
	fillers    map[string]bool
	labels     map[category]map[string]string
	concepts   map[string][]pattern
	// conceptList holds the concepts in name order with their patterns' numbers (start_index.go).
	conceptList []conceptEntry
	// starts tells, for a word, which patterns of rules, exceptions and concepts can start at it
	// (start_index.go): an assessment tries a pattern only there.
	starts     *startIndex
	combos     []combo
	model      *ngramModel       // the statistical layer (model.go); nil: rules alone
	vocabulary map[string]uint16 // words never read as a typo of another word, with their corpus counts (vocabulary.go)
}

type rule struct {
	id       string
	category category
	level    Level
	whole    bool // the pattern must be the whole of one SMS ("tomt.", "orker ikke"), a check-in digit before it allowed
	patterns []pattern
	ids      patternIDRange // the patterns' numbers in the start index
}

type exception struct {
	id       string
	cap      Level
	rules    []string // rule id prefixes it applies to; empty: all rules
	patterns []pattern
	ids      patternIDRange
}

type dataFile struct {
	Macros     map[string]string            `json:"macros"`
	Negators   []string                     `json:"negators"`
	Fillers    []string                     `json:"negation_fillers"`
	Categories map[string]map[string]string `json:"categories"`
	Rules      []struct {
		ID       string   `json:"id"`
		Category string   `json:"category"`
		Level    string   `json:"level"`
		Patterns []string `json:"patterns"`
		Whole    bool     `json:"whole"`
	} `json:"rules"`
	Exceptions []struct {
		ID       string   `json:"id"`
		Cap      string   `json:"cap"`
		Rules    []string `json:"rules"`
		Patterns []string `json:"patterns"`
	} `json:"exceptions"`
	Concepts map[string][]string `json:"concepts"`
	Combos   []comboData         `json:"combos"`
}

// Load compiles the embedded data files (data/*.json: macros, negations, category labels, rules
// and idiom exceptions) and the statistical layer (trained once from data/training.tsv).
func Load() (*Detector, error) {
	files, err := readData()
	if err != nil {
		return nil, fmt.Errorf("load distress data: %w", err)
	}
	d := &Detector{negators: map[string]bool{}, fillers: map[string]bool{}, labels: map[category]map[string]string{},
		concepts: map[string][]pattern{}}
	macros := map[string]string{}
	for _, f := range files {
		for k, v := range f.Macros {
			macros[k] = v
		}
		for _, w := range f.Negators {
			d.negators[canonWord(w)] = true
		}
		for _, w := range f.Fillers {
			d.fillers[canonWord(w)] = true
		}
		for c, l := range f.Categories {
			d.labels[category(c)] = l
		}
	}
	for _, f := range files {
		if err := d.compile(f, macros); err != nil {
			return nil, fmt.Errorf("load distress data: %w", err)
		}
		if err := d.compileConcepts(f, macros); err != nil {
			return nil, fmt.Errorf("load distress data: %w", err)
		}
	}
	for _, f := range files { // combos last: they may use concepts from any file
		if err := d.compileCombos(f); err != nil {
			return nil, fmt.Errorf("load distress data: %w", err)
		}
	}
	d.buildStartIndex()
	if d.vocabulary, err = loadVocabulary(); err != nil {
		return nil, fmt.Errorf("load distress data: %w", err)
	}
	if d.model, err = shippedModel(); err != nil {
		return nil, fmt.Errorf("load distress data: %w", err)
	}
	return d, nil
}

func readData() ([]dataFile, error) {
	entries, err := dataFiles.ReadDir("data")
	if err != nil {
		return nil, err
	}
	var files []dataFile
	for _, e := range entries {
		raw, err := dataFiles.ReadFile(path.Join("data", e.Name()))
		if err != nil {
			return nil, err
		}
		var f dataFile
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name(), err)
		}
		files = append(files, f)
	}
	return files, nil
}

func (d *Detector) compile(f dataFile, macros map[string]string) error {
	for _, r := range f.Rules {
		lvl, err := parseLevel(r.Level)
		if err != nil || lvl == None {
			return fmt.Errorf("rule %s: level %q", r.ID, r.Level)
		}
		if _, ok := d.labels[category(r.Category)]; !ok {
			return fmt.Errorf("rule %s: category %q has no labels", r.ID, r.Category)
		}
		cr := rule{id: r.ID, category: category(r.Category), level: lvl, whole: r.Whole}
		if cr.patterns, err = d.compilePatterns(r.Patterns, macros); err != nil {
			return fmt.Errorf("rule %s: %w", r.ID, err)
		}
		d.rules = append(d.rules, cr)
	}
	for _, x := range f.Exceptions {
		lvl, err := parseLevel(x.Cap)
		if err != nil {
			return fmt.Errorf("exception %s: %w", x.ID, err)
		}
		ce := exception{id: x.ID, cap: lvl, rules: x.Rules}
		if ce.patterns, err = d.compilePatterns(x.Patterns, macros); err != nil {
			return fmt.Errorf("exception %s: %w", x.ID, err)
		}
		d.exceptions = append(d.exceptions, ce)
	}
	return nil
}

func canonWord(w string) string {
	toks := tokenize(w)
	if len(toks) == 0 {
		return ""
	}
	return toks[0].canon
}

// categories lists every category code the loaded rules and combos use, sorted.
func (d *Detector) categories() []category {
	seen := map[category]bool{}
	var out []category
	add := func(c category) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	for _, r := range d.rules {
		add(r.category)
	}
	for _, c := range d.combos {
		add(c.category)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// label returns a category's name in "da" or "en" (English for any other language).
func (d *Detector) label(c category, lang string) string {
	if l, ok := d.labels[c][lang]; ok {
		return l
	}
	if l, ok := d.labels[c]["en"]; ok {
		return l
	}
	return string(c)
}

// joinTexts joins consecutive messages with a line break, the text AssessAll's offsets refer to.
func joinTexts(texts []string) string { return strings.Join(texts, "\n") }

// compilePatterns parses a rule's, an exception's or a concept's pattern sources.
func (d *Detector) compilePatterns(srcs []string, macros map[string]string) ([]pattern, error) {
	out := make([]pattern, 0, len(srcs))
	for _, src := range srcs {
		p, err := parsePattern(src, macros, d.negators)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
		if q, ok := p.dropSubject(); ok {
			out = append(out, q)
		}
	}
	return out, nil
}
