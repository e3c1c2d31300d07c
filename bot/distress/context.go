package distress

import "strings"

// The context of a match can take the alarm out of it, in ways that hold for every rule: a laugh
// ("heart attack when i saw the bill 😂", "jeg døde af grin lol"), a time long past ("for 20 år
// siden havde jeg en depression", "chest pain last month"), a worry that is over ("var bare
// halsbrand", "all good now", "men nu går det bedre"), and someone else's trouble told calmly
// ("min veninde er meget ensom", "min datter har det svært"). These are concepts in
// data/context.json; capContext applies them to every rule and combo alike, so a new rule needs no
// exception of its own. Acts (a plan, an attempt, self-harm) are never laughed away, and a
// third person's trouble lowers only the distress categories: "min kone trækker vejret mærkeligt"
// stays an emergency.

// Context concepts (data/context.json).
const (
	ctxLaugh    = "CTX_LAUGH"      // lol, haha, hehe (emoji and smileys are read from the raw text)
	ctxHistory  = "CTX_HISTORY"    // for 20 år siden, years ago, last month, dengang
	ctxResolved = "CTX_RESOLVED"   // var bare halsbrand, turned out, all good now, men nu går det bedre
	ctxInCare   = "CTX_IN_CARE"    // er indlagt, på hospitalet: a body scare is in hands, nothing else is
	ctxOther    = "CTX_OTHER"      // a third person as the subject: min veninde, my friend, hun, he
	ctxCorrect  = "CTX_CORRECTION" // jeg mente ikke, I didn't mean, skrev forkert
	ctxButOK    = "CTX_BUT_OK"     // a low mood said and then set aside: "sad day but I'm ok", "that's all"
	ctxMoving   = "CTX_MOVING"     // a goodbye because of a move or with a visit promised
	ctxStory    = "CTX_STORY"      // a film, a book, the news about it: "a documentary about suicide"
	ctxRecovery = "CTX_RECOVERY"   // treatment talk and history: "2 år fri af selvskade", "psykiateren spurgte, jeg sagde nej"
	ctxTopic    = "CTX_TOPIC"      // the subject as a topic: a course, a charity, an app, "en gruppe for folk med angst"
	ctxNow      = "CTX_NOW"        // current risk: "er kommet tilbage", "igen", "relapse", "virker ikke i aften"
	ctxTerm     = "CTX_TERM"       // a word of treatment: "selvmordstanker", "selvskade", "angst", "psykiater"
	ctxGrief    = "CTX_GRIEF"      // someone else's death: "min hund døde i går", "my mum died last year"
	ctxProxy    = "CTX_PROXY"      // the writer writes for the citizen: "jeg er Kirstens nabo", "I'm Eileen's friend"
	ctxHedge    = "CTX_HEDGE"      // a guess, not a finding: "probably", "sikkert", "isn't it", "tror jeg"
	// ctxModelQuiet is an everyday setting in which only the statistical layer is silenced (model_silence.go).
	ctxModelQuiet = "CTX_MODEL_QUIET"
)

// talkCategories are the words of treatment and recovery ("selvmordstanker", "selvskade", "angst",
// "depression"): said as history or as a topic they are no alarm, said of now they are. Plans,
// attempts, farewells, the body and violence are never talked away.
var talkCategories = map[category]bool{suicidalIdeation: true, selfHarm: true, despair: true, anxiety: true,
	loneliness: true, hopelessness: true, exhaustion: true}

// laughMarks are smileys and emoji that mark a message as a joke; the tokenizer drops them, so the
// raw text is read.
var laughMarks = []string{"😂", "🤣", "🤦", "😅", "😆", "😄", "😁", "😜", "😝", "🙃", ":-)", ":)", ":D", ":-D", ";)", ";-)", "xD", "XD"}

// actCategories are never laughed away: a joke does not undo a plan, an act or a wound.
var actCategories = map[category]bool{suicidePlan: true, suicideAttempt: true, selfHarm: true}

