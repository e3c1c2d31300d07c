package api

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// TrustedProxies are the networks whose X-Forwarded-For is believed (TRUSTED_PROXIES): the TLS
// proxies or load balancers in front of the service. From anyone else the header is ignored,
// so a client cannot pick the address its limits are counted under.
type TrustedProxies []netip.Prefix

// ParseTrustedProxies reads a comma-separated list of CIDRs or single addresses.
func ParseTrustedProxies(raw string) (TrustedProxies, error) {
	var out TrustedProxies
	for _, part := range strings.Split(raw, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if !strings.Contains(part, "/") {
			addr, err := netip.ParseAddr(part)
			if err != nil {
				return nil, fmt.Errorf("%q is not an IP address or CIDR", part)
			}
			part = netip.PrefixFrom(addr, addr.BitLen()).String()
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			return nil, fmt.Errorf("%q is not an IP address or CIDR", part)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// Strings lists the networks as CIDRs (for Fiber's own trusted-proxy check).
func (t TrustedProxies) Strings() []string {
	out := make([]string, len(t))
	for i, p := range t {
		out[i] = p.String()
	}
	return out
}

func (t TrustedProxies) trusts(addr netip.Addr) bool {
	addr = addr.Unmap()
	for _, p := range t {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// clientIP is the address limits count a request under. When the peer is a trusted proxy, it
// is the right-most X-Forwarded-For entry that is not itself a trusted proxy: each proxy appends
// the address it saw, so entries left of that could have been written by the client.
func (h *handlers) clientIP(c *fiber.Ctx) string {
	peer, ok := netip.AddrFromSlice(c.Context().RemoteIP())
	if !ok {
		return c.IP()
	}
	peer = peer.Unmap()
	if !h.deps.TrustedProxies.trusts(peer) {
		return peer.String()
	}
	hops := strings.Split(c.Get(fiber.HeaderXForwardedFor), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		addr, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // a malformed entry: nothing left of it can be trusted either
		}
		if addr = addr.Unmap(); !h.deps.TrustedProxies.trusts(addr) {
			return addr.String()
		}
	}
	return peer.String()
}
