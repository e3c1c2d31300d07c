// Package citizenapp is the reference citizen app: an installable web app (PWA) of plain
// JavaScript modules, one stylesheet, a service worker and a manifest, embedded in the binary
// and served at /app by the api package. It has no build step; every file here is what the
// browser gets. It talks only to the /v1/me… JSON API.
package citizenapp

import (
	"embed"
	"path"
)

//go:embed static
var files embed.FS

// types are the content types of the files the app is made of.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".webmanifest": "application/manifest+json",
}

// File returns one of the app's files by its name (no folders) and its content type; ok is
// false for a name that is not part of the app.
func File(name string) (body []byte, contentType string, ok bool) {
	ct, known := types[path.Ext(name)]
	if !known || name != path.Base(name) || name == "" || name[0] == '.' {
		return nil, "", false
	}
	b, err := files.ReadFile("static/" + name)
	if err != nil {
		return nil, "", false
	}
	return b, ct, true
}
