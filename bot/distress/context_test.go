package distress

import (
	"strings"
	"testing"
)

// TestAssess_Context: what takes the alarm out of any rule — a laugh, a time long past, a worry
// that is over, a correction, a story, someone else's low mood — and what never does.
func TestAssess_Context(t *testing.T) {
	d := load(t)
	for _, c := range []struct {
		text string
		want Level
	}{
		// A known word is not a typo of an alarm word.
		{"What time does the cooking community start on thursday?", None},
		{"chokking, kan ikke få luft", Emergency},
		// A laugh.
		{"heart attack when i saw the electricity bill 😂", None},
		{"omg det var vildt sjovt, jeg grinede så jeg var ved at dø", None},
		{"har samlet alle mine piller og tager dem i aften haha", Emergency}, // a plan is never laughed away
		// A laugh colours its message up to the sentence after it, not a despair told further on.
		{"Min bror sagde: jeg er klar til at dø, men ikke før Brøndby vinder. Så han lever vel evigt haha", None},
		{"Haha jobcentret har sendt mig det samme skema tre gange. Jeg tror de prøver at slå mig ihjel med papirarbejde", None},
		{"Grandkids came Sunday and it was chaos but lovely 😂 Then they left and the house went quiet. We had cake. Honestly I'm so lonely I can barely stand it", Distress},
		// A time long past, unless the match says now.
		{"jeg havde en depression for 20 år siden, så jeg ved hvor vigtigt det er at komme ud", None},
		{"Erik døde for et år siden i dag. Jeg skal op til ham i nat", Emergency},
		// A worry that is over.
		{"Trykket i brystet var bare halsbrand, lægen tjekkede mig i går. Jeg er fin", None},
		// A hospital stay or an "all good" in a later SMS does not settle a fall or violence; another
		// person's hospital stay does not settle the writer's chest pain.
		{"jeg er faldet || kan ikke rejse mig, min mand er på sygehuset", Emergency},
		{"I fell over || can't get up. husband is in hospital", Emergency},
		{"he hits me every night || all good", Emergency},
		{"My husband is in hospital and now I have crushing chest pain and I can't breathe", Emergency},
		// A laugh lowers a body scare only in its own sentence.
		{"Jeg har voldsomme smerter i brystet og kan ikke få luft. Min mand er ude. Barnebarnet sendte lige en sjov video haha", Emergency},
		// A guess is not a finding.
		{"My chest has been tight all afternoon, it's going down my left arm and into my jaw. Probably just indigestion isn't it", Emergency},
		{"det trykker i brystet og stråler ud i armen, det er sikkert bare halsbrand", Emergency},
		// A correction, and one that takes the message back.
		{"jeg mente ikke ondt i brystet, jeg mente ondt i ryggen", None},
		// A story about it.
		{"the film last night about the man who wanted to die but then found friends", None},
		// Someone else's low mood; someone else's danger stays an emergency.
		{"min veninde Lis har det svært med sin mand", None},
		{"hjælp mig min kone svarer ikke og ligger på gulvet", Emergency},
		// A negation does not reach into an earlier sentence.
		{"nej det passer ikke. jeg har skåret mig i nat", Emergency},
		// A guard denied as the purpose guards nothing.
		{"Købte reb i Bauhaus i dag. Det er ikke til flagstangen", Emergency},
		{"jeg har lige købt reb til at binde tomaterne op", None},
		// Treatment words said as history or a topic, unless the message says now.
		{"jeg har været fri for selvskade i tre år nu og er stolt af det", None},
		{"min læge spurgte om selvmordstanker og jeg sagde nej", None},
		{"vi samler ind til selvmordsforebyggelse på lørdag, vil du give en skilling?", None},
		{"jeg har været fri for selvskade i tre år, men i nat skar jeg mig igen", Emergency},
		{"jeg vil ikke leve mere, jeg kan ikke engang følge jeres kursus", Emergency},
		// Readings, devices and a relative at risk (data/families_ijk.json).
		{"sukkeret er helt nede og jeg ryster og sveder", Emergency},
		{"far svarer ikke i telefonen og han har hjertesvigt og bor alene", Emergency},
		{"har stoppet insulinen med vilje, jeg vil ikke mere", Emergency},
		// Going to God at a set time is a plan; church tomorrow is not.
		{"jeg går til Vorherre i nat", Emergency},
		{"jeg går i kirke i morgen, Gud velsigne jer alle", None},
	} {
		if got := d.AssessAll(strings.Split(c.text, " || ")); got.Level != c.want {
			t.Errorf("%q = %s (%s), want %s", c.text, got.Level, got.Explain("en"), c.want)
		}
	}
}

// TestExplain_Families: a rule by meaning is explained like any other, with its category and the
// citizen's words.
func TestExplain_Families(t *testing.T) {
	d := load(t)
	for _, c := range []struct{ text, want string }{
		{"gave my dog to my friend today || you wont hear from me again", `Farewell: "`},
		{"I'm at the bridge", `Suicide plan or means: "I'm at the bridge"`},
		{"min mand tager kvælertag på mig når han er fuld", `Violence or threats: "`},
		{"Jeg har slået hovedet mod væggen igen", `Self-harm: "`},
	} {
		a := d.AssessAll(strings.Split(c.text, " || "))
		if a.Level != Emergency || !strings.Contains(a.Explain("en"), c.want) {
			t.Errorf("%q = %s, Explain(en) = %s, want it to contain %s", c.text, a.Level, a.Explain("en"), c.want)
		}
		if da := a.Explain("da"); da == "" || strings.Contains(da, "_") {
			t.Errorf("%q: Explain(da) = %q, want a Danish category label", c.text, da)
		}
	}
}
