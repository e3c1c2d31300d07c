package main

import (
	"context"
	"fmt"
	"io"

	"brobygger/models"
	"brobygger/models/research"
)

// cmdExportResearchKey writes the key file (study ID → person) for an admin granted the
// research key, who proves it with their password on stdin. The file is 0600 and audited in
// the admin's name. The API has no way to it.
func cmdExportResearchKey(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout io.Writer) error {
	fs := newFlags("export research-key")
	out := fs.String("out", "", "the key file to write (required)")
	as := fs.String("as", "", "email of the admin writing it, who holds the research key (required)")
	from := fs.String("from", "", "only referrals received on or after this date (YYYY-MM-DD)")
	to := fs.String("to", "", "only referrals received on or before this date")
	if err := parseFlags(fs, args, exportResearchKeyHelp, stdout); err != nil {
		return err
	}
	if *out == "" || *as == "" {
		return usageError{"export research-key: --out FILE and --as EMAIL are required; run brobygger export research-key -h"}
	}
	password, err := readPassword(stdin)
	if err != nil {
		return usageError{"export research-key: " + err.Error()}
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
	admin, err := keyHolder(ctx, store, *as, password)
	if err != nil {
		return err
	}
	ids, err := store.ResearchIdentities(ctx, filter)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(*out, 0o600, func(w io.Writer) error { return research.WriteKeyFile(w, ids, pseudo, cfg.Location) }); err != nil {
		return err
	}
	if err := cliAudit(ctx, store, admin, "research_key_file", "research_key", *from+".."+*to); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the key file for %d citizens to %s (mode 0600); keep it apart from the export\n", len(ids), *out)
	return nil
}

// keyHolder signs the admin in and checks they hold the research key.
func keyHolder(ctx context.Context, store *models.Store, email, password string) (*models.Staff, error) {
	admin, err := store.AuthenticateStaff(ctx, email, password)
	if err != nil {
		return nil, usageError{"export research-key: " + oneLine(err)}
	}
	holds, err := store.HoldsResearchKey(ctx, admin.ID)
	if err != nil {
		return nil, err
	}
	if !holds {
		_ = cliAudit(ctx, store, admin, "research_key_refused", "research_key", admin.ID)
		return nil, usageError{"export research-key: " + admin.Email + " does not hold the research key; another key holder or the operator grants it with brobygger export research-key-access --grant"}
	}
	return admin, nil
}

// cmdResearchKeyAccess grants or revokes the research key permission of an admin, audited.
func cmdResearchKeyAccess(ctx context.Context, args []string, getenv env, stdout io.Writer) error {
	fs := newFlags("export research-key-access")
	grant := fs.String("grant", "", "email of an admin to grant the research key")
	revoke := fs.String("revoke", "", "email of an admin whose research key to revoke")
	if err := parseFlags(fs, args, researchKeyAccessHelp, stdout); err != nil {
		return err
	}
	if (*grant == "") == (*revoke == "") {
		return usageError{"export research-key-access: give exactly one of --grant EMAIL or --revoke EMAIL"}
	}
	_, store, _, err := openConfigured(ctx, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	change, email, fn := "grant_research_key", *grant, store.GrantResearchKey
	if *revoke != "" {
		change, email, fn = "revoke_research_key", *revoke, store.RevokeResearchKey
	}
	st, err := fn(ctx, email)
	if models.IsCode(err, models.ENOTFOUND) || models.IsCode(err, models.EFORBIDDEN) {
		return usageError{"export research-key-access: " + oneLine(err)}
	}
	if err != nil {
		return err
	}
	if err := cliAudit(ctx, store, nil, change, "staff", st.ID); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s: %s <%s>\n", change, st.Name, st.Email)
	return nil
}

var (
	exportResearchKeyHelp = commandHelp{
		usage: "export research-key --out FILE --as EMAIL [--from DATE] [--to DATE] < password",
		about: "Writes the key file that maps study IDs to people (name, phone, e-mail, year of birth, referral\n" +
			"date, clinic) for linkage with registry data. Only an admin granted the research key may, signing\n" +
			"in with their password on stdin; the file is written 0600 and the write is audited in their name.\n" +
			"Same RESEARCH_PSEUDONYM_KEY and period as the export it belongs to.",
		example: "printf '%s\\n' \"$PASSWORD\" | brobygger export research-key --as dm@region.dk --out key.csv",
	}
	researchKeyAccessHelp = commandHelp{
		usage:   "export research-key-access --grant EMAIL | --revoke EMAIL",
		about:   "Grants or revokes an admin's permission to write the research key file. Audited.",
		example: "brobygger export research-key-access --grant dm@region.dk",
	}
)
