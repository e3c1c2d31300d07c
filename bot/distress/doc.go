// Package distress hears signs of distress in what citizens write: Danish and English SMS, in
// the way people really write them. Assess (or AssessAll for several messages in a row) returns
// a Level (None, Distress, Emergency) and the matches behind it: the rule, a Category code and the
// words, so a link worker can read why ("Selvmordstanker: \"tænker på at tage livet af mig\"").
//
// The detector is data plus a small matcher: data/*.json hold macros, negations, category labels,
// rules (phrase patterns with gaps) and idiom exceptions. Text is normalised (case, æ/ø/å written
// as ae/oe/aa or a/o, repeated letters, full-width letters, zero-width characters, emoji,
// punctuation, SMS shorthand such as "u r" or "w/o"; "værre" kept apart from "være"), a dropped
// "jeg"/"I" is read where a sentence or a check-in answer opens ("0. giver op"), and words are
// compared word by word (a start index built at Load, start_index.go, lets each word try only the
// patterns that can start at it), with one typo allowed in words of six letters or more that are not
// themselves known words (vocabulary.go: "cooking" is never "choking").
// A negation before or inside a match lowers it one level (a denied emergency is still heard as
// distress); an idiom exception ("døde af grin", "dead tired") lowers matches over its words.
// On top of the phrase rules, data/concepts.json holds concepts (families of phrases with one
// meaning) and combos that raise a level when all their concepts occur within a window of words
// (combine.go), with guard concepts that keep everyday messages quiet. Context concepts
// (context.go, data/context.json) lower every rule and combo alike: a laugh, a time long past, a
// worry that is over, a correction, a story about it, someone else's low mood. Beside the rules,
// a small logistic regression over word and cross-word character n-grams (model.go, trained in a test from
// data/training.tsv and shipped as its weights, data/model.txt.gz) may raise a level when it is confident, and says which words it heard.
// It is a leaf package: it imports nothing of ours. See README.md for what it does not do and the
// measured figures.
package distress
