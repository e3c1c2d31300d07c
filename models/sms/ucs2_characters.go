package sms

// UCS2Characters lists, once each and in the order they first appear, the characters of body
// that GSM-7 cannot hold: any one of them turns the whole SMS into UCS-2 (70 characters per
// segment instead of 160). The link worker sees them named, so an en dash or a curly quote
// pasted from a letter can be swapped for a plain one.
func UCS2Characters(body string) []string {
	var out []string
	seen := map[rune]bool{}
	for _, r := range body {
		if _, ok := gsm7Septets(r); ok || seen[r] {
			continue
		}
		seen[r] = true
		out = append(out, string(r))
	}
	return out
}

// GSM7Alphabet returns every character of the GSM 03.38 basic table and of its extension
// table (each costing two septets). The dashboard's live counter gets them from here, so the
// browser and the server count alike.
func GSM7Alphabet() (basic, extension string) {
	var b, e []rune
	// The tables hold Latin-1 letters, a few Greek capitals and the euro sign; nothing lies
	// above U+20AC.
	for r := rune(0); r <= 0x20AC; r++ {
		switch n, ok := gsm7Septets(r); {
		case ok && n == 1:
			b = append(b, r)
		case ok && n == 2:
			e = append(e, r)
		}
	}
	return string(b), string(e)
}
