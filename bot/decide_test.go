package bot

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

// These tests run the conversation step alone: a state in, a decision out, no database. The
// golden transcripts (transcript_test.go) run the same step through the shell and a real store.

var decideNow = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func testRules(t testing.TB) *rules {
	t.Helper()
	reg, err := models.LoadInstruments()
	if err != nil {
		t.Fatal(err)
	}
	r, err := newRules(reg, DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// stateOf is a confirmed Danish citizen writing text, with no conversation open.
func stateOf(text string) *inbound {
	confirmed := decideNow.Add(-72 * time.Hour)
	c := &models.Citizen{ID: "c-1", Name: "Anna Jensen", Phone: "+4526000001", Language: models.LangDA,
		LinkWorkerID: "w-1", ContactConfirmedAt: &confirmed}
	w := &models.Staff{ID: "w-1", Name: "Lise Brobygger", Phone: "+4533123456"}
	return &inbound{msg: &models.Message{ID: "m-1", Phone: c.Phone, Body: text}, citizen: c, worker: w}
}

func withConv(in *inbound, kind models.ConversationKind, step, reprompts int) *inbound {
	in.conv = &models.Conversation{ID: "v-1", CitizenID: in.citizen.ID, Kind: kind, Step: step, Reprompts: reprompts,
		State: models.ConvOpen, ExpiresAt: decideNow.Add(time.Hour)}
	switch kind {
	case models.ConvContact:
		in.citizen.ContactConfirmedAt = nil
	case models.ConvCheckin:
		id := "k-1"
		in.conv.CheckinID = &id
		in.checkin = &models.Checkin{ID: id, CitizenID: in.citizen.ID, Instrument: "who5", Version: "1", Status: models.CheckinOpen}
		in.answers = map[int]int{}
		for item := 1; item < step; item++ {
			in.answers[item] = 1
		}
	case models.ConvFollowup:
		id, on := "p-1", decideNow.Add(-24*time.Hour)
		in.conv.PrescriptionID, in.conv.OccurrenceOn = &id, &on
	}
	return in
}

func optedOut(in *inbound, source string) *inbound {
	at := decideNow.Add(-time.Hour)
	in.citizen.OptedOutAt, in.citizen.OptOutSource = &at, source
	return in
}

func stranger(text string, saidStop bool) *inbound {
	return &inbound{msg: &models.Message{ID: "m-1", Phone: "+4526999999", Body: text}, numberOptedOut: saidStop}
}

func TestDecide_States(t *testing.T) {
	r := testRules(t)
	cases := []struct {
		name  string
		in    *inbound
		check func(t *testing.T, d decision)
	}{
		{"STOP opts out and confirms once", stateOf("STOP"), func(t *testing.T, d decision) {
			wantReplies(t, d, models.KindOptOutConfirm)
			if !d.citizen.optOut || d.needsReply {
				t.Errorf("optOut %v needsReply %v", d.citizen.optOut, d.needsReply)
			}
		}},
		{"STOP again is silence", optedOut(stateOf("stop"), models.OptOutBySMS), func(t *testing.T, d decision) {
			wantReplies(t, d)
			if d.citizen.optOut {
				t.Error("opted out twice")
			}
		}},
		{"JA confirms contact", withConv(stateOf("ja"), models.ConvContact, 0, 0), func(t *testing.T, d decision) {
			wantReplies(t, d, models.KindReply)
			if d.citizen.update.ContactConfirmedAt == nil || d.conv.close == nil || !d.refreshStatus {
				t.Errorf("contact not confirmed: %+v", d)
			}
			if d.conversationID == nil || *d.conversationID != "v-1" {
				t.Errorf("conversation mark %v", d.conversationID)
			}
		}},
		{"NEJ declines, cancels what is queued and tells the link worker", withConv(stateOf("Nej tak"), models.ConvContact, 0, 0),
			func(t *testing.T, d decision) {
				wantReplies(t, d, models.KindReply)
				wantFlags(t, d, models.FlagDeclined)
				if d.citizen.update.DeclinedAt == nil || d.citizen.suppressQueued == "" {
					t.Errorf("not declined: %+v", d.citizen)
				}
			}},
		{"garbage to the contact question is re-prompted once", withConv(stateOf("hvem er du"), models.ConvContact, 0, 0),
			func(t *testing.T, d decision) {
				wantReplies(t, d, models.KindReply)
				if d.conv.update == nil || d.conv.update.Reprompts != 1 || d.needsReply {
					t.Errorf("no re-prompt: %+v", d.conv)
				}
			}},
		{"the last WHO-5 item scores and closes the check-in", withConv(stateOf("3"), models.ConvCheckin, 5, 0),
			func(t *testing.T, d decision) {
				wantReplies(t, d, models.KindReply)
				if d.answer == nil || d.answer.Value == nil || *d.answer.Value != 3 || d.answer.Item != 5 {
					t.Fatalf("answer %+v", d.answer)
				}
				if d.finish == nil || !d.finish.result.Complete || d.finish.result.Raw == nil || *d.finish.result.Raw != 7 {
					t.Errorf("finish %+v", d.finish)
				}
				wantFlags(t, d, models.FlagKind("low_score"))
				if d.conv.close == nil || d.conv.update != nil || !d.refreshStatus {
					t.Errorf("conversation %+v", d.conv)
				}
			}},
		{"a middle WHO-5 item asks the next", withConv(stateOf("4"), models.ConvCheckin, 2, 0), func(t *testing.T, d decision) {
			wantReplies(t, d, models.KindReply)
			if d.finish != nil || d.conv.update == nil || d.conv.update.Step != 3 {
				t.Errorf("conversation %+v finish %+v", d.conv, d.finish)
			}
		}},
		{"distress read with the earlier SMS is an emergency", func() *inbound {
			in := stateOf("pillerne ligger klar")
			in.recent = []string{"JA", "jeg orker ikke mere"}
			return in
		}(), func(t *testing.T, d decision) {
			wantReplies(t, d, models.KindSafety)
			if d.safetyFlag == nil || d.safetyFlag.Code != "emergency_answered" || !d.conv.closeOpen || d.citizen.update.PausedAt == nil {
				t.Errorf("emergency not answered: %+v", d)
			}
		}},
		{"the earlier words alone are distress", stateOf("jeg orker ikke mere"), func(t *testing.T, d decision) {
			wantReplies(t, d, models.KindSafety)
			if d.safetyFlag == nil || d.safetyFlag.Code != "distress_answered" || d.conv.closeOpen || d.citizen.update.PausedAt != nil {
				t.Errorf("distress not answered: %+v", d)
			}
		}},
		{"an opted-out citizen's words reach the link worker in silence", optedOut(stateOf("hej"), models.OptOutBySMS),
			func(t *testing.T, d decision) {
				wantReplies(t, d)
				if !d.needsReply {
					t.Error("not in the inbox")
				}
			}},
		{"START after an inherited STOP asks the contact question", func() *inbound {
			in := optedOut(stateOf("START"), models.OptOutByEarlierStop)
			in.citizen.ContactConfirmedAt = nil
			return in
		}(), func(t *testing.T, d decision) {
			wantReplies(t, d, models.KindReply)
			if !d.citizen.optIn || d.conv.start == nil || d.conv.start.Kind != models.ConvContact || d.conv.first == nil {
				t.Errorf("no contact question: %+v", d)
			}
		}},
		{"an unknown number is answered once a day", stranger("Hej, hvem er det?", false), func(t *testing.T, d decision) {
			wantReplies(t, d, models.KindUnknownSender)
			wantFlags(t, d, models.FlagUnknownSender)
			if d.citizenID != "" || !d.needsReply {
				t.Errorf("decision %+v", d)
			}
		}},
		{"an unknown number that said STOP is not answered", stranger("Hej, hvem er det?", true), func(t *testing.T, d decision) {
			wantReplies(t, d)
			wantFlags(t, d, models.FlagUnknownSender)
		}},
		{"STOP from an unknown number is remembered for it", stranger("stop", false), func(t *testing.T, d decision) {
			wantReplies(t, d)
			if d.numberOptOut != "+4526999999" {
				t.Errorf("number opt-out %q", d.numberOptOut)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := r.decide(tc.in, decideNow)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, d)
		})
	}
}

func wantReplies(t *testing.T, d decision, kinds ...string) {
	t.Helper()
	var got []string
	for _, n := range d.replies {
		got = append(got, n.Kind)
	}
	if strings.Join(got, ",") != strings.Join(kinds, ",") {
		t.Errorf("replies %v, want %v", got, kinds)
	}
}

func wantFlags(t *testing.T, d decision, kinds ...models.FlagKind) {
	t.Helper()
	var got, want []string
	for _, f := range d.flags {
		got = append(got, string(f.Kind))
	}
	for _, k := range kinds {
		want = append(want, string(k))
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("flags %v, want %v", got, want)
	}
}

// FuzzDecide feeds arbitrary text to the step in a state chosen by shape: who writes (a citizen
// or an unknown number that may have said STOP), whether they opted out (themselves or with
// their number), and the open conversation (none, contact, a WHO-5 item, "did you go?") with its
// re-prompts. The step must not panic or fail, must decide the same twice, must leave its input
// alone, must answer with at most maxReplies SMS, and must write to no opted-out citizen but to
// confirm START.
func FuzzDecide(f *testing.F) {
	for i, seed := range []string{"JA", "nej tak", "STOP", "start", "hjælp", "5", "tre", "3.", "", " ", "jeg vil ikke leve mere",
		"\x00\xff", "🙂", "STOP STOP", "ja\nnej", "FORSKNING STOP", strings.Repeat("x", 1600)} {
		f.Add(seed, uint16(i*37))
	}
	r := testRules(f)
	const maxReplies = 2
	f.Fuzz(func(t *testing.T, text string, shape uint16) {
		in := fuzzState(text, shape)
		before := snapshot(in)
		d, err := r.decide(in, decideNow)
		if err != nil {
			t.Fatalf("decide(%q, %d): %v", text, shape, err)
		}
		if !reflect.DeepEqual(snapshot(in), before) {
			t.Fatalf("decide(%q, %d) changed its input", text, shape)
		}
		again, _ := r.decide(fuzzState(text, shape), decideNow)
		if !reflect.DeepEqual(d, again) {
			t.Fatalf("decide(%q, %d) is not deterministic", text, shape)
		}
		sent := len(d.replies)
		if d.conv.first != nil {
			sent++
		}
		if sent > maxReplies {
			t.Fatalf("%q caused %d SMS", text, sent)
		}
		if in.citizen != nil && in.citizen.OptedOut() && !d.citizen.optIn && sent > 0 {
			t.Fatalf("wrote to an opted-out citizen after %q: %q", text, d.replies[0].Body)
		}
		if d.citizen.optOut && d.citizen.optIn {
			t.Fatalf("%q opted out and in at once", text)
		}
	})
}

// fuzzState builds the state a shape names (see FuzzDecide).
func fuzzState(text string, shape uint16) *inbound {
	if shape%7 == 6 {
		return stranger(text, shape&0x100 != 0)
	}
	in := stateOf(text)
	switch (shape >> 3) % 5 {
	case 1:
		withConv(in, models.ConvContact, 0, int(shape>>6)%2)
	case 2, 3:
		withConv(in, models.ConvCheckin, 1+int(shape>>6)%5, int(shape>>9)%2)
	case 4:
		withConv(in, models.ConvFollowup, 0, int(shape>>6)%2)
	}
	switch shape % 7 {
	case 1:
		optedOut(in, models.OptOutBySMS)
	case 2:
		optedOut(in, models.OptOutByEarlierStop)
	case 3:
		in.recent = []string{"jeg kan ikke mere"}
	}
	return in
}

// snapshot copies what decide may read, to check it leaves its input alone.
func snapshot(in *inbound) []any {
	out := []any{*in.msg, in.recent, in.answers, in.numberOptedOut}
	if in.citizen != nil {
		out = append(out, *in.citizen)
	}
	if in.conv != nil {
		out = append(out, *in.conv)
	}
	return out
}
