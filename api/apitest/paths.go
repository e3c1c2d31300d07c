package apitest

import (
	"path/filepath"
	"runtime"
)

// repoPath is rel under the repository root, wherever the calling test runs (api/ or
// api/dashboard/): helpers find fixtures and tools from this file's place, not the working directory.
func repoPath(rel string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", filepath.FromSlash(rel))
}
