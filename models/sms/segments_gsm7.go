package sms

// gsm7Septets reports how many septets r occupies in the GSM 03.38 default
// alphabet (3GPP TS 23.038 §6.2.1): 1 for the basic table, 2 for the
// extension table (an ESC septet plus the character), and ok=false when r
// cannot be sent as GSM-7 at all and the whole message must fall back to
// UCS-2.
//
// The tables are written as switch cases rather than a map so they cannot be
// mutated at run time and need no initialisation.
func gsm7Septets(r rune) (septets int, ok bool) {
	if isGSM7Basic(r) {
		return 1, true
	}
	if isGSM7Extension(r) {
		return 2, true
	}
	return 0, false
}

// isGSM7Basic reports whether r is one of the 127 printable characters of
// the GSM 03.38 basic table (the 128th code, 0x1B, is the escape to the
// extension table and has no character of its own).
func isGSM7Basic(r rune) bool {
	switch {
	case r >= 'A' && r <= 'Z', r >= 'a' && r <= 'z', r >= '0' && r <= '9':
		return true
	}
	switch r {
	// 0x00-0x0F. 0x09 is the capital Ç as in the ETSI table; the lowercase ç
	// is not GSM-7, so counting it as UCS-2 errs towards more segments.
	case '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å':
		return true
	// 0x10-0x1F, without 0x1B (escape): only the Greek capitals that do not
	// look like Latin ones have codes of their own.
	case 'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', 'Æ', 'æ', 'ß', 'É':
		return true
	// 0x20-0x3F minus the digits. 0x24 is the currency sign ¤, not '$'.
	case ' ', '!', '"', '#', '¤', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/',
		':', ';', '<', '=', '>', '?':
		return true
	// 0x40-0x7F minus the Latin letters.
	case '¡', 'Ä', 'Ö', 'Ñ', 'Ü', '§', '¿', 'ä', 'ö', 'ñ', 'ü', 'à':
		return true
	}
	return false
}

// isGSM7Extension reports whether r is in the GSM 03.38 extension table,
// reached through the escape septet 0x1B, so it costs two septets.
func isGSM7Extension(r rune) bool {
	switch r {
	case '\f', '^', '{', '}', '\\', '[', '~', ']', '|', '€':
		return true
	}
	return false
}
