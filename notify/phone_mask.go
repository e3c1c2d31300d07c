package notify

import "strings"

// maskPhone hides all but the last two digits of a number for logs ("*********56"): enough to
// tell two citizens apart in an incident, too little to contact anyone.
func maskPhone(phone string) string {
	if len(phone) <= 2 {
		return strings.Repeat("*", len(phone))
	}
	return strings.Repeat("*", len(phone)-2) + phone[len(phone)-2:]
}

// minNumberDigits is the shortest digit run taken for a phone number; Twilio's five-digit error
// codes and three-digit HTTP statuses stay readable.
const minNumberDigits = 6

// scrubNumbers masks every phone-number-like run (an optional "+" and at least minNumberDigits
// digits) in a carrier message, since Twilio echoes the recipient ("The 'To' number +45… is not
// a valid phone number.") and such messages are logged.
func scrubNumbers(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); {
		end := i
		if text[end] == '+' {
			end++
		}
		digitsStart := end
		for end < len(text) && text[end] >= '0' && text[end] <= '9' {
			end++
		}
		if end-digitsStart >= minNumberDigits {
			b.WriteString(maskPhone(text[i:end]))
			i = end
			continue
		}
		b.WriteByte(text[i])
		i++
	}
	return b.String()
}
