package password_test

import (
	"errors"
	"strings"
	"testing"

	"brobygger/models/password"
)

func TestCheck(t *testing.T) {
	h, err := password.Hash("secret words here")
	if err != nil {
		t.Fatal(err)
	}
	ok, err := password.Check(h, "secret words here")
	wrong, err2 := password.Check(h, "secret words herE")
	if !ok || wrong || err != nil || err2 != nil {
		t.Fatalf("password check is wrong: %v %v %v %v", ok, wrong, err, err2)
	}
	for _, bad := range []string{"", "$argon2id$", "$bcrypt$v=19$m=1,t=1,p=1$AAAA$AAAA", h + "x$"} {
		if ok, err := password.Check(bad, "secret words here"); ok || !errors.Is(err, password.ErrCorruptHash) {
			t.Fatalf("malformed hash %q: %v %v", bad, ok, err)
		}
	}
}

// TestCheck_CorruptParametersAreErrorsNotPanics: a hash row is data. p=0 or t=0 made
// argon2 panic inside the login, and a huge m made every login allocate gigabytes.
func TestCheck_CorruptParametersAreErrorsNotPanics(t *testing.T) {
	const salt, key = "c29tZXNhbHRzb21lc2FsdA", "0N7m2Yy3Tz3U2UzJk8ZQ3mWqvK0Jb1m8b7yU0l8pQ0c"
	good := "$argon2id$v=19$m=65536,t=3,p=2$" + salt + "$" + key
	if _, err := password.Check(good, "x"); err != nil {
		t.Fatalf("a well-formed hash is an error: %v", err)
	}
	for name, bad := range map[string]string{
		"no threads":        "$argon2id$v=19$m=65536,t=3,p=0$" + salt + "$" + key,
		"no passes":         "$argon2id$v=19$m=65536,t=0,p=2$" + salt + "$" + key,
		"no memory":         "$argon2id$v=19$m=0,t=3,p=2$" + salt + "$" + key,
		"memory per thread": "$argon2id$v=19$m=16,t=1,p=4$" + salt + "$" + key,
		"4 TiB of memory":   "$argon2id$v=19$m=4294967295,t=3,p=2$" + salt + "$" + key,
		"threads overflow":  "$argon2id$v=19$m=65536,t=3,p=256$" + salt + "$" + key,
		"a million passes":  "$argon2id$v=19$m=65536,t=1000000,p=2$" + salt + "$" + key,
		"negative":          "$argon2id$v=19$m=-1,t=3,p=2$" + salt + "$" + key,
		"trailing junk":     "$argon2id$v=19$m=65536,t=3,p=2junk$" + salt + "$" + key,
		"extra parameter":   "$argon2id$v=19$m=65536,t=3,p=2,x=1$" + salt + "$" + key,
		"order swapped":     "$argon2id$v=19$t=3,m=65536,p=2$" + salt + "$" + key,
		"empty salt":        "$argon2id$v=19$m=65536,t=3,p=2$$" + key,
		"short key":         "$argon2id$v=19$m=65536,t=3,p=2$" + salt + "$AAAA",
		"huge key":          "$argon2id$v=19$m=65536,t=3,p=2$" + salt + "$" + strings.Repeat("A", 2000),
		"old version":       "$argon2id$v=16$m=65536,t=3,p=2$" + salt + "$" + key,
	} {
		var ok bool
		var err error
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: panic %v", name, p)
				}
			}()
			ok, err = password.Check(bad, "x")
		}()
		if ok || !errors.Is(err, password.ErrCorruptHash) || strings.Contains(err.Error(), salt) || strings.Contains(err.Error(), key) {
			t.Errorf("%s: %v %v", name, ok, err)
		}
	}
}
