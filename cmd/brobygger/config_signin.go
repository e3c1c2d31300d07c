package main

import (
	"math"
	"runtime/debug"
	"strconv"

	"brobygger/api"
)

// signinConfig is how sign-in is protected at this site.
type signinConfig struct {
	// TrustedProxies are the proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES).
	TrustedProxies api.TrustedProxies
	// HashSlots bounds concurrent password hashes, from PASSWORD_HASH_MEMORY_MB or GOMEMLIMIT.
	HashSlots int
	// MetricsToken guards GET /metrics (METRICS_TOKEN); empty means /metrics is not served.
	MetricsToken string
}

// defaultHashMemory is the password-hash budget without PASSWORD_HASH_MEMORY_MB or GOMEMLIMIT:
// 512 MiB, four hashes at once.
const defaultHashMemory = 512 << 20

func loadSignin(getenv func(string) string) (signinConfig, error) {
	var c signinConfig
	var err error
	if c.TrustedProxies, err = api.ParseTrustedProxies(getenv("TRUSTED_PROXIES")); err != nil {
		return c, configError("TRUSTED_PROXIES", "%v (a comma-separated list such as 10.0.0.0/8,192.168.1.5)", err)
	}
	budget := int64(defaultHashMemory)
	if raw := getenv("PASSWORD_HASH_MEMORY_MB"); raw != "" {
		mb, err := strconv.Atoi(raw)
		if err != nil || mb < 64 || mb > 1<<20 {
			return c, configError("PASSWORD_HASH_MEMORY_MB", "%q must be a whole number of MiB, at least 64", raw)
		}
		budget = int64(mb) << 20
	} else if limit := debug.SetMemoryLimit(-1); limit != math.MaxInt64 {
		// Under GOMEMLIMIT, password hashes may use a quarter of it.
		budget = limit / 4
	}
	c.HashSlots = api.HashSlotsFor(budget)
	if c.MetricsToken = getenv("METRICS_TOKEN"); c.MetricsToken != "" && len(c.MetricsToken) < 16 {
		return c, configError("METRICS_TOKEN", "must be at least 16 characters")
	}
	return c, nil
}
