package bot_test

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata with what the bot says now")

// A transcript is a conversation replayed against a real store. Input lines:
//
//	# comment            kept as is
//	@lang da|en          the citizen's language (before the first @start or >)
//	@start contact       the referral's first SMS
//	@start checkin KEY   a check-in of instrument KEY (latest version)
//	@start followup NAME "did you go to NAME?" for a prescription of an offer called NAME
//	@previous KEY SCORE  an earlier completed check-in of KEY with SCORE (for drop alerts)
//	@advance DURATION    move the clock, then expire conversations
//	@stranger            later > lines come from a number no citizen has
//	@close REASON        the link worker closes the referral (completed, declined, unreachable, moved)
//	@refer [PHONE]       the number (the citizen's, or PHONE) is referred, through Refer as the API
//	                     does: a new citizen and its first SMS; later > lines come from that citizen
//	> text               the citizen sends an SMS
//
// Output lines, regenerated on every run: "< " an SMS we queue (continuation lines indented),
// "= status S" a status change, "! flag KIND SEVERITY CODE" a new review flag, "! case KIND SEVERITY
// CODE (N messages)" an open flag that a later message joined, "~ paused" check-ins paused.
func TestTranscripts(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) < 10 {
		t.Fatalf("expected at least 10 golden transcripts, found %d", len(files))
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			for _, d := range storetest.Dialects() {
				t.Run(string(d), func(t *testing.T) { replayTranscript(t, d, file) })
			}
		})
	}
}

