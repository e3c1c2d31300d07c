package bot

import (
	"testing"

	"brobygger/models/phone"

	"github.com/nyaruka/phonenumbers"
)

// readablePhone's Danish shortcut writes exactly what parsing with libphonenumber wrote.
func TestReadablePhone_MatchesLibphonenumber(t *testing.T) {
	parsed := func(e164 string) string {
		num, err := phonenumbers.Parse(e164, phone.DefaultRegion)
		if err != nil {
			return e164
		}
		if num.GetCountryCode() == 45 {
			return phonenumbers.Format(num, phonenumbers.NATIONAL)
		}
		return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
	}
	for _, e164 := range []string{"+4533123456", "+4526123456", "+4570701234", "+4580808080", "+4540000001",
		"+46701234567", "+4915112345678", "", "+45331234", "+45abcdefgh"} {
		if got, want := readablePhone(e164), parsed(e164); got != want {
			t.Errorf("readablePhone(%q) = %q, libphonenumber says %q", e164, got, want)
		}
	}
}

// A reply naming a Danish link worker's number parses nothing.
func TestReadablePhone_DanishNumberAllocatesLittle(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() { _ = readablePhone("+4533123456") })
	if allocs > 1 {
		t.Fatalf("readablePhone allocates %.0f times a call; libphonenumber parsing is back", allocs)
	}
}
