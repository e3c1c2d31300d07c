package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"brobygger/models"
	"brobygger/models/medcom"
)

const medcomImportHelp = `usage: brobygger medcom import FILE…

Takes MedCom messages (FHIR JSON) that the gateway dropped as files, exactly as POST /medcom/inbox
does: each care communication is checked, stored and answered with a MedCom Acknowledgement; an
acknowledgement settles the message of ours it answers. A file delivered twice gets the same
acknowledgement and creates nothing new. One line per file says what happened; with
MEDCOM_OUTBOX_DIR set, each acknowledgement is also written there for the gateway.

example: brobygger medcom import /var/medcom/in/*.json
`

// cmdMedCom dispatches the medcom subcommands.
func cmdMedCom(ctx context.Context, args []string, getenv env, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "import" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprint(stdout, medcomImportHelp)
			return errHelpShown
		}
		return usageError{"usage: brobygger medcom import FILE…; run brobygger medcom import -h"}
	}
	files := args[1:]
	if len(files) == 1 && (files[0] == "-h" || files[0] == "--help") {
		fmt.Fprint(stdout, medcomImportHelp)
		return errHelpShown
	}
	if len(files) == 0 {
		return usageError{"medcom import needs at least one FILE"}
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return usageError{err.Error()}
	}
	if !cfg.MedCom.enabled() {
		return usageError{"medcom import: MedCom is off; set MEDCOM_RECEIVER_SOR, CPR_ENCRYPTION_KEY and MEDCOM_OUTBOX_DIR"}
	}
	store, _, err := openMigrated(ctx, cfg, models.WithClock(cfg.Clock))
	if err != nil {
		return err
	}
	defer store.Close()
	var failed []error
	for _, f := range files {
		if err := importMedComFile(ctx, store, cfg.MedCom, f, stdout); err != nil {
			fmt.Fprintf(stdout, "%s: not taken: %v\n", f, err)
			failed = append(failed, err)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("medcom import: %d of %d files could not be taken: %w", len(failed), len(files), errors.Join(failed...))
	}
	return nil
}

// importMedComFile takes one file and prints its outcome; a refused message is an outcome (its
// negative acknowledgement says why), not an error.
func importMedComFile(ctx context.Context, store *models.Store, m medComSettings, path string, stdout io.Writer) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if len(raw) > 20<<20 {
		return fmt.Errorf("larger than 20 MiB")
	}
	r, err := store.ReceiveMedCom(ctx, m.Store, raw)
	if err != nil {
		return err
	}
	line := fmt.Sprintf("%s: %s", path, r.Outcome)
	if r.Kind != medcom.EventAcknowledgement {
		line += fmt.Sprintf(", acknowledged %s", r.AckCode)
		if r.Reason != "" {
			line += ": " + r.Reason
		}
	} else if r.Reason != "" {
		line += ": " + r.Reason
	}
	if r.Duplicate {
		line += " (delivered before)"
	}
	if len(r.AckJSON) > 0 && m.OutboxDir != "" {
		name := medcom.EnvelopeOf(r.AckJSON).HeaderID
		if err := m.gateway().Deliver(ctx, name, r.AckJSON); err != nil {
			return fmt.Errorf("write acknowledgement: %w", err)
		}
		line += ", acknowledgement " + name + ".json"
	}
	fmt.Fprintln(stdout, line)
	return nil
}