// distressCategories are those a third person's trouble, told by the citizen, does not raise.
var distressCategories = map[category]bool{despair: true, loneliness: true, exhaustion: true,
	hopelessness: true, anxiety: true, burden: true, helpRequest: true}

// settled are the categories a resolved worry lowers: a body scare or a low mood that is over.
var settled = map[category]bool{medicalEmergency: true, violence: true, despair: true, loneliness: true,
	exhaustion: true, hopelessness: true, anxiety: true}

// bodyCategories are the worries a later "it was just heartburn" or an earlier "the doctor says
// it is angina" settles anywhere in the message; a low mood is settled only by what follows it.
var bodyCategories = map[category]bool{medicalEmergency: true, violence: true}

// context is what the whole text says around its matches.
type context struct {
	sentence []int        // sentence number of each token (a new message starts a new sentence)
	laughing map[int]bool // sentences a laugh colours (laughAt)
	laughOwn map[int]bool // the sentence a laugh stands in or ends (and the one before, when it opens its sentence)
	hits     map[string][]span
	toks     []token
	full     string // the assessed text, for telling a question from a statement
}

func (d *Detector) readContext(texts []string, full string, toks []token, hits map[string][]span) context {
	c := context{sentence: make([]int, len(toks)), laughing: map[int]bool{}, laughOwn: map[int]bool{}, hits: hits, toks: toks, full: full}
	for i := 1; i < len(toks); i++ {
		c.sentence[i] = c.sentence[i-1]
		if toks[i].msg != toks[i-1].msg || strings.ContainsAny(between(full, toks[i-1], toks[i]), ".!?") {
			c.sentence[i]++
		}
	}
	offset := 0
	for i, t := range texts {
		for _, m := range laughMarks {
			for from := 0; ; {
				k := strings.Index(t[from:], m)
				if k < 0 {
					break
				}
				c.laughAt(i, offset+from+k, false)
				from += k + len(m)
			}
		}
		offset += len(t) + 1
	}
	for _, h := range hits[ctxLaugh] {
		c.laughAt(toks[h.first].msg, toks[h.first].start, true)
	}
	return c
}

// laughAt marks the sentences a laugh at byte pos of message msg colours: every sentence of the
// message up to the one it stands in or ends, and the next one — a joke's set-up comes before
// its laugh ("Min bror sagde: jeg er klar til at dø … haha"), and "Haha. Jobcentret prøver at slå mig
// ihjel" comes after it. Until session 9 a laugh coloured its whole message, so in a long, chatty
// SMS the 😂 after "the grandkids came, chaos but lovely" also took the alarm out of "Honestly
// I'm so lonely I can barely stand it" two sentences later.
func (c *context) laughAt(msg, pos int, isWord bool) {
	at := -1 // the token the laugh stands on or ends: the last one before pos, else the first after
	for i, t := range c.toks {
		if t.msg != msg {
			continue
		}
		if t.start < pos || (isWord && t.start == pos) || at < 0 {
			at = i
		}
		if t.start > pos {
			break
		}
	}
	if at < 0 {
		return
	}
	own := c.sentence[at]
	c.laughOwn[own] = true
	if isWord && at > 0 && c.toks[at-1].msg == msg && c.sentence[at-1] != own { // "… brækket hoften. haha"
		c.laughOwn[c.sentence[at-1]] = true
	}
	upTo := own + 1
	for i, t := range c.toks {
		if t.msg == msg && c.sentence[i] <= upTo {
			c.laughing[c.sentence[i]] = true
		}
	}
}

// quiet reports whether the text takes back what was written ("undskyld, jeg ved ikke hvorfor jeg
// skrev det"): the statistical layer then reads none of it. (A laugh silences the sentences it
// colours, a time long past or a worry that is over the sentence where it lowered a rule's match:
// model_silence.go.)
func (c context) quiet() bool {
	return len(c.hits[ctxCorrect]) > 0
}

