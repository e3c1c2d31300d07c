package consent

import "testing"

func load(t *testing.T) *Recogniser {
	t.Helper()
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestIsOptOut(t *testing.T) {
	r := load(t)
	yes := []string{
		// Twilio's own words, any case, with punctuation
		"STOP", "stop", "Stop!!", " stop. ", "STOPALL", "UNSUBSCRIBE", "unsubscribe", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "opt out", "Opt-out",
		// Danish and English ways of saying it
		"STOP ALT", "stop venligst", "Stop venligst", "stop tak", "Stop tak!", "afmeld", "AFMELD", "Afmeld mig", "afmeld mig tak",
		"stop sms", "Stop SMS'er", "stop med at skrive", "stop med at skrive til mig", "Nej tak, stop", "nej tak stop", "nej TAK. STOP!",
		"slet mig", "Slet mig venligst", "slet mit nummer", "jeg vil ikke have flere beskeder", "Jeg vil ikke have flere sms",
		"ikke flere sms'er tak", "ingen flere beskeder", "lad være med at skrive til mig", "hold op med at sende sms",
		"jeg vil gerne afmeldes", "frameld mig", "STOP STOP STOP", "stoooop", "stopp", "stop nu", "stop det", "stop det nu tak",
		"stop all", "please stop", "stop please", "stop texting me", "stop sending me messages", "no more texts", "no more messages please",
		"dont text me", "do not text me anymore", "unsubscribe me", "remove me from the list", "cancel please", "quit it",
		"stop. mvh Inge", "Stop tak, hilsen Bent",
		// emoji, full-width letters, zero-width characters, spaced letters
		"🛑", "🛑🛑", "⛔", "ＳＴＯＰ", "ｓｔｏｐ", "S\u200bTOP", "ST\u200dOP\u200b", "\ufeffSTOP", "S T O P", "s t o p", "S.T.O.P", "s-t-o-p",
		"AFMELD\u00ad MIG", "Ｓｔｏｐ ｖｅｎｌｉｇｓｔ",
	}
	no := []string{
		"", "   ", "JA", "ja tak", "nej", "nej tak", "NO", "no thanks", "YES", "START", "HJÆLP", "3", "4 2 1",
		"bussen stopper ved døren", "kan vi stoppe kl 3?", "hvornår stopper strikkeklubben", "hvornår stopper bussen",
		"stop ved kirken", "bussen stopper ikke her", "vi stoppede for kaffe", "det stoppede med at regne",
		"jeg vil afmelde mig strikkeklubben", "afmeld mig torsdag", "jeg vil gerne afmelde gåturen i morgen",
		"can we stop at 3pm", "the bus stops at the door", "cancel my booking on thursday", "i had to cancel the taxi",
		"at the end of the day it was fine", "the end of the film was sad", "I quit smoking", "stop being silly haha",
		"stop, jeg har det ikke godt", "jeg er ked af det, stop ikke med at skrive", "please don't stop texting me",
		"slet ikke", "det er slet ikke noget problem", "slet den besked jeg sendte", "tak for beskeden",
		"hvordan stopper jeg opvaskemaskinen", "stopur", "stopklods", "nonstop", "STOPPESTED",
	}
	for _, s := range yes {
		if !r.IsOptOut(s) {
			t.Errorf("IsOptOut(%q) = false, want true", s)
		}
		if r.IsOptIn(s) {
			t.Errorf("IsOptIn(%q) = true for an opt-out", s)
		}
	}
	for _, s := range no {
		if r.IsOptOut(s) {
			t.Errorf("IsOptOut(%q) = true, want false", s)
		}
	}
}

func TestIsOptIn(t *testing.T) {
	r := load(t)
	yes := []string{
		"START", "start", "Start!", "UNSTOP", "unstop", "YES", "yes", "Yes.", "START igen", "start igen tak", "Start igen venligst",
		"tilmeld", "Tilmeld mig", "tilmeld mig igen", "ＳＴＡＲＴ", "S T A R T", "st\u200bart", "ja tak, start", "jeg vil gerne starte igen",
		"begynd igen", "opt in",
	}
	no := []string{
		"", "JA", "ja", "Ja tak", "jep", "ok", "yes please", "YES I will come", "nej", "STOP", "stop start", "start stop",
		"hvornår starter holdet", "start kl 10?", "tilmeld mig holdet på torsdag", "jeg vil gerne tilmelde mig gåturen",
		"the start was slow", "when does it start", "START ALT", "🛑",
	}
	for _, s := range yes {
		if !r.IsOptIn(s) {
			t.Errorf("IsOptIn(%q) = false, want true", s)
		}
	}
	for _, s := range no {
		if r.IsOptIn(s) {
			t.Errorf("IsOptIn(%q) = true, want false", s)
		}
	}
}
