// Package password hashes staff passwords with argon2id in the PHC string format and checks them
// in constant time; a stored hash is data, so a corrupt one is an error, never a panic. It is a
// leaf: it imports nothing of ours.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// MinLength is the shortest staff password accepted.
const MinLength = 12

// argon2id parameters: RFC 9106's second recommended option (64 MiB, 3 passes), which keeps a
// login under ~100 ms on modest hardware.
const (
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = 2
	argonKeyLen  = 32
	argonSaltLen = 16
)

// Hash returns an argon2id hash in the PHC string format.
func Hash(password string) (string, error) {
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Bounds a stored hash's parameters must keep. A hash row is data: a corrupt one (p=0, t=0, an
// empty salt) made argon2 panic, and a huge m would allocate that much memory on every login.
// They are wide enough for any hash this code or a stronger setting would write.
const (
	argonMinTime, argonMaxTime       = 1, 10
	argonMaxMemory                   = 1024 * 1024 // KiB: 1 GiB
	argonMinThreads, argonMaxThreads = 1, 16
	argonMinSaltLen, argonMaxSaltLen = 8, 64
	argonMinKeyLen, argonMaxKeyLen   = 16, 64
)

// ErrCorruptHash is the cause of every error about a stored hash that cannot be checked. The
// error says what is wrong with the hash, never the hash itself.
var ErrCorruptHash = errors.New("password hash is unreadable")

// argonHash is a parsed PHC string.
type argonHash struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

// Check reports whether password matches a hash made by Hash, in constant time.
// A hash that is malformed or whose parameters are out of bounds is an error wrapping
// ErrCorruptHash (and no match), never a panic.
func Check(hash, password string) (bool, error) {
	h, err := parseArgonHash(hash)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), h.salt, h.time, h.memory, h.threads, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(got, h.key) == 1, nil
}

func parseArgonHash(hash string) (argonHash, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return argonHash{}, fmt.Errorf("%w: not an argon2id PHC string", ErrCorruptHash)
	}
	if parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return argonHash{}, fmt.Errorf("%w: not argon2 version %d", ErrCorruptHash, argon2.Version)
	}
	var h argonHash
	params := strings.Split(parts[3], ",")
	memory, e1 := argonParam(params, 0, "m", 8*argonMinThreads, argonMaxMemory)
	time, e2 := argonParam(params, 1, "t", argonMinTime, argonMaxTime)
	threads, e3 := argonParam(params, 2, "p", argonMinThreads, argonMaxThreads)
	if err := errors.Join(e1, e2, e3); err != nil || len(params) != 3 {
		return argonHash{}, fmt.Errorf("%w: parameters must be m=%d…%d,t=%d…%d,p=%d…%d",
			ErrCorruptHash, 8*argonMinThreads, argonMaxMemory, argonMinTime, argonMaxTime, argonMinThreads, argonMaxThreads)
	}
	if memory < 8*threads {
		return argonHash{}, fmt.Errorf("%w: memory must be at least 8 KiB per thread", ErrCorruptHash)
	}
	h.memory, h.time, h.threads = uint32(memory), uint32(time), uint8(threads)
	b64 := base64.RawStdEncoding
	var err error
	if h.salt, err = b64.DecodeString(parts[4]); err != nil || len(h.salt) < argonMinSaltLen || len(h.salt) > argonMaxSaltLen {
		return argonHash{}, fmt.Errorf("%w: the salt must be %d to %d bytes of base64", ErrCorruptHash, argonMinSaltLen, argonMaxSaltLen)
	}
	if h.key, err = b64.DecodeString(parts[5]); err != nil || len(h.key) < argonMinKeyLen || len(h.key) > argonMaxKeyLen {
		return argonHash{}, fmt.Errorf("%w: the key must be %d to %d bytes of base64", ErrCorruptHash, argonMinKeyLen, argonMaxKeyLen)
	}
	return h, nil
}

// argonParam reads params[i], which must be name=N with min <= N <= max.
func argonParam(params []string, i int, name string, min, max uint64) (uint64, error) {
	if i >= len(params) {
		return 0, errors.New("missing")
	}
	raw, ok := strings.CutPrefix(params[i], name+"=")
	if !ok {
		return 0, errors.New("misnamed")
	}
	n, err := strconv.ParseUint(raw, 10, 32)
	if err != nil || n < min || n > max {
		return 0, errors.New("out of bounds")
	}
	return n, nil
}

// HashMemory is the memory one password hash or check takes, in bytes: the API sizes
// its bound on concurrent hashes from it.
const HashMemory = argonMemory * 1024

// Dummy is a hash to check against when there is no real one (an unknown email). It has the
// parameters Hash writes (a fixed salt and key), so checking it costs exactly the work of
// checking a real hash, and stays so if the parameters change.
func Dummy() string {
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$c29tZXNhbHRzb21lc2FsdA$0N7m2Yy3Tz3U2UzJk8ZQ3mWqvK0Jb1m8b7yU0l8pQ0c",
		argonMemory, argonTime, argonThreads)
}
