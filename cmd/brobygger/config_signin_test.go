package main

import (
	"strings"
	"testing"
)

func TestLoadSignin(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := loadSignin(env(map[string]string{"TRUSTED_PROXIES": "10.0.0.0/8, 192.168.1.5", "PASSWORD_HASH_MEMORY_MB": "1024"}))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.TrustedProxies.Strings(), ","); got != "10.0.0.0/8,192.168.1.5/32" {
		t.Fatalf("proxies %s", got)
	}
	if c.HashSlots != 8 {
		t.Fatalf("1024 MiB gave %d hash slots, want 8 (two 64 MiB per hash)", c.HashSlots)
	}
	for name, val := range map[string]string{"TRUSTED_PROXIES": "10.0.0.0/33", "PASSWORD_HASH_MEMORY_MB": "12", "METRICS_TOKEN": "short"} {
		if _, err := loadSignin(env(map[string]string{name: val})); err == nil || !strings.Contains(err.Error(), name) {
			t.Fatalf("%s=%s: %v", name, val, err)
		}
	}
}
