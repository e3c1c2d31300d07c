package medcom

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Party is one end of an outgoing message: an organization with its SOR and GLN, and the
// endpoint the message header names.
type Party struct {
	Org
	Endpoint string
}

// partyFor makes an endpoint from the SOR code when none is known.
func partyFor(o Org, endpoint string) Party {
	if endpoint == "" && o.SOR != "" {
		endpoint = sorEndpointPrefix + o.SOR
	}
	return Party{Org: o, Endpoint: endpoint}
}

// builder assembles one outgoing Bundle; every fullUrl is urn:uuid, as the Messaging guide allows.
type builder struct {
	b   bundle
	now time.Time
}

func newBuilder(profile string, now time.Time) *builder {
	return &builder{now: now, b: bundle{ResourceType: "Bundle", ID: uuid.NewString(), Meta: &Meta{Profile: []string{profile}},
		Type: "message", Timestamp: now.Format(time.RFC3339)}}
}

// add appends a resource and returns the reference to it.
func (bd *builder) add(id string, res any) string {
	raw, _ := json.Marshal(res)
	url := "urn:uuid:" + id
	bd.b.Entry = append(bd.b.Entry, entry{FullURL: url, Resource: raw})
	return url
}

func (bd *builder) org(p Party) string {
	o := organization{ResourceType: "Organization", ID: uuid.NewString(), Meta: &Meta{Profile: []string{profileMessagingOrganization}}, Name: p.Name}
	if p.SOR != "" {
		o.Identifier = append(o.Identifier, Identifier{System: systemSOR, Value: p.SOR})
	}
	if p.GLN != "" {
		o.Identifier = append(o.Identifier, Identifier{System: systemGLN, Value: p.GLN})
	}
	return bd.add(o.ID, o)
}

func (bd *builder) json() []byte {
	raw, _ := json.MarshalIndent(bd.b, "", "  ")
	return raw
}

func primary(receiver, endpoint string) []destination {
	return []destination{{Extension: []extension{{URL: extDestinationUse, ValueCoding: &coding{System: systemDestinationUse, Code: "primary"}}},
		Endpoint: endpoint, Receiver: &Reference{Reference: receiver}}}
}

// Ack is an acknowledgement to build: the answer to the message OriginalHeaderID.
type Ack struct {
	OriginalHeaderID string
	Code             AckCode
	Problem          *Problem // required unless Code is ok
	From, To         Party
	Now              time.Time
}

// BuildAcknowledgement builds a MedComAcknowledgementMessage. It returns the Bundle's JSON and
// its MessageHeader id.
func BuildAcknowledgement(a Ack) ([]byte, string) {
	bd := newBuilder(profileAcknowledgementMessage, a.Now)
	headerID := uuid.NewString()
	h := messageHeader{ResourceType: "MessageHeader", ID: headerID, Meta: &Meta{Profile: []string{profileAcknowledgementHeader}},
		EventCoding: &coding{System: systemEventCodes, Code: EventAcknowledgement}}
	headerIdx := len(bd.b.Entry)
	bd.add(headerID, h) // replaced below once the references exist: the header stays first
	sender := bd.org(a.From)
	receiver := bd.org(a.To)
	original := a.OriginalHeaderID
	if original == "" {
		original = "unknown"
	}
	h.Sender = &Reference{Reference: sender}
	h.Source = &source{Endpoint: a.From.Endpoint}
	h.Destination = primary(receiver, a.To.Endpoint)
	h.Response = &response{Identifier: original, Code: string(a.Code)}
	if a.Code != AckOK && a.Problem != nil {
		oo := operationOutcome{ResourceType: "OperationOutcome", ID: uuid.NewString(), Meta: &Meta{Profile: []string{profileAcknowledgementOutcome}},
			Issue: []issue{{Severity: "error", Code: a.Problem.IssueCode, Details: &codeableConcept{Text: a.Problem.Text}}}}
		h.Response.Details = &Reference{Reference: bd.add(oo.ID, oo)}
	}
	prov := provenance{ResourceType: "Provenance", ID: uuid.NewString(), Meta: &Meta{Profile: []string{profileMessagingProvenance}},
		Target: []Reference{{Reference: "urn:uuid:" + headerID}}, OccurredDateTime: a.Now.Format(time.RFC3339), Recorded: a.Now.Format(time.RFC3339),
		Activity: &codeableConcept{Coding: []coding{{System: systemActivityCodes, Code: ActivityReply}}},
		Agent:    []agent{{Who: &Reference{Reference: sender}}}}
	if a.OriginalHeaderID != "" {
		prov.Entity = []provEntity{{Role: "revision", What: Reference{Reference: "MessageHeader/" + a.OriginalHeaderID}}}
	}
	bd.add(prov.ID, prov)
	raw, _ := json.Marshal(h)
	bd.b.Entry[headerIdx].Resource = raw
	return bd.json(), headerID
}

// Reply is a CareCommunication to build: the link worker's answer to the GP's message.
type Reply struct {
	// PreviousHeaderID is the MessageHeader id of the GP's message this answers.
	PreviousHeaderID string
	From, To         Party
	Patient          PatientInfo
	Topic            string
	Text             string
	Author           string // the link worker's name
	Now              time.Time
}

