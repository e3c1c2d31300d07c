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
