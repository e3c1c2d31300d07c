package password

import "testing"

// TestDummyHash_SameWorkAsARealHash: an unknown email is checked against a hash with exactly the
// parameters Hash writes, so it costs the same time and memory as a known one.
func TestDummyHash_SameWorkAsARealHash(t *testing.T) {
	d, err := parseArgonHash(Dummy())
	if err != nil {
		t.Fatal(err)
	}
	real, err := Hash("a password of some length")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := parseArgonHash(real)
	if d.memory != r.memory || d.time != r.time || d.threads != r.threads || len(d.key) != len(r.key) {
		t.Fatalf("dummy m=%d t=%d p=%d key=%d, real m=%d t=%d p=%d key=%d",
			d.memory, d.time, d.threads, len(d.key), r.memory, r.time, r.threads, len(r.key))
	}
}
