// Package seed writes synthetic, reproducible data: the demo caseload a newcomer signs in to,
// and populations of up to millions of citizens for benchmarks. It may import models and its
// leaves; nothing but cmd, bench and tests import it, so the serve path never depends on it.
package seed

import (
	"brobygger/models"
	"brobygger/models/password"
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// Options says how much synthetic data to generate.
type Options struct {
	Citizens int
	// MessagesPerCitizen is the average number of SMS per citizen.
	MessagesPerCitizen int
	// Seed makes the data reproducible: the same seed gives the same data.
	Seed uint64
	// ChunkSize is how many citizens are generated and written per transaction; memory stays
	// bounded by it, whatever Citizens is.
	ChunkSize int
	// Password is every seeded staff member's password.
	Password string
	// FirstWorkerEmail, when set, names the first link worker's login (the demo's known account).
	FirstWorkerEmail string
	// Progress, when set, is told after each chunk.
	Progress func(done int)
	// Location is the site's time zone: seeded SMS and check-ins fall in its daytime
	// (default Europe/Copenhagen).
	Location *time.Location
}

// Result summarises what was written.
type Result struct {
	Staff, Citizens, Messages, Checkins, Flags, Offers int
	FirstWorkerEmail                                   string
	// AlreadySeeded: FirstWorkerEmail existed, so nothing was written (the demo is there).
	AlreadySeeded bool
}

// citizensPerWorker is a link worker's caseload in the synthetic data.
const citizensPerWorker = 250

// Run writes fictional staff, offers and citizens with realistic mixes of statuses, messages,
// check-ins, scores and flags. Numbers are Danish-looking, in ranges the seed owns
// (+45 26…, +45 27…), and names are made up. It streams in chunks, so a million citizens fit
// in bounded memory.
func Run(ctx context.Context, s *models.Store, o Options) (Result, error) {
	if o.ChunkSize <= 0 {
		o.ChunkSize = 1000
	}
	if o.MessagesPerCitizen <= 0 {
		o.MessagesPerCitizen = 10
	}
	if len(o.Password) < password.MinLength {
		return Result{}, models.Invalid("password", "The seed password must be at least %d characters.", password.MinLength)
	}
	if o.FirstWorkerEmail != "" {
		taken, err := s.StaffEmailTaken(ctx, o.FirstWorkerEmail)
		if err != nil {
			return Result{}, fmt.Errorf("seed: %w", err)
		}
		if taken {
			return Result{FirstWorkerEmail: o.FirstWorkerEmail, AlreadySeeded: true}, nil
		}
	}
	if o.Location == nil {
		loc, err := time.LoadLocation("Europe/Copenhagen")
		if err != nil {
			return Result{}, fmt.Errorf("seed: %w", err)
		}
		o.Location = loc
	}
	g := newSeedGen(o.Seed, s.Now(), o.Location)
	res := Result{}
	workers, err := seedStaff(ctx, s, g, o, &res)
	if err != nil {
		return res, err
	}
	offers, err := seedOffers(ctx, s, g, &res)
	if err != nil {
		return res, err
	}
	for start := 0; start < o.Citizens; start += o.ChunkSize {
		n := min(o.ChunkSize, o.Citizens-start)
		chunk := g.chunk(start, n, workers, offers, o.MessagesPerCitizen)
		if err := s.InTx(ctx, func(tx *models.Store) error { return writeChunk(ctx, tx, chunk) }); err != nil {
			return res, fmt.Errorf("seed citizens %d–%d: %w", start, start+n, err)
		}
		res.Citizens += len(chunk.citizens)
		res.Messages += len(chunk.messages)
		res.Checkins += len(chunk.checkins)
		res.Flags += len(chunk.flags)
		if o.Progress != nil {
			o.Progress(start + n)
		}
	}
	return res, s.Analyze(ctx)
}

func seedStaff(ctx context.Context, s *models.Store, g *seedGen, o Options, res *Result) ([]seedWorker, error) {
	hash, err := password.Hash(o.Password)
	if err != nil {
		return nil, err
	}
	n := max(1, (o.Citizens+citizensPerWorker-1)/citizensPerWorker)
	staff := make([]models.Staff, 0, n+1)
	workers := make([]seedWorker, 0, n)
	for i := 0; i < n; i++ {
		st := models.Staff{ID: models.NewID(), Email: fmt.Sprintf("lw%05d.s%d@seed.brobygger.dk", i+1, o.Seed), Name: g.fullName(),
			Role: models.RoleLinkWorker, PasswordHash: hash, Phone: fmt.Sprintf("+45%d", 33000000+i), Active: true, CreatedAt: g.now, UpdatedAt: g.now}
		if i == 0 && o.FirstWorkerEmail != "" {
			st.Email, st.Name = o.FirstWorkerEmail, "Lise Holm"
		}
		staff = append(staff, st)
		workers = append(workers, seedWorker{id: st.ID, first: firstWord(st.Name)})
	}
	staff = append(staff, models.Staff{ID: models.NewID(), Email: fmt.Sprintf("admin.s%d@seed.brobygger.dk", o.Seed), Name: g.fullName(),
		Role: models.RoleAdmin, PasswordHash: hash, Active: true, CreatedAt: g.now, UpdatedAt: g.now})
	if err := models.CreateRows(ctx, s, staff); err != nil {
		return nil, fmt.Errorf("seed staff: %w", err)
	}
	res.Staff, res.FirstWorkerEmail = len(staff), staff[0].Email
	return workers, nil
}

func seedOffers(ctx context.Context, s *models.Store, g *seedGen, res *Result) ([]models.Offer, error) {
	offers := g.offers(70)
	if err := models.CreateRows(ctx, s, offers); err != nil {
		return nil, fmt.Errorf("seed offers: %w", err)
	}
	res.Offers = len(offers)
	return offers, nil
}

// writeChunk writes a chunk's rows through the wave's batch path (arrays on PostgreSQL,
// multi-row statements on SQLite): ten million messages went in at a few thousand citizens a
// second through GORM's Create, which builds and parses a statement per batch. A row that is
// not stored (the database was seeded before) fails the chunk rather than leave it half-linked.
func writeChunk(ctx context.Context, s *models.Store, c *seedChunk) error {
	for _, write := range []func() error{
		func() error { return seedRows(ctx, s, c.citizens) },
		func() error { return seedRows(ctx, s, c.referrals) },
		func() error { return seedRows(ctx, s, c.events) },
		func() error { return seedRows(ctx, s, c.prescriptions) },
		func() error { return seedRows(ctx, s, c.messages) },
		func() error { return seedRows(ctx, s, c.checkins) },
		func() error { return seedRows(ctx, s, c.answers) },
		func() error { return seedRows(ctx, s, c.flags) },
	} {
		if err := write(); err != nil {
			return err
		}
	}
	return nil
}

func seedRows[T any](ctx context.Context, s *models.Store, rows []T) error {
	n, err := models.BulkInsert(ctx, s, rows)
	if err == nil && n != int64(len(rows)) {
		err = fmt.Errorf("%d of %d %T rows stored; is the database seeded already?", n, len(rows), rows)
	}
	return err
}

// seedGen is the deterministic generator.
type seedGen struct {
	r    *rand.Rand
	now  time.Time
	loc  *time.Location
	seed uint64
	sids uint64 // message SIDs handed out
}

func newSeedGen(seed uint64, now time.Time, loc *time.Location) *seedGen {
	return &seedGen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), now: now.UTC().Truncate(time.Second), loc: loc, seed: seed}
}

// sid is a Twilio-shaped message SID. They count up, so ten million of them append to the
// unique index instead of landing at random places in it (which made the seed slow down as
// the index outgrew the cache); the seed number in front keeps two seeds' SIDs apart.
func (g *seedGen) sid() string {
	g.sids++
	return fmt.Sprintf("SM%016x%016x", g.seed, g.sids)
}

func (g *seedGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *seedGen) fullName() string {
	return g.pick(seedFirstNames) + " " + g.pick(seedLastNames)
}

// seedPhone gives citizen i a unique valid Danish mobile number in the seed's ranges.
func seedPhone(i int) string {
	if i < 1_000_000 {
		return fmt.Sprintf("+45%d", 26_000_000+i)
	}
	return fmt.Sprintf("+45%d", 27_000_000+i-1_000_000)
}
