package api

import (
	"brobygger/models/password"
)

// defaultHashSlots is the bound on concurrent password hashes when none is configured: 4 × 64 MiB.
const defaultHashSlots = 4

// hashQueue is how many sign-ins may wait for a hash slot: a few rounds' worth, after which the
// answer is 429 at once rather than a request held open.
func hashQueue(slots int) int { return 4 * slots }

// HashSlotsFor sizes the bound from a memory budget in bytes. Each hash counts twice: its 64 MiB
// stays on the heap as garbage until the next collection while the next hash allocates (with 4
// slots, 50 parallel logins peaked at about 400 MiB above the idle process). At least one.
func HashSlotsFor(budget int64) int {
	return max(1, int(budget/(2*password.HashMemory)))
}
