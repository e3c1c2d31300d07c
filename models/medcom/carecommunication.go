package medcom

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// CareCommunication is a received care communication, read and checked.
type CareCommunication struct {
	Envelope
	Sender       Org
	Receiver     Org
	Sent         time.Time
	Activity     string // new-message, reply-message, forward-message
	Previous     string // the MessageHeader id this message replies to ("" for a new message)
	Patient      PatientInfo
	Practitioner string // the GP's name, when given
	Category     string
	Topic        string
	Priority     string
	Payloads     []PayloadInfo
}

// PatientInfo is what the message says about the patient. CPR is ten digits.
type PatientInfo struct {
	CPR     string
	Name    string
	Address string
	Phones  []string // every phone number given, mobile first when marked
	Mobile  string   // the number marked mobile, or the only phone given
	Email   string
}

// PayloadInfo is one payload: a text or an attachment's description.
type PayloadInfo struct {
	Text       string
	Attachment string // title and content type of an attachment, "" for text
	Author     string
	Date       string
}

var cprPattern = regexp.MustCompile(`^[0-9]{6}-?[0-9]{4}$`)

// ReadCareCommunication reads raw as a CareCommunication message addressed to one of ourSORs.
// The Envelope is filled as far as it could be read, also when a Problem is returned, so the
// negative acknowledgement can be addressed.
func ReadCareCommunication(raw []byte, ourSORs []string) (*CareCommunication, *Problem) {
	b, h, p := decodeBundle(raw)
	cc := &CareCommunication{}
	if h != nil {
		cc.Envelope = envelope(b, h)
	}
	if p != nil {
		return cc, p
	}
	if h.EventCoding.Code != EventCareCommunication {
		return cc, problem("not-supported", "Only care-communication-message is received here, not %q.", h.EventCoding.Code)
	}
	if !hasProfile(b.Meta, profileCareCommunicationMessage) {
		return cc, problem("invalid", "The Bundle's meta.profile must name %s.", profileCareCommunicationMessage)
	}
	if t, err := time.Parse(time.RFC3339, b.Timestamp); err == nil {
		cc.Sent = t
	} else {
		return cc, problem("required", "The Bundle's timestamp is missing or not a date-time with a time zone.")
	}
	ix := newIndex(b)
	var sender, receiver organization
	if !ix.resolve(h.Sender, &sender) {
		return cc, problem("required", "The MessageHeader's sender does not point at an Organization in the Bundle.")
	}
	dest := primaryDestination(h)
	if dest == nil || !ix.resolve(dest.Receiver, &receiver) {
		return cc, problem("required", "The MessageHeader's primary destination does not point at an Organization in the Bundle.")
	}
	cc.Sender, cc.Receiver = orgOf(sender), orgOf(receiver)
	if cc.Sender.SOR == "" {
		return cc, problem("required", "The sender Organization has no SOR identifier (%s).", systemSOR)
	}
	if !slices.Contains(ourSORs, cc.Receiver.SOR) {
		return cc, problem("business-rule", "The message is addressed to SOR %q, which is not this receiver.", cc.Receiver.SOR)
	}
	var comm communication
	if len(h.Focus) == 0 || !ix.resolve(&h.Focus[0], &comm) || comm.ResourceType != "Communication" {
		return cc, problem("required", "The MessageHeader's focus does not point at a Communication in the Bundle.")
	}
	if pp := cc.readPatient(ix, &comm); pp != nil {
		return cc, pp
	}
	if pp := cc.readCommunication(ix, &comm); pp != nil {
		return cc, pp
	}
	cc.readProvenance(b, h)
	return cc, nil
}

func (cc *CareCommunication) readPatient(ix bundleIndex, comm *communication) *Problem {
	var pt Patient
	if !ix.resolve(comm.Subject, &pt) || pt.ResourceType != "Patient" {
		return problem("required", "The Communication's subject does not point at a Patient in the Bundle.")
	}
	for _, id := range pt.Identifier {
		if id.System == systemCPR {
			cc.Patient.CPR = strings.ReplaceAll(strings.TrimSpace(id.Value), "-", "")
		}
	}
	if cc.Patient.CPR == "" || !cprPattern.MatchString(cc.Patient.CPR) {
		return problem("required", "The Patient has no CPR number (%s) of ten digits.", systemCPR)
	}
	cc.Patient.Name = nameOf(pt.Name)
	if cc.Patient.Name == "" {
		return problem("required", "The Patient has no name.")
	}
	for _, t := range pt.Telecom {
		v := strings.TrimSpace(t.Value)
		switch t.System {
		case "phone", "sms":
			if t.Use == "mobile" || t.System == "sms" {
				cc.Patient.Mobile = v
				cc.Patient.Phones = append([]string{v}, cc.Patient.Phones...)
			} else {
				cc.Patient.Phones = append(cc.Patient.Phones, v)
			}
		case "email":
			cc.Patient.Email = v
		}
	}
	if cc.Patient.Mobile == "" && len(cc.Patient.Phones) == 1 {
		// One unmarked number: it may be a mobile; sending to it tells (Twilio 21614).
		cc.Patient.Mobile = cc.Patient.Phones[0]
	}
	if len(pt.Address) > 0 {
		cc.Patient.Address = addressOf(pt.Address[0])
	}
	return nil
}

