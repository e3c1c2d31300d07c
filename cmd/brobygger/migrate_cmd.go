package main

import (
	"context"
	"fmt"
	"io"

	"brobygger/models"
)

// cmdMigrate applies pending migrations and reports the schema version.
func cmdMigrate(ctx context.Context, args []string, getenv env, stdout io.Writer) error {
	if err := parseFlags(newFlags("migrate"), args, migrateHelp, stdout); err != nil {
		return err
	}
	cfg, store, res, err := openConfigured(ctx, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	fmt.Fprintf(stdout, "database %s at schema version %d (%d migrations applied now)\n", cfg.Database.Where, res.Version, len(res.Applied))
	return nil
}

// openConfigured reads the environment and opens the migrated database: the start of every
// command that works on data. A configuration error is a usage error (exit 2).
func openConfigured(ctx context.Context, getenv env) (config, *models.Store, models.MigrationResult, error) {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return cfg, nil, models.MigrationResult{}, usageError{err.Error()}
	}
	store, res, err := openMigrated(ctx, cfg)
	return cfg, store, res, err
}

// openMigrated opens the configured database and brings its schema up to date.
func openMigrated(ctx context.Context, cfg config, opts ...models.StoreOption) (*models.Store, models.MigrationResult, error) {
	store, err := models.Open(ctx, cfg.DatabaseURL, opts...)
	if err != nil {
		return nil, models.MigrationResult{}, fmt.Errorf("database %s: %w", cfg.Database.Where, err)
	}
	res, err := store.Migrate(ctx)
	if err != nil {
		_ = store.Close()
		return nil, res, err
	}
	return store, res, nil
}