// capContext lowers a match of a rule or combo of category cat by its context: to None, with the
// first reason that holds (the message's tone and the sentence told around it first, then the
// rules of cat's kind).
func (c context) capContext(cat category, s scored) scored {
	if s.level == None {
		return s
	}
	why := c.toldAround(cat, s)
	if why == "" {
		why = c.capByCategory(cat, s)
	}
	if why != "" {
		s.level, s.capped = None, why
	}
	return s
}

// toldAround is why the match does not count as said now by the writer of the message: laughter,
// a time long past, a story, a correction; "" when none holds.
func (c context) toldAround(cat category, s scored) string {
	msg := c.toks[s.first].msg
	// A laugh lowers a body scare or violence only in its own sentence: "Jeg har voldsomme smerter
	// i brystet og kan ikke få luft. … Barnebarnet sendte lige en sjov video haha" is no joke.
	laughed := c.laughing
	if bodyCategories[cat] {
		laughed = c.laughOwn
	}
	if (laughed[c.sentence[s.first]] || laughed[c.sentence[s.last]]) && !actCategories[cat] {
		return "context.laughter"
	}
	sent := c.sentence[s.first]
	oneSentence := c.sentence[s.last] == sent
	for _, h := range c.hits[ctxHistory] { // the match told as part of a time long past, nothing of now in it
		// "efter jeg faldt sidste måned og nu sidder jeg bare her og bliver mere og mere deprimeret":
		// a now between the past and the match brings it back to now.
		nowBetween := h.last+1 < s.first && c.within(soonConcept, h.last+1, s.first-1)
		if oneSentence && c.sentence[h.first] == sent && !c.within(soonConcept, s.first, s.last) && !nowBetween {
			return "context.history"
		}
	}
	for _, h := range c.hits[ctxStory] { // "the film about the man who wanted to die"
		if h.last < s.first && c.sentence[h.last] == sent {
			return "context.story"
		}
	}
	for _, h := range c.hits[ctxCorrect] { // "jeg mente ikke ondt i brystet"
		if h.last < s.first && s.first-h.last <= 6 && c.toks[h.first].msg == msg {
			return "context.correction"
		}
	}
	return ""
}

// settles reports whether the resolution h (a hospital stay when inCare) settles the match s of
// category cat.
func (c context) settles(h span, inCare bool, cat category, s scored) bool {
	// A worry asked about or guessed at is not over: "is that just heartburn?", "probably just
	// indigestion isn't it" keep the chest pain.
	if askedAbout(c.full, c.toks, h.last) || c.questionOpens(h.first) || c.hedged(h) {
		return false
	}
	if inCare && c.othersCare(h, s) {
		return false
	}
	// Only a medical scare may be settled by a later SMS of the run ("there was blood everywhere
	// || beetroot soup, i knocked the whole pot over || nobody was hurt"), by what is said after
	// it; a hospital stay settles that way only another person's scare ("My neighbour fell off his
	// ladder || he's in hospital"), never the writer's ("jeg er faldet || kan ikke rejse mig, min
	// mand er på sygehuset"). Anything else only in its own message.
	if hm, sm := c.toks[h.first].msg, c.toks[s.first].msg; hm != sm {
		later := cat == medicalEmergency && hm > sm && (!inCare || !c.firstPerson(max(0, s.first-3), s.last))
		if !later {
			return false
		}
	}
	// A low mood is over only when the text says so after it or in its sentence: "the blood tests
	// were fine … but at home I sit and cry every evening" is still heard.
	if !bodyCategories[cat] && h.first < s.first && c.sentence[h.first] != c.sentence[s.first] {
		return false
	}
	// "Lægen siger hjertet er fint, men jeg ligger vågen hver nat": what comes after a "but" is
	// not settled by what came before it.
	return h.last >= s.first || !c.butBetween(h.last, s.first)
}

// othersCare reports whether the hospital stay h is another person's ("my husband is in
// hospital", "han er indlagt") while the match m is the writer's own scare ("… and now I have
// crushing chest pain"): then it settles nothing.
func (c context) othersCare(h span, m scored) bool {
	other := c.within(ctxOther, max(0, h.first-3), h.last)
	return other && c.firstPerson(max(0, m.first-3), m.last)
}