func replayTranscript(t *testing.T, d models.Dialect, file string) {
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := newReplayer(t, d)
	var out strings.Builder
	sc := bufio.NewScanner(strings.NewReader(string(raw)))
	for sc.Scan() {
		line := sc.Text()
		if isOutputLine(line) {
			continue
		}
		out.WriteString(line + "\n")
		if strings.HasPrefix(line, "@") || strings.HasPrefix(line, "> ") {
			r.input(line)
			out.WriteString(r.drain())
		}
	}
	got := out.String()
	if *update {
		if d == models.SQLite {
			if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	if got != string(raw) {
		t.Errorf("transcript differs (run go test ./bot -run Transcripts -update to accept):\n--- want\n%s\n--- got\n%s", raw, got)
	}
}

func isOutputLine(l string) bool {
	return strings.HasPrefix(l, "< ") || strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "= ") ||
		strings.HasPrefix(l, "! ") || strings.HasPrefix(l, "~ ")
}

// clock is the replay's fake time, starting on a Monday morning in Copenhagen.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

type replayer struct {
	t        *testing.T
	ctx      context.Context
	s        *models.Store
	e        *bot.Engine
	clock    *clock
	lang     models.Lang
	lw       *models.Staff
	citizen  *models.Citizen
	ref      *models.Referral
	stranger bool
	sid      int
	seenOut  map[string]bool
	seenFlag map[string]string
	status   models.CitizenStatus
	paused   bool
}

func newReplayer(t *testing.T, d models.Dialect) *replayer {
	c := &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	s := storetest.Open(t, d, models.WithClock(c.now))
	reg, err := models.LoadInstruments()
	if err != nil {
		t.Fatal(err)
	}
	e, err := bot.New(s, reg, bot.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return &replayer{t: t, ctx: context.Background(), s: s, e: e, clock: c, lang: models.LangDA,
		seenOut: map[string]bool{}, seenFlag: map[string]string{}}
}

// ensureCitizen refers the transcript's citizen on first need.
func (r *replayer) ensureCitizen() *models.Citizen {
	if r.citizen == nil {
		c, ref, err := r.s.CreateReferral(r.ctx, r.referral(r.worker()))
		if err != nil {
			r.t.Fatal(err)
		}
		r.citizen, r.ref, r.status = c, ref, c.Status
	}
	c, err := r.s.CitizenByID(r.ctx, r.citizen.ID)
	if err != nil {
		r.t.Fatal(err)
	}
	return c
}

// worker is the transcript's link worker, created on first need.
func (r *replayer) worker() *models.Staff {
	if r.lw == nil {
		w, err := r.s.CreateStaff(r.ctx, models.NewStaff{Email: "lise@example.dk", Name: "Lise Holm",
			Role: models.RoleLinkWorker, Password: "a long test password", Phone: "+4533123456"})
		if err != nil {
			r.t.Fatal(err)
		}
		r.lw = w
	}
	return r.lw
}

// referral is the transcript citizen's referral from their GP.
func (r *replayer) referral(worker *models.Staff) models.NewReferral {
	return models.NewReferral{Name: "Anna Jensen", Phone: "+4526123456", Language: r.lang,
		LinkWorkerID: worker.ID, ReferrerName: "Dr. Berg", ReferrerClinic: "Lægehuset", Reason: "Ensomhed",
		ConsentContact: true, ConsentData: true}
}

// closeReferral ends the citizen's course as the link worker would.
func (r *replayer) closeReferral(reason models.CloseReason) {
	r.ensureCitizen()
	if _, err := r.s.TransitionReferral(r.ctx, r.ref, models.ReferralTransition{To: models.ReferralClosed, Reason: reason}, r.worker().ID); err != nil {
		r.t.Fatal(err)
	}
}

// referAgain refers the citizen's number (or phone[0]) anew through the engine, as the API does.
func (r *replayer) referAgain(phone []string) {
	n := r.referral(r.worker())
	if len(phone) > 0 {
		n.Phone = phone[0]
	}
	c, ref, err := r.e.Refer(r.ctx, n, r.clock.now())
	if err != nil {
		r.t.Fatal(err)
	}
	r.citizen, r.ref, r.status, r.paused, r.stranger = c, ref, "", false, false
}

func (r *replayer) input(line string) {
	if strings.HasPrefix(line, "> ") {
		r.send(strings.TrimPrefix(line, "> "))
		return
	}
	f := strings.Fields(strings.TrimPrefix(line, "@"))
	if len(f) == 0 {
		r.t.Fatalf("empty directive")
	}
	switch f[0] {
	case "lang":
		r.lang = models.Lang(f[1])
	case "stranger":
		r.stranger = true
	case "advance":
		d, err := time.ParseDuration(f[1])
		if err != nil {
			r.t.Fatal(err)
		}
		r.clock.advance(d)
		if _, err := r.e.ExpireConversations(r.ctx, 100); err != nil {
			r.t.Fatal(err)
		}
	case "start":
		r.start(f[1:])
	case "previous":
		r.previous(f[1], f[2])
	case "close":
		r.closeReferral(models.CloseReason(f[1]))
	case "refer":
		r.referAgain(f[1:])
	default:
		r.t.Fatalf("unknown directive %q", line)
	}
}

// strangerPhone is the number that @stranger writes from.
const strangerPhone = "+4526999999"

func (r *replayer) send(text string) {
	r.sid++
	from := strangerPhone
	if !r.stranger {
		from = r.ensureCitizen().Phone
	}
	_, err := r.e.HandleInbound(r.ctx, models.InboundSMS{SID: fmt.Sprintf("SM%032d", r.sid), From: from, Body: text, Segments: 1})
	if err != nil {
		r.t.Fatalf("handle %q: %v", text, err)
	}
}

func (r *replayer) start(args []string) {
	c := r.ensureCitizen()
	now := r.clock.now()
	err := r.s.InTx(r.ctx, func(tx *models.Store) error {
		switch args[0] {
		case "contact":
			return r.e.StartContact(r.ctx, tx, c, now)
		case "checkin":
			return r.startCheckin(tx, c, args[1], now)
		case "followup":
			return r.startFollowup(tx, c, strings.Join(args[1:], " "), now)
		}
		return fmt.Errorf("unknown @start %v", args)
	})
	if err != nil {
		r.t.Fatalf("@start %v: %v", args, err)
	}
}

func (r *replayer) startCheckin(tx *models.Store, c *models.Citizen, key string, now time.Time) error {
	reg, _ := models.LoadInstruments()
	inst, _ := reg.Latest(key)
	ch := &models.Checkin{CitizenID: c.ID, Instrument: inst.Key, Version: inst.Version, Status: models.CheckinPending, DueAt: now}
	if _, err := tx.CreateCheckin(r.ctx, ch); err != nil {
		return err
	}
	return r.e.StartCheckin(r.ctx, tx, c, ch, now)
}

func (r *replayer) startFollowup(tx *models.Store, c *models.Citizen, activity string, now time.Time) error {
	offer := models.Offer{Title: activity, Organisation: "Frivilligcenter", Active: true}
	if err := tx.CreateOffer(r.ctx, &offer); err != nil {
		return err
	}
	p := models.Prescription{CitizenID: c.ID, OfferID: offer.ID, Weekday: 1, StartTime: "14:00", EndTime: "16:00", StartsOn: now, Active: true}
	if err := tx.CreatePrescription(r.ctx, &p); err != nil {
		return err
	}
	return r.e.StartFollowup(r.ctx, tx, c, p.ID, now.AddDate(0, 0, -1).Truncate(24*time.Hour), activity, now)
}

func (r *replayer) previous(key, score string) {
	c := r.ensureCitizen()
	v, _ := strconv.ParseFloat(score, 64)
	done := r.clock.now().AddDate(0, 0, -14)
	ch := &models.Checkin{CitizenID: c.ID, Instrument: key, Version: "1", Status: models.CheckinCompleted, DueAt: done,
		CompletedAt: &done, Score: &v, Channel: "sms"}
	if _, err := r.s.CreateCheckin(r.ctx, ch); err != nil {
		r.t.Fatal(err)
	}
}

// drain renders everything new since the last input: queued SMS, status changes, flags, pause.
func (r *replayer) drain() string {
	var b strings.Builder
	rows, err := r.s.ListOutbox(r.ctx, models.OutboxFilter{})
	if err != nil {
		r.t.Fatal(err)
	}
	for _, o := range rows {
		if r.seenOut[o.ID] {
			continue
		}
		r.seenOut[o.ID] = true
		b.WriteString("< " + strings.ReplaceAll(o.Body, "\n", "\n  ") + "\n")
	}
	if r.citizen != nil {
		c := r.ensureCitizen()
		if c.Status != r.status {
			b.WriteString("= status " + string(c.Status) + "\n")
			r.status = c.Status
		}
		if c.PausedAt != nil && !r.paused {
			b.WriteString("~ paused\n")
			r.paused = true
		}
	}
	flags, err := r.s.ListFlags(r.ctx, models.FlagFilter{})
	if err != nil {
		r.t.Fatal(err)
	}
	for _, f := range flags {
		now := fmt.Sprintf("%s %d %s", f.Kind, f.Severity, f.Code)
		if count := f.FactsMap()["count"]; count != "" && count != "1" {
			now += " (" + count + " messages)"
		}
		switch seen, ok := r.seenFlag[f.ID]; {
		case !ok:
			b.WriteString("! flag " + now + "\n")
		case seen != now:
			b.WriteString("! case " + now + "\n")
		}
		r.seenFlag[f.ID] = now
	}
	return b.String()
}
