package main

import (
	"context"
	"fmt"
	"io"

	"brobygger/models"
	"brobygger/models/research"
)

// cmdExportResearch writes the pseudonymised research export and its codebook beside it, and
// audits that it did.
func cmdExportResearch(ctx context.Context, args []string, getenv env, stdout io.Writer) error {
	fs := newFlags("export research")
	out := fs.String("out", "", "the export file to write (required)")
	format := fs.String("format", "csv", "csv or json")
	from := fs.String("from", "", "only referrals received on or after this date (YYYY-MM-DD, in TIMEZONE)")
	to := fs.String("to", "", "only referrals received on or before this date")
	if err := parseFlags(fs, args, exportResearchHelp, stdout); err != nil {
		return err
	}
	f, ok := research.ParseFormat(*format)
	if *out == "" || !ok {
		return usageError{"export research: --out FILE is required and --format is csv or json; run brobygger export research -h"}
	}
	cfg, pseudo, filter, err := researchSetup(getenv, *from, *to)
	if err != nil {
		return err
	}
	store, _, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	instruments, _, err := loadInstruments(cfg)
	if err != nil {
		return err
	}
	var rows int
	err = writeFileAtomic(*out, 0o600, func(w io.Writer) error {
		rows, err = store.WriteResearchExport(ctx, w, models.ResearchExport{Filter: filter, Format: f, Pseudo: pseudo, Location: cfg.Location})
		return err
	})
	if err != nil {
		return err
	}
	info := research.CodebookInfo{GeneratedAt: store.Now(), From: *from, To: *to, Format: f, Rows: rows,
		Instruments: models.ResearchInstrumentVersions(instruments), TimeZone: cfg.Location.String()}
	book := codebookPath(*out)
	if err := writeFileAtomic(book, 0o600, func(w io.Writer) error { return research.WriteCodebook(w, info) }); err != nil {
		return err
	}
	if err := cliAudit(ctx, store, nil, "research_export", "research_export", string(f)+":"+*from+".."+*to); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d rows to %s and the codebook to %s\n", rows, *out, book)
	return nil
}

var exportResearchHelp = commandHelp{
	usage: "export research --out FILE [--format csv|json] [--from DATE] [--to DATE]",
	about: "Writes the pseudonymised research export: one row per citizen with research consent (not\n" +
		"withdrawn) and occasion (baseline, 3 and 9 months after the referral), and its codebook beside\n" +
		"it (export.csv -> export.codebook.md). Study IDs are HMAC-SHA256 under RESEARCH_PSEUDONYM_KEY;\n" +
		"without the key it refuses (exit 2). Both files are written 0600. The export is audited.",
	example: "RESEARCH_PSEUDONYM_KEY=$(cat /etc/brobygger/research.key) brobygger export research --out export.csv --from 2026-01-01 --to 2026-12-31",
}
