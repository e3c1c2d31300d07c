package instrument

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
)

// publishedInstrumentFiles pins the SHA-256 of every shipped instrument
// file. Stored answers are keyed by instrument, version and item, so a
// published file must never change under them: a new wording is a new
// file with a new version, added here with its own hash.
func publishedInstrumentFiles() map[string]string {
	return map[string]string{
		"ons4.v1.json":          "d6bb227e5321fc905e88efb6374218cad356c848c8c76483b282b0a2c8b2449c",
		"participation.v1.json": "e95dd135d4e823fa2739018ada2f4e1fd3f0e85c70ed6d335b5ce447cb5b4c96",
		"pulse.v1.json":         "4f029cebf2f6d37c6a9e585ca11b2f17f9b829640bd185ff4ce7e0dd239aa6b4",
		"ucla3.v1.json":         "6cbdfe01777b4c6dce647b20e4db8241bfddb675fe4660030971c2f04fa8949c",
		"who5.v1.json":          "bb415c13e300e39c556c7d68770c1bf51939482581dbcd04fc7236efdcdcc035",
	}
}

func TestInstrumentFiles_PublishedAreNeverEdited(t *testing.T) {
	pinned := publishedInstrumentFiles()
	paths, err := filepath.Glob("instruments/*.json")
	if err != nil {
		t.Fatalf("list instrument files: %v", err)
	}
	for _, path := range paths {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("read %s: %v", path, err)
		}
		sum := sha256.Sum256(data)
		switch want, ok := pinned[name]; {
		case !ok:
			t.Errorf("%s is not pinned: add its SHA-256 %x when it is published", name, sum)
		case hex.EncodeToString(sum[:]) != want:
			t.Errorf("%s changed after publication: put the new wording in a new version file instead", name)
		}
		delete(pinned, name)
	}
	for name := range pinned {
		t.Errorf("published instrument file %s is gone; stored answers still refer to it", name)
	}
}