// butBetween reports whether "men" or "but" stands between toks[from] and toks[to].
func (c context) butBetween(from, to int) bool {
	for i := from + 1; i < to; i++ {
		if w := c.toks[i].canon; w == "men" || w == "but" {
			return true
		}
	}
	return false
}

// hedged reports whether a guess stands just before h or a tag question just after it, in its
// sentence: "probably just indigestion isn't it", "det er sikkert bare halsbrand, ikke?".
func (c context) hedged(h span) bool {
	for _, g := range c.hits[ctxHedge] {
		near := (g.last < h.first && h.first-g.last <= 3) || (g.first > h.last && g.first-h.last <= 3)
		if near && c.sentence[g.first] == c.sentence[h.first] {
			return true
		}
	}
	return false
}

// capByCategory is why a match of cat's kind is talk, a move, something settled, grief or about
// another person; "" when none holds.
func (c context) capByCategory(cat category, s scored) string {
	msg := c.toks[s.first].msg
	// Only a match that holds a word of treatment is talk: "jeg vil ikke leve mere" next to "jeres
	// kursus" is no topic.
	if talkCategories[cat] && c.overlaps(ctxTerm, s.first, s.last) && !c.inMessage(ctxNow, msg) {
		// "har været fri af selvskade i 2 år", "running a 5k for a suicide prevention charity" — but
		// not "selvmordstankerne er kommet tilbage" nor "relapse på selvskaden i nat".
		if c.inMessage(ctxRecovery, msg) {
			return "context.recovery"
		}
		if c.inMessage(ctxTopic, msg) {
			return "context.topic"
		}
	}
	if cat == farewell && c.hitInMessage(ctxMoving, msg) {
		return "context.moving"
	}
	if settled[cat] {
		for _, h := range c.hits[ctxResolved] {
			if c.settles(h, false, cat, s) {
				return "context.resolved"
			}
		}
		if cat == medicalEmergency { // "er indlagt" settles a body scare, not a threat at home nor a low mood
			for _, h := range c.hits[ctxInCare] {
				if c.settles(h, true, cat, s) {
					return "context.resolved"
				}
			}
		}
	}
	// Sadness beside a death is grief, not despair: "min hund døde i går, jeg er ked af det",
	// also when the death and the sadness came as two SMS in a row.
	if cat == despair && len(c.hits[ctxGrief]) > 0 && !c.overlaps(ctxGrief, s.first, s.last) {
		return "context.grief"
	}
	if distressCategories[cat] {
		return c.otherThanDistress(s)
	}
	return ""
}

// otherThanDistress is why a distress match is not the writer's distress now: "but I am fine"
// after it (in its sentence, or opening the next with "men"/"but": "… og huset er stille. Men
// jeg har det okay"), or another person before it in the same sentence; "" when neither holds.
func (c context) otherThanDistress(s scored) string {
	for _, h := range c.hits[ctxButOK] {
		if h.first > s.first && (c.sentence[h.first] == c.sentence[s.last] || c.butNext(h.first, s.last)) {
			return "context.but_ok"
		}
	}
	// A neighbour or a daughter who introduces themselves writes about the citizen: the low mood
	// they report is the reason for writing ("Jeg er Gunnars nabo. Han stod og græd … og sagde han
	// var så ensom"), so it stays a distress flag.
	if c.hitInMessage(ctxProxy, c.toks[s.first].msg) {
		return ""
	}
	for _, h := range c.hits[ctxOther] {
		// "min kone døde, kan ikke finde ud af noget mere": the other person is the one who died,
		// and the distress after it is the writer's.
		if c.within(ctxGrief, h.first-2, h.last+2) {
			continue
		}
		if h.last < s.first && s.first-h.last <= otherSubjectReach && c.sentence[h.last] == c.sentence[s.first] && !c.firstPerson(h.last+1, s.last) {
			return "context.other_person"
		}
	}
	return ""
}

