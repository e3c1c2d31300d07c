package research

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
)

// CodebookInfo is what the codebook says about one export besides its columns.
type CodebookInfo struct {
	GeneratedAt time.Time
	// From and To are the referral dates the export covers ("" when open-ended).
	From, To string
	// Format and Rows describe the export file written with the codebook; an empty Format (the
	// API's codebook, asked for on its own) leaves them out.
	Format      Format
	Rows        int
	Instruments []InstrumentVersion
	TimeZone    string
}

// withdrawalNote is how the export handles a withdrawn research consent; the codebook and the
// README say it in the same words.
const withdrawalNote = "Only citizens who gave research consent on the referral and have not withdrawn it are exported. " +
	"A citizen can withdraw at any time: in the app (POST /v1/me/research-consent/withdraw), by SMS " +
	"(FORSKNING STOP or RESEARCH STOP) or through their link worker (POST /v1/citizens/{id}/research-consent/withdraw). " +
	"The moment and the channel are recorded. Every export made after the withdrawal leaves the citizen out entirely; " +
	"exports already delivered are not changed by the service: the research unit is told to delete the study ID's rows " +
	"from its copies as its protocol says (the key file holder can name the withdrawn study IDs)."

// WriteCodebook writes the data dictionary as Markdown: what the file is, how it is
// pseudonymised, the occasions and their windows, withdrawal, and every column with its type,
// values and the instrument version behind it.
func WriteCodebook(w io.Writer, info CodebookInfo) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "# Brobygger research export: codebook\n\n")
	fmt.Fprintf(b, "Generated %s; referrals received %s to %s; days counted in %s.", info.GeneratedAt.UTC().Format(time.RFC3339),
		orOpen(info.From), orOpen(info.To), info.TimeZone)
	if info.Format != "" {
		fmt.Fprintf(b, " Describes the %s file of %d rows written with it.", info.Format, info.Rows)
	}
	fmt.Fprint(b, "\n\n")
	fmt.Fprint(b, "## Rows\n\nOne row per consenting citizen and measurement occasion (three per citizen, whether answered or not). "+
		"Day 0 is the local date the referral was received; every day column counts from it. "+
		"For each instrument the answer nearest the occasion's target day inside its window is used (of two equally near, the earlier); "+
		"an empty cell means no complete answer in the window.\n\n")
	fmt.Fprint(b, "| occasion | target day | window (days, inclusive) |\n|---|---|---|\n")
	for _, o := range Occasions() {
		fmt.Fprintf(b, "| %s | %d | %d to %d |\n", o.Key, o.TargetDay, o.WindowStart, o.WindowEnd)
	}
	fmt.Fprint(b, "\n## Pseudonymisation\n\nNo name, phone number, e-mail, free text, exact date of birth or database ID is in the file, and no calendar date: "+
		"times are days since the referral. study_id and clinic_code are HMAC-SHA256 under the site's RESEARCH_PSEUDONYM_KEY, "+
		"stable across exports made with the same key. The key file that maps study IDs to people is a separate command, "+
		"a separate permission and a separate file, kept by the research unit's data manager.\n\n")
	fmt.Fprintf(b, "## Withdrawal of consent\n\n%s\n\n", withdrawalNote)
	fmt.Fprint(b, "## Instruments\n\n| key | version | name | citation |\n|---|---|---|---|\n")
	for _, iv := range info.Instruments {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", iv.Key, iv.Version, mdCell(iv.Name), mdCell(iv.Citation))
	}
	fmt.Fprint(b, "\nEach answer's own version is in the *_version column; a wording change is a new version, never an edit.\n\n")
	fmt.Fprint(b, "## Columns\n\n| column | type | values | instrument (versions) | description |\n|---|---|---|---|---|\n")
	for _, c := range columns() {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", c.Name, c.Type, mdCell(c.Values), instrumentCell(c.Instrument, info.Instruments), mdCell(c.Description))
	}
	return b.Flush()
}

func instrumentCell(key string, ivs []InstrumentVersion) string {
	if key == "" {
		return ""
	}
	var versions []string
	for _, iv := range ivs {
		if iv.Key == key {
			versions = append(versions, "v"+iv.Version)
		}
	}
	if len(versions) == 0 {
		return key
	}
	return key + " (" + strings.Join(versions, ", ") + ")"
}

func mdCell(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", "/"), "\n", " ") }

func orOpen(s string) string {
	if s == "" {
		return "(open)"
	}
	return s
}
