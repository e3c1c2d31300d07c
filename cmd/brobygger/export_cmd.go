package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"brobygger/models"
	"brobygger/models/research"
)

// cmdExport dispatches "export research", "export research-key" and "export research-key-access".
func cmdExport(ctx context.Context, args []string, getenv env, stdin io.Reader, stdout io.Writer) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		args = []string{"research", "-h"}
	}
	if len(args) == 0 {
		return usageError{"usage: brobygger export research|research-key|research-key-access [flags]; run brobygger export research -h"}
	}
	switch args[0] {
	case "research":
		return cmdExportResearch(ctx, args[1:], getenv, stdout)
	case "research-key":
		return cmdExportResearchKey(ctx, args[1:], getenv, stdin, stdout)
	case "research-key-access":
		return cmdResearchKeyAccess(ctx, args[1:], getenv, stdout)
	}
	return usageError{fmt.Sprintf("unknown export %q; run brobygger export research -h", args[0])}
}

// cliAudit is the audit entry of a command-line action; the actor is the named staff member
// when there is one.
func cliAudit(ctx context.Context, store *models.Store, actor *models.Staff, action, objectType, objectID string) error {
	e := models.AuditEntry{ActorRole: "cli", Action: action, ObjectType: objectType, ObjectID: objectID, RequestID: "cli"}
	if actor != nil {
		e.ActorID, e.ActorRole = &actor.ID, string(actor.Role)
	}
	return store.Audit(ctx, e)
}

// researchSetup is what every research command starts with: the configuration, the key (the
// commands refuse without it, before touching the database) and the period.
func researchSetup(getenv env, from, to string) (config, *research.Pseudonymiser, models.ResearchFilter, error) {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return cfg, nil, models.ResearchFilter{}, usageError{err.Error()}
	}
	pseudo, err := research.NewPseudonymiser(cfg.ResearchPseudonymKey)
	if err != nil {
		return cfg, nil, models.ResearchFilter{}, usageError{err.Error()}
	}
	filter, err := models.ParseResearchPeriod(from, to, cfg.Location)
	if err != nil {
		return cfg, nil, filter, usageError{"--" + oneLine(err)}
	}
	return cfg, pseudo, filter, nil
}

// loadResearchKey reads RESEARCH_PSEUDONYM_KEY: empty is allowed (the export then refuses to
// run), a short one stops start-up, since it would make guessable pseudonyms.
func loadResearchKey(getenv func(string) string) (string, error) {
	key := getenv("RESEARCH_PSEUDONYM_KEY")
	if _, err := research.NewPseudonymiser(key); key != "" && err != nil {
		return "", configError("RESEARCH_PSEUDONYM_KEY", "must be at least %d characters", research.MinKeyLength)
	}
	return key, nil
}

// writeFileAtomic writes path through a temporary file beside it, renamed into place only when
// complete: a failed export never leaves half a file, and the file has perm from its first byte.
func writeFileAtomic(path string, perm os.FileMode, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = errors.Join(tmp.Chmod(perm), write(tmp), tmp.Sync(), tmp.Close())
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// codebookPath is where the codebook goes beside an export: export.csv → export.codebook.md.
func codebookPath(out string) string {
	return strings.TrimSuffix(out, filepath.Ext(out)) + ".codebook.md"
}