// otherSubjectReach is how many words after another person a low mood is still theirs: "min
// veninde er blevet dumpet og græder konstant".
const otherSubjectReach = 6

// hitInMessage reports whether a hit of the context kind k starts in message msg.
func (c context) hitInMessage(k string, msg int) bool {
	for _, h := range c.hits[k] {
		if c.toks[h.first].msg == msg {
			return true
		}
	}
	return false
}

// soonConcept is the concept of time words that mean now or soon (data/concepts.json).
const soonConcept = "SOON"

// overlaps reports a hit of the concept that shares a word with toks[from..to].
func (c context) overlaps(concept string, from, to int) bool {
	for _, h := range c.hits[concept] {
		if h.first <= to && h.last >= from {
			return true
		}
	}
	return false
}

// inMessage reports a hit of the concept in message msg.
func (c context) inMessage(concept string, msg int) bool {
	for _, h := range c.hits[concept] {
		if c.toks[h.first].msg == msg {
			return true
		}
	}
	return false
}

// within reports a hit of the concept inside toks[from..to].
func (c context) within(concept string, from, to int) bool {
	for _, h := range c.hits[concept] {
		if h.first >= from && h.last <= to {
			return true
		}
	}
	return false
}

// firstPerson reports "jeg", "mig", "I" or "me" among toks[from..to]: then the citizen is in it.
func (c context) firstPerson(from, to int) bool {
	for i := from; i <= to && i < len(c.toks); i++ {
		switch c.toks[i].canon {
		case "jeg", "mig", "i", "me", "myself", "im", "ive", "id", "ill":
			return true
		}
	}
	return false
}

// askedAbout reports whether the words ending at toks[last] are what a question asks: its question
// mark follows within two words ("er det bare halsbrand?", "is that just heartburn?"), not a
// question about something else later in the sentence ("in hospital with a broken hip, can we
// send her flowers?").
func askedAbout(full string, toks []token, last int) bool {
	rest := full[toks[last].end:]
	q := strings.IndexByte(rest, '?')
	if q < 0 || strings.ContainsAny(rest[:q], ".!\n") {
		return false
	}
	return len(strings.Fields(rest[:q])) <= 2
}

// questionOpens reports whether the sentence or clause holding toks[i] opens as a question does,
// verb first ("er det bare halsbrand", "… feel sick, is that just heartburn", "mon det er
// musklen"): SMS often drop the question mark, and a worry asked about is not over.
func (c context) questionOpens(i int) bool {
	s := i // the start of the clause: the sentence's start or the last comma before i
	for s > 0 && c.sentence[s-1] == c.sentence[i] && !strings.Contains(between(c.full, c.toks[s-1], c.toks[s]), ",") {
		s--
	}
	if s+1 >= len(c.toks) || s+1 > i {
		return false
	}
	first, second := c.toks[s].canon, c.toks[s+1].canon
	if first == "mon" || first == "maybe" || first == "måske" {
		return true
	}
	return questionVerbs[first] && questionSubjects[second]
}

var (
	questionVerbs    = map[string]bool{"er": true, "is": true, "could": true, "can": true, "kan": true, "ka": true, "har": true, "was": true, "var": true, "might": true, "isnt": true, "ku": true, "kunne": true}
	questionSubjects = map[string]bool{"det": true, "that": true, "it": true, "this": true, "der": true, "jeg": true, "i": true, "du": true, "you": true, "den": true}
)

// butNext reports whether the sentence right after the one where toks[last] stands holds toks[i]
// and opens with it, or with "men" or "but".
func (c context) butNext(i, last int) bool {
	if c.sentence[i] != c.sentence[last]+1 || c.toks[i].msg != c.toks[last].msg {
		return false
	}
	open := i
	for open > 0 && c.sentence[open-1] == c.sentence[i] {
		open--
	}
	// "I give up. Will try again tomorrow.": the setting aside itself opens the next sentence.
	return open == i || c.toks[open].canon == "men" || c.toks[open].canon == "but"
}
