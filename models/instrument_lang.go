package models

// Lang is a language a citizen reads their SMS in.
type Lang string

// The languages Brobygger writes in. Danish is the default.
const (
	LangDA Lang = "da"
	LangEN Lang = "en"
)
