// Package instrument holds the questionnaires as data: the schema of an instrument file, the
// registry of shipped (instruments/*.json, embedded) and operator-loaded versions, their
// validation, scoring, alert rules and answer parsing, and the supported languages; it is a
// leaf and imports nothing of ours.
package instrument
