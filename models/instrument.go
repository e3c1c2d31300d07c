package models

import "brobygger/models/instrument"

// The instrument leaf's types under the names the store, the bot and the API already speak of:
// a citizen's language and texts are instrument.Lang and instrument.LocalizedText because the
// instrument files are where both languages first had to exist.
type (
	// Instrument is instrument.Instrument: one version of a questionnaire.
	Instrument = instrument.Instrument
	// InstrumentRegistry is instrument.Registry: every instrument version the service knows.
	InstrumentRegistry = instrument.Registry
	// Lang is instrument.Lang: the language a citizen reads and answers in.
	Lang = instrument.Lang
	// LocalizedText is instrument.LocalizedText: one text in each supported language.
	LocalizedText = instrument.LocalizedText
)

// The supported languages, as instrument.LangDA and instrument.LangEN.
const (
	LangDA = instrument.LangDA
	LangEN = instrument.LangEN
)

// Langs returns every supported language, Danish first (instrument.Langs).
func Langs() []Lang { return instrument.Langs() }

// LoadInstruments parses and validates every shipped instrument file (instrument.LoadShipped).
func LoadInstruments() (*InstrumentRegistry, error) { return instrument.LoadShipped() }