// BuildReply builds a MedComCareCommunicationMessage that replies to the GP's message (Provenance
// activity reply-message, entity role revision naming the previous MessageHeader). It returns the
// JSON and the new MessageHeader id.
func BuildReply(r Reply) ([]byte, string) {
	bd := newBuilder(profileCareCommunicationMessage, r.Now)
	headerID, commID, patientID := uuid.NewString(), uuid.NewString(), uuid.NewString()
	h := messageHeader{ResourceType: "MessageHeader", ID: headerID, Meta: &Meta{Profile: []string{profileCareCommunicationHeader}},
		EventCoding: &coding{System: systemEventCodes, Code: EventCareCommunication}}
	headerIdx := len(bd.b.Entry)
	bd.add(headerID, h)
	pt := Patient{ResourceType: "Patient", ID: patientID, Meta: &Meta{Profile: []string{profileCorePatient}},
		Identifier: []Identifier{{System: systemCPR, Value: r.Patient.CPR}}}
	if name := strings.TrimSpace(r.Patient.Name); name != "" {
		fields := strings.Fields(name)
		pt.Name = []HumanName{{Use: "official", Family: fields[len(fields)-1], Given: fields[:len(fields)-1]}}
	}
	patientRef := bd.add(patientID, pt)
	sender := bd.org(r.From)
	receiver := bd.org(r.To)
	payloadID := "urn:uuid:" + uuid.NewString()
	comm := communication{ResourceType: "Communication", ID: commID, Meta: &Meta{Profile: []string{profileCareCommunication}},
		Identifier: []Identifier{{Value: "urn:uuid:" + uuid.NewString()}}, Status: "unknown",
		Category: []codeableConcept{{Coding: []coding{{System: systemCategoryCodes, Code: "other"}}}},
		Subject:  &Reference{Reference: patientRef}, Topic: &codeableConcept{Text: r.Topic},
		Payload: []payload{{ContentString: r.Text, Extension: []extension{
			{URL: extPayloadDateTime, ValueDateTime: r.Now.Format(time.RFC3339)},
			{URL: extPayloadIdentifier, ValueIdentifier: &Identifier{Value: payloadID, Assigner: &Reference{Reference: sender}}},
		}}}}
	commRef := bd.add(commID, comm)
	prov := provenance{ResourceType: "Provenance", ID: uuid.NewString(), Meta: &Meta{Profile: []string{profileCareCommunicationProv}},
		Target: []Reference{{Reference: "urn:uuid:" + headerID}}, OccurredDateTime: r.Now.Format(time.RFC3339), Recorded: r.Now.Format(time.RFC3339),
		Activity: &codeableConcept{Coding: []coding{{System: systemActivityCodes, Code: ActivityReply}}},
		Agent:    []agent{{Who: &Reference{Reference: sender}}},
		Entity: []provEntity{{Role: "revision", What: Reference{Reference: "MessageHeader/" + r.PreviousHeaderID}},
			{Role: "source", What: Reference{Identifier: &Identifier{Value: payloadID}}}}}
	bd.add(prov.ID, prov)
	h.Sender = &Reference{Reference: sender}
	h.Source = &source{Endpoint: r.From.Endpoint}
	h.Destination = primary(receiver, r.To.Endpoint)
	h.Focus = []Reference{{Reference: commRef}}
	raw, _ := json.Marshal(h)
	bd.b.Entry[headerIdx].Resource = raw
	return bd.json(), headerID
}

// NewParty is a message end from an organization, its endpoint derived from the SOR code when
// the message did not name one.
func NewParty(o Org, endpoint string) Party { return partyFor(o, endpoint) }

// Acknowledgement is a received acknowledgement, read.
type Acknowledgement struct {
	Envelope
	// Answers is the MessageHeader id of the message acknowledged.
	Answers string
	Code    AckCode
	Reason  string
}

// ReadAcknowledgement reads raw as an acknowledgement message.
func ReadAcknowledgement(raw []byte) (*Acknowledgement, *Problem) {
	b, h, p := decodeBundle(raw)
	a := &Acknowledgement{}
	if h != nil {
		a.Envelope = envelope(b, h)
	}
	if p != nil {
		return a, p
	}
	if h.EventCoding.Code != EventAcknowledgement {
		return a, problem("not-supported", "This is not an acknowledgement-message.")
	}
	if h.Response == nil || h.Response.Identifier == "" {
		return a, problem("required", "The acknowledgement's MessageHeader has no response.identifier.")
	}
	a.Answers, a.Code = h.Response.Identifier, AckCode(h.Response.Code)
	switch a.Code {
	case AckOK, AckTransientError, AckFatalError:
	default:
		return a, problem("value", "The response code %q is not ok, transient-error or fatal-error.", h.Response.Code)
	}
	var oo operationOutcome
	if h.Response.Details != nil && newIndex(b).resolve(h.Response.Details, &oo) {
		for _, is := range oo.Issue {
			if is.Details != nil && is.Details.Text != "" {
				a.Reason = is.Details.Text
			} else if is.Diagnostics != "" {
				a.Reason = is.Diagnostics
			}
		}
	}
	return a, nil
}

// Event reads only the message's event code, to route it (care communication or acknowledgement).
func Event(raw []byte) (string, *Problem) {
	_, h, p := decodeBundle(raw)
	if p != nil {
		return "", p
	}
	return h.EventCoding.Code, nil
}

// EnvelopeOf reads what can be read of raw's sender and receiver (for refused messages).
func EnvelopeOf(raw []byte) Envelope {
	b, h, _ := decodeBundle(raw)
	if b == nil || h == nil {
		return Envelope{}
	}
	return envelope(b, h)
}

// Gateway hands a MedCom message to the network: a file for the gateway to pick up, or an HTTP
// POST. name is the message's MessageHeader id (one file per message).
type Gateway interface {
	Deliver(ctx context.Context, name string, raw []byte) error
}
