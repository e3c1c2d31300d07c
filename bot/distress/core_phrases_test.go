package distress

import "testing"

// TestCorePhrases_NoContinuationTakesThemAway puts the plainest ways of saying a suicide plan in
// front of the plain things people add to them (a time, a place, who is away, a kind word), and
// wants every combination heard as an emergency. An idiom exception that reaches past its own words
// ("hænger mig i detaljer", "det tager livet af mig at vente") must never swallow "jeg hænger mig i
// aften" or "jeg tager livet af mig når børnene er hos deres far".
func TestCorePhrases_NoContinuationTakesThemAway(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cores := []string{
		"jeg hænger mig", "jeg tager livet af mig", "jeg slår mig selv ihjel", "jeg tager alle mine piller",
		"jeg springer ud foran toget", "jeg vil dø", "jeg gør en ende på det",
		"i am going to kill myself", "i will hang myself", "im going to end my life", "i will take all my pills",
	}
	tails := []string{
		"", " i aften", " i nat", " i morgen tidlig", " i weekenden når børnene er hos deres far",
		" når han er gået", " når hjemmeplejen har været her", ". det er ikke din skyld", " med pillerne",
		" tonight", " at the weekend when the kids are at their dads", " when he has gone to work",
		". its not your fault", " after the carer has been",
	}
	for _, c := range cores {
		for _, tail := range tails {
			for _, text := range []string{c + tail, "Jeg har besluttet mig. " + c + tail} {
				if a := d.Assess(text); a.Level != Emergency {
					t.Errorf("%q heard as %s: %s", text, a.Level, a.Explain("en"))
				}
			}
		}
	}
}

// TestCorePhrases_BodyAndViolenceKeepTheirAlarm does the same for the plainest acute medical
// emergencies and the plainest violence against the writer: the idiom exceptions written for
// "the garden is killing me", "hænge i rebet", "plaster på", "ondt i brystet når jeg spiser" and
// their kind must never reach these.
func TestCorePhrases_BodyAndViolenceKeepTheirAlarm(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cores := []string{
		"jeg er faldet og kan ikke komme op", "jeg har frygtelig ondt i brystet", "jeg kan ikke få vejret",
		"min arm er følelsesløs og jeg kan ikke tale ordentligt", "jeg bløder meget og det stopper ikke",
		"i have fallen and cant get up", "i have a crushing pain in my chest", "i cant breathe",
		"min søn slår mig", "han truer med at slå mig ihjel", "han truer mig med en kniv", "han står udenfor døren og truer mig",
		"my husband is hitting me", "he says he will kill me", "someone is trying to break in",
	}
	tails := []string{
		"", " i aften", " lige nu", ". hvad skal jeg gøre", " og jeg er alene", ". hjælp", " på trappen",
		" i køkkenet", ". det er ikke din skyld", " efter gåturen", " igen", " right now", ". what do i do",
		" and im alone", " on the stairs", " in the kitchen", " after the walk", " again", ". please help",
	}
	for _, c := range cores {
		for _, tail := range tails {
			for _, text := range []string{c + tail, "Undskyld jeg skriver. " + c + tail, "Sorry to bother you. " + c + tail} {
				if a := d.Assess(text); a.Level != Emergency {
					t.Errorf("%q heard as %s: %s", text, a.Level, a.Explain("en"))
				}
			}
		}
	}
}
