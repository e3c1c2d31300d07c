package instrument

// Instrument is one version of a questionnaire, loaded from an embedded or
// operator-supplied JSON file. A published version is never edited: a
// changed wording is a new version, so stored answers keep their meaning.
type Instrument struct {
	Key        string        `json:"key"`
	Version    string        `json:"version"`
	Name       string        `json:"name"`
	Title      LocalizedText `json:"title"`
	Citation   string        `json:"citation"`
	Licence    string        `json:"licence"`
	Note       string        `json:"note,omitempty"`
	TimeFrame  LocalizedText `json:"time_frame"`
	SMSIntro   LocalizedText `json:"sms_intro"`
	Items      []Item        `json:"items"`
	Scale      []ScaleOption `json:"scale"`
	Scoring    ScoringRule   `json:"scoring"`
	Bands      []Band        `json:"bands,omitempty"`
	AlertRules []AlertRule   `json:"alerts,omitempty"`
}

// Item is one question. Text is the official wording; SMSPrompt
// is what the citizen receives: the text plus the answer options as digits.
type Item struct {
	Number    int           `json:"number"`
	Text      LocalizedText `json:"text"`
	SMSPrompt LocalizedText `json:"sms_prompt"`
	// Bands is used only by per-item instruments, whose items are reported
	// one by one and may read in opposite directions (ONS4 anxiety).
	Bands []Band `json:"bands,omitempty"`
}

// ScaleOption is one answer. The digit the citizen replies is the Value.
type ScaleOption struct {
	Value int           `json:"value"`
	Label LocalizedText `json:"label"`
	// Words are replies that unambiguously mean Value, such as "tre".
	Words map[Lang][]string `json:"words,omitempty"`
}

// ScoringKind names how item values become a score.
type ScoringKind string

// The scoring kinds an instrument file may use.
const (
	// ScoringSum scores the raw sum of item values.
	ScoringSum ScoringKind = "sum"
	// ScoringSumTimes scores the raw sum times Multiplier (WHO-5: ×4).
	ScoringSumTimes ScoringKind = "sum_times"
	// ScoringTable converts the raw sum through Table (Rasch conversions).
	ScoringTable ScoringKind = "table"
	// ScoringPerItem reports each item on its own, with no total (ONS4).
	ScoringPerItem ScoringKind = "per_item"
)

// ScoringRule says how to score and how many items may be missing.
type ScoringRule struct {
	Kind       ScoringKind `json:"kind"`
	Multiplier float64     `json:"multiplier,omitempty"`
	// Table maps every possible raw sum to a score (kind "table").
	Table map[int]float64 `json:"table,omitempty"`
	// MaxMissing is how many items may be unanswered and still give a
	// score; the raw sum is then prorated from the answered items.
	MaxMissing int `json:"max_missing"`
	// Note explains the rule, in particular the missing-data choice.
	Note string `json:"note,omitempty"`
}

// RiskLevel grades how much a band calls for a link worker's attention.
type RiskLevel string

// The risk levels a band may carry.
const (
	RiskNone RiskLevel = "none"
	RiskLow  RiskLevel = "low"
	RiskHigh RiskLevel = "high"
)

// Band names a score range, inclusive at both ends.
type Band struct {
	Key   string        `json:"key"`
	Min   float64       `json:"min"`
	Max   float64       `json:"max"`
	Label LocalizedText `json:"label"`
	Risk  RiskLevel     `json:"risk"`
}

// AlertCondition names when an alert rule fires.
type AlertCondition string

// The alert conditions an instrument file may use.
const (
	// AlertScoreAtMost fires when the score is at or below Threshold.
	AlertScoreAtMost AlertCondition = "score_at_most"
	// AlertScoreAtLeast fires when the score is at or above Threshold.
	AlertScoreAtLeast AlertCondition = "score_at_least"
	// AlertItemAtMost fires for each item answered at or below Threshold.
	AlertItemAtMost AlertCondition = "item_at_most"
	// AlertDropAtLeast fires when the score fell by Threshold or more
	// since the citizen's previous score.
	AlertDropAtLeast AlertCondition = "drop_at_least"
)

// AlertRule raises a flag of Kind for the link worker's review queue.
type AlertRule struct {
	Kind      string         `json:"kind"`
	When      AlertCondition `json:"when"`
	Threshold float64        `json:"threshold"`
}
