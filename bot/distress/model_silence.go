package distress

// Where the rules have read a sentence and found its alarm words lowered — a negation ("jeg har
// aldrig haft selvmordstanker"), an idiom exception ("døde af grin"), a lowering context (a time
// long past, a worry that is over) or a guard concept that stopped a combo whose every concept is
// present (a trip, a game, a pill routine) — the model does not read that sentence: the rules know
// better there. Until session 9 such a sentence silenced the model for the whole text, so one
// denied sentence hid the next one's plan ("Jeg har ikke taget dem. Jeg har tænkt mig at tage dem
// alle sammen på én gang når jeg er klar" was heard as nothing). Now the model reads the
// sentences the rules did not lower, and speaks if they alone pass its thresholds. (A negation
// that takes a distress word to nothing, "jeg er ikke ensom", drops the match before it is kept
// and leaves its sentence to the model, as before.)
//
// A laugh silences the sentences it colours (context.laughAt). Two things still silence the whole
// text: a taking-back ("undskyld, jeg ved ikke hvorfor jeg skrev det", context.quiet) and
// CTX_MODEL_QUIET, phrases naming an everyday setting whose words overlap the model's ("bare
// migræne … har taget min sumatriptan", "nøglen under måtten til hjemmeplejen").
//
// A guard word alone does not silence anything: guard concepts are everyday words ("hver", "i
// dag", "doctor"), and silencing the model wherever one stood cost a third of what it heard on
// unseen writers (leave-one-writer-out, writer_i: 78 % emergency for the model alone, 69 % with the
// rules).

// silence is the set of sentences the model may not read, or all of them.
type silence struct {
	ctx       context
	sentences map[int]bool
	all       bool
}

// newSilence starts with the sentences a laugh colours.
func newSilence(ctx context) silence {
	s := silence{ctx: ctx, sentences: map[int]bool{}}
	for sent := range ctx.laughing {
		s.sentences[sent] = true
	}
	return s
}

// span silences every sentence the span touches.
func (s *silence) span(sp span) {
	for i := sp.first; i <= sp.last && i < len(s.ctx.sentence); i++ {
		s.sentences[s.ctx.sentence[i]] = true
	}
}

// silenceForModel adds what only the whole text shows: the words an idiom exception covers and
// CTX_MODEL_QUIET. (The combos a guard stopped are added where they are tried, in AssessAll.)
func (d *Detector) silenceForModel(s *silence, caps map[int][]capMark, hits map[string][]span) {
	if d.model == nil || len(hits[ctxModelQuiet]) > 0 {
		s.all = true
		return
	}
	for i := range caps {
		s.span(span{first: i, last: i})
	}
}

// unheard returns the tokens of the sentences the model may read. Each run of kept tokens is
// given its own message number, so no n-gram joins the words either side of a silent sentence.
func (s *silence) unheard(toks []token) []token {
	if s.all {
		return nil
	}
	if len(s.sentences) == 0 {
		return toks
	}
	var kept []token
	msg, prev, prevMsg := -1, -2, -1
	longest, run := 0, 0 // the longest run of kept words
	for i, t := range toks {
		if s.sentences[s.ctx.sentence[i]] {
			continue
		}
		if i != prev+1 || t.msg != prevMsg {
			msg++
		}
		if i != prev+1 { // a silent sentence between: a new run (an SMS boundary is none: a sentence split over SMS is one)
			run = 0
		}
		run++
		longest = max(longest, run)
		prev, prevMsg = i, t.msg
		t.msg = msg
		kept = append(kept, t)
	}
	// What is left must hold a run of words of its own: a greeting and a signature ("Kære Mette.
	// … Hilsen Henny") around a lowered sentence are not a text to read.
	if longest < modelMinWords {
		return nil
	}
	return kept
}