func (cc *CareCommunication) readCommunication(ix bundleIndex, comm *communication) *Problem {
	if !hasProfile(comm.Meta, profileCareCommunication) {
		return problem("invalid", "The Communication's meta.profile must name %s.", profileCareCommunication)
	}
	for _, c := range comm.Category {
		for _, cd := range c.Coding {
			if cc.Category == "" {
				cc.Category = cd.Code
			}
		}
	}
	if cc.Category == "" {
		return problem("required", "The Communication has no category.")
	}
	if comm.Topic != nil {
		cc.Topic = strings.TrimSpace(comm.Topic.Text)
	}
	cc.Priority = comm.Priority
	for _, p := range comm.Payload {
		pi := PayloadInfo{Text: strings.TrimSpace(p.ContentString)}
		if a := p.ContentAttachment; a != nil {
			pi.Attachment = strings.TrimSpace(strings.TrimSpace(a.Title) + " (" + a.ContentType + ")")
		}
		for _, e := range p.Extension {
			switch {
			case e.URL == extPayloadDateTime || strings.HasSuffix(e.URL, "datetime-extension"):
				pi.Date = e.ValueDateTime
			case strings.HasSuffix(e.URL, "author-extension") && e.ValueReference != nil:
				pi.Author = cc.authorName(ix, e.ValueReference)
				if cc.Practitioner == "" {
					cc.Practitioner = pi.Author
				}
			}
		}
		if pi.Text != "" || pi.Attachment != "" {
			cc.Payloads = append(cc.Payloads, pi)
		}
	}
	if len(cc.Payloads) == 0 {
		return problem("required", "The Communication has no payload.")
	}
	return nil
}

// authorName follows a payload author to a PractitionerRole's Practitioner (or a Practitioner).
func (cc *CareCommunication) authorName(ix bundleIndex, ref *Reference) string {
	var role practitionerRole
	if ix.resolve(ref, &role) && role.ResourceType == "PractitionerRole" {
		var p Practitioner
		if ix.resolve(role.Practitioner, &p) {
			return nameOf(p.Name)
		}
		return ""
	}
	var p Practitioner
	if ix.resolve(ref, &p) && p.ResourceType == "Practitioner" {
		return nameOf(p.Name)
	}
	return ""
}

// readProvenance finds the Provenance that targets this message's header: its activity, and for
// a reply the previous message's MessageHeader id.
func (cc *CareCommunication) readProvenance(b *bundle, h *messageHeader) {
	cc.Activity = ActivityNew
	for _, p := range ofType[provenance](b, "Provenance") {
		if len(p.Target) == 0 || lastID(p.Target[0].Reference) != h.ID {
			continue
		}
		if p.Activity != nil && len(p.Activity.Coding) > 0 {
			cc.Activity = p.Activity.Coding[0].Code
		}
		for _, e := range p.Entity {
			if e.Role == "revision" && e.What.Reference != "" {
				cc.Previous = lastID(e.What.Reference)
			}
		}
	}
}

func lastID(ref string) string {
	ref = strings.TrimPrefix(ref, "urn:uuid:")
	if i := strings.LastIndex(ref, "/"); i >= 0 {
		return ref[i+1:]
	}
	return ref
}

func nameOf(names []HumanName) string {
	for _, n := range names {
		if t := strings.TrimSpace(n.Text); t != "" {
			return t
		}
		full := strings.TrimSpace(strings.Join(append(append([]string{}, n.Given...), n.Family), " "))
		if full != "" {
			return full
		}
	}
	return ""
}

func addressOf(a Address) string {
	if t := strings.TrimSpace(a.Text); t != "" {
		return t
	}
	parts := append([]string{}, a.Line...)
	if city := strings.TrimSpace(a.PostalCode + " " + a.City); city != "" {
		parts = append(parts, city)
	}
	return strings.Join(parts, ", ")
}
