package main

import (
	"io"
	"log/slog"
)

// newLogger builds the process logger: JSON for production, text for a developer's terminal.
func newLogger(format string, w io.Writer) *slog.Logger {
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}
