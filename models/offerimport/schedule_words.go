package offerimport

import "strings"

// weekdayStems are full day names (ISO numbering); Danish plurals and definite forms
// ("mandage", "mandagen", "mandags") and English plurals ("mondays") are recognised from them.
var weekdayStems = map[string]int{
	"mandag": 1, "tirsdag": 2, "onsdag": 3, "torsdag": 4, "fredag": 5, "lørdag": 6, "søndag": 7,
	"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}

var weekdaySuffixes = []string{"", "e", "en", "ene", "s"}

// weekdayAbbreviations as directories write them, with or without a dot.
var weekdayAbbreviations = map[string]int{
	"man": 1, "tir": 2, "tirs": 2, "ons": 3, "tor": 4, "tors": 4, "fre": 5, "lør": 6, "søn": 7,
	"mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
}

// weekdaySets are words that stand for several days.
var weekdaySets = map[string][]int{
	"hverdag": {1, 2, 3, 4, 5}, "hverdage": {1, 2, 3, 4, 5}, "weekdays": {1, 2, 3, 4, 5},
	"weekend": {6, 7}, "weekenden": {6, 7}, "weekender": {6, 7}, "weekends": {6, 7},
	"dagligt": {1, 2, 3, 4, 5, 6, 7}, "daily": {1, 2, 3, 4, 5, 6, 7},
}

// scheduleNoise are words that connect or decorate a schedule without changing it.
var scheduleNoise = map[string]bool{
	"kl": true, "klokken": true, "fra": true, "from": true, "hver": true, "every": true, "each": true,
	"og": true, "and": true, "samt": true, "eller": true, "or": true, "om": true, "on": true, "at": true,
	"den": true, "d": true, "alle": true, "ugentlig": true, "ugentligt": true, "weekly": true, "i": true,
	"til": true, "to": true, "until": true, "through": true, "thru": true,
}

// ambiguousAbbreviations are also ordinary words ("man kan komme" is "one can come"): they count
// as a weekday only when not followed by an ordinary word.
var ambiguousAbbreviations = map[string]bool{"man": true}

// classifyScheduleWord classifies the word matches[i][0]; its neighbours settle "man" and
// "hver dag".
func classifyScheduleWord(matches [][]string, i int) schedTok {
	word := strings.TrimSuffix(matches[i][0], ".")
	switch {
	case word == "til" || word == "to" || word == "through" || word == "thru":
		return schedTok{kind: tokLink}
	case scheduleNoise[word]:
		return schedTok{kind: tokNoise}
	case weekdaySets[word] != nil:
		return schedTok{kind: tokDays, days: weekdaySets[word]}
	case isDayWord(word) && i > 0 && isEveryWord(matches[i-1][0]):
		return schedTok{kind: tokDays, days: weekdaySets["dagligt"]}
	}
	if d, ok := weekdayAbbreviations[word]; ok {
		if ambiguousAbbreviations[word] && !strings.HasSuffix(matches[i][0], ".") && i+1 < len(matches) && isOrdinaryWord(matches[i+1][0]) {
			return schedTok{kind: tokOther}
		}
		return schedTok{kind: tokDays, days: []int{d}}
	}
	if d, ok := weekdayOf(word); ok {
		return schedTok{kind: tokDays, days: []int{d}}
	}
	return schedTok{kind: tokOther}
}

func weekdayOf(word string) (int, bool) {
	for _, suffix := range weekdaySuffixes {
		if d, ok := weekdayStems[strings.TrimSuffix(word, suffix)]; ok && strings.HasSuffix(word, suffix) {
			return d, true
		}
	}
	return 0, false
}

func isDayWord(w string) bool { return w == "dag" || w == "dage" || w == "day" || w == "days" }

func isEveryWord(w string) bool { return w == "hver" || w == "alle" || w == "every" || w == "each" }

// isOrdinaryWord reports whether a token is a word that is not part of a schedule's vocabulary.
func isOrdinaryWord(tok string) bool {
	w := strings.TrimSuffix(tok, ".")
	if w == "" || w[0] >= '0' && w[0] <= '9' || w == "-" || scheduleNoise[w] || weekdaySets[w] != nil {
		return false
	}
	if _, ok := weekdayAbbreviations[w]; ok {
		return false
	}
	_, day := weekdayOf(w)
	return !day
}
