// Package report holds the pure arithmetic of the commissioner's report: small-group
// suppression (primary and complementary), medians from histograms, paired before/after means,
// and the tables the API and the dashboard write. The store (models/report_store.go) gathers
// the figures in SQL; nothing here reads a database or a clock.
package report
