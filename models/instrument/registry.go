package instrument

import (
	"bytes"
	"cmp"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// shippedInstrumentFiles holds the instruments we may publish: one file
// per instrument and version, named key.vVERSION.json.
//
//go:embed instruments/*.json
var shippedInstrumentFiles embed.FS

// Registry holds every instrument version the service knows.
// Load operator files with loadFile at start-up, before the registry is
// shared: it has no lock because it is read-only after that.
type Registry struct {
	byID map[instrumentID]*Instrument
}

// instrumentID is what stored answers are keyed by, with the item number.
type instrumentID struct {
	key, version string
}

// LoadShipped parses and validates every shipped instrument file.
func LoadShipped() (*Registry, error) {
	names, err := fs.Glob(shippedInstrumentFiles, "instruments/*.json")
	if err != nil {
		return nil, fmt.Errorf("list instrument files: %w", err)
	}
	registry := &Registry{byID: make(map[instrumentID]*Instrument, len(names))}
	for _, name := range names {
		if err := registry.loadShipped(name); err != nil {
			return nil, err
		}
	}
	return registry, nil
}

func (r *Registry) loadShipped(name string) error {
	data, err := shippedInstrumentFiles.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read instrument file %s: %w", name, err)
	}
	instrument, err := parseInstrument(data)
	if err != nil {
		return fmt.Errorf("instrument file %s: %w", name, err)
	}
	// The name states key and version so a reviewer sees a new version
	// arrive as a new file rather than an edit.
	if want := "instruments/" + instrument.Key + ".v" + instrument.Version + ".json"; name != want {
		return fmt.Errorf("instrument file %s must be named %s", name, want)
	}
	return r.add(instrument)
}

// loadFile adds an instrument from an operator's own file, for licensed
// instruments we may not ship (SWEMWBS and the like). It is validated as
// a shipped file is, and may never replace a version already loaded.
func (r *Registry) loadFile(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read instrument file: %w", err)
	}
	instrument, err := parseInstrument(data)
	if err != nil {
		return fmt.Errorf("instrument file %s: %w", path, err)
	}
	if err := r.add(instrument); err != nil {
		return fmt.Errorf("instrument file %s: %w", path, err)
	}
	return nil
}

// LoadDir adds every *.json file in dir with loadFile, in name order, and returns the files it
// loaded. The first file that fails stops it, with the file named: an operator's instrument that
// silently went missing would leave its check-ins unscheduled without a word.
func (r *Registry) LoadDir(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read instruments folder: %w", err)
	}
	var loaded []string
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) != ".json" {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if err := r.loadFile(path); err != nil {
			return loaded, err
		}
		loaded = append(loaded, path)
	}
	return loaded, nil
}

// parseInstrument decodes strictly: an unknown field is a typo that would
// otherwise drop a rule without a word.
func parseInstrument(data []byte) (*Instrument, error) {
	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	var instrument Instrument
	if err := decoder.Decode(&instrument); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	if err := decoder.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return nil, errors.New("decode: unexpected data after the instrument")
	}
	if err := instrument.validate(); err != nil {
		return nil, err
	}
	return &instrument, nil
}

func (r *Registry) add(instrument *Instrument) error {
	id := instrumentID{instrument.Key, instrument.Version}
	if _, taken := r.byID[id]; taken {
		return fmt.Errorf("instrument %q version %q is already loaded; a changed wording needs a new version", id.key, id.version)
	}
	r.byID[id] = instrument
	return nil
}

// Get returns one version of an instrument.
func (r *Registry) Get(key, version string) (*Instrument, bool) {
	instrument, ok := r.byID[instrumentID{key, version}]
	return instrument, ok
}

// Latest returns the highest version of an instrument, which is the one
// new check-ins use.
func (r *Registry) Latest(key string) (*Instrument, bool) {
	var latest *Instrument
	for _, instrument := range r.byID {
		if instrument.Key == key && (latest == nil || compareVersions(instrument, latest) > 0) {
			latest = instrument
		}
	}
	return latest, latest != nil
}

// All returns every instrument version, by key and then version.
func (r *Registry) All() []*Instrument {
	all := make([]*Instrument, 0, len(r.byID))
	for _, instrument := range r.byID {
		all = append(all, instrument)
	}
	slices.SortFunc(all, func(a, b *Instrument) int {
		return cmp.Or(cmp.Compare(a.Key, b.Key), compareVersions(a, b))
	})
	return all
}

// compareVersions orders versions as numbers, so "10" follows "9".
func compareVersions(a, b *Instrument) int {
	va, _ := parseInstrumentVersion(a.Version)
	vb, _ := parseInstrumentVersion(b.Version)
	return cmp.Compare(va, vb)
}
