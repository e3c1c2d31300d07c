// Package research builds the pseudonymised research export: one row per consenting citizen and
// measurement occasion (baseline, 3 and 9 months after the referral was received), the codebook
// that explains every column, and the separate key file that maps study IDs back to people.
//
// It is a leaf: it imports nothing of ours. The store (models) gathers each citizen's facts into
// a Subject; Build turns subjects into rows, purely, so the occasions and windows can be tested
// with any clock and the CLI and the API can never disagree about what a row holds.
package research
