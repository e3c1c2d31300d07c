package medcom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Problem is why an incoming message is refused; it becomes the negative acknowledgement's
// OperationOutcome. IssueCode is a FHIR issue-type code (structure, required, value, …).
type Problem struct {
	IssueCode string
	Text      string
}

func (p *Problem) Error() string { return p.Text }

func problem(code, format string, args ...any) *Problem {
	return &Problem{IssueCode: code, Text: fmt.Sprintf(format, args...)}
}

// Envelope is what can be read from a message even when its content is refused: enough to
// address the acknowledgement and to recognise a second delivery.
type Envelope struct {
	BundleID     string
	HeaderID     string
	Event        string
	SenderSOR    string
	SenderGLN    string
	SenderName   string
	SenderURL    string // source.endpoint
	ReceiverSOR  string
	ReceiverGLN  string
	ReceiverName string
}

// Org is an organization's name and identifiers.
type Org struct {
	Name string
	SOR  string
	GLN  string
}

// bundleIndex resolves references inside one Bundle.
type bundleIndex struct {
	byURL map[string]json.RawMessage
	heads map[string]resourceHead
}

func newIndex(b *bundle) bundleIndex {
	ix := bundleIndex{byURL: map[string]json.RawMessage{}, heads: map[string]resourceHead{}}
	for _, e := range b.Entry {
		var h resourceHead
		if json.Unmarshal(e.Resource, &h) != nil {
			continue
		}
		keys := []string{}
		if e.FullURL != "" {
			keys = append(keys, e.FullURL)
		}
		if h.ResourceType != "" && h.ID != "" {
			keys = append(keys, h.ResourceType+"/"+h.ID, "urn:uuid:"+h.ID)
		}
		for _, k := range keys {
			ix.byURL[k] = e.Resource
			ix.heads[k] = h
		}
	}
	return ix
}

// resolve finds a referenced resource: by full URL, by "Type/id" (the tail of an absolute URL
// or a relative reference), or by urn:uuid. Vendors use all three.
func (ix bundleIndex) resolve(ref *Reference, into any) bool {
	if ref == nil || ref.Reference == "" {
		return false
	}
	r := ref.Reference
	raw, ok := ix.byURL[r]
	if !ok {
		parts := strings.Split(strings.TrimRight(r, "/"), "/")
		if len(parts) >= 2 {
			raw, ok = ix.byURL[parts[len(parts)-2]+"/"+parts[len(parts)-1]]
		}
	}
	if !ok {
		return false
	}
	return json.Unmarshal(raw, into) == nil
}

// ofType decodes every resource of a type.
func ofType[T any](b *bundle, typ string) []T {
	var out []T
	for _, e := range b.Entry {
		var h resourceHead
		if json.Unmarshal(e.Resource, &h) != nil || h.ResourceType != typ {
			continue
		}
		var v T
		if json.Unmarshal(e.Resource, &v) == nil {
			out = append(out, v)
		}
	}
	return out
}

// decodeBundle reads the JSON and checks the Bundle's shape common to every MedCom message.
func decodeBundle(raw []byte) (*bundle, *messageHeader, *Problem) {
	var b bundle
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&b); err != nil {
		return nil, nil, problem("structure", "The message is not valid JSON: %v.", err)
	}
	if b.ResourceType != "Bundle" {
		return &b, nil, problem("structure", "The message must be a FHIR Bundle, not %q.", b.ResourceType)
	}
	if len(b.Entry) == 0 {
		return &b, nil, problem("required", "The Bundle has no entries.")
	}
	var h messageHeader
	if err := json.Unmarshal(b.Entry[0].Resource, &h); err != nil || h.ResourceType != "MessageHeader" {
		return &b, nil, problem("structure", "The first entry of a message Bundle must be its MessageHeader.")
	}
	if b.Type != "message" {
		return &b, &h, problem("value", "The Bundle's type must be message, not %q.", b.Type)
	}
	if h.ID == "" {
		return &b, &h, problem("required", "The MessageHeader has no id.")
	}
	if h.EventCoding == nil || h.EventCoding.Code == "" {
		return &b, &h, problem("required", "The MessageHeader has no eventCoding.")
	}
	return &b, &h, nil
}

// envelope reads sender and receiver from a header, as far as they resolve.
func envelope(b *bundle, h *messageHeader) Envelope {
	env := Envelope{BundleID: b.ID, HeaderID: h.ID}
	if h.EventCoding != nil {
		env.Event = h.EventCoding.Code
	}
	if h.Source != nil {
		env.SenderURL = h.Source.Endpoint
	}
	ix := newIndex(b)
	var o organization
	if ix.resolve(h.Sender, &o) {
		org := orgOf(o)
		env.SenderSOR, env.SenderGLN, env.SenderName = org.SOR, org.GLN, org.Name
	}
	if d := primaryDestination(h); d != nil {
		var r organization
		if ix.resolve(d.Receiver, &r) {
			org := orgOf(r)
			env.ReceiverSOR, env.ReceiverGLN, env.ReceiverName = org.SOR, org.GLN, org.Name
		}
	}
	return env
}

func orgOf(o organization) Org {
	out := Org{Name: strings.TrimSpace(o.Name)}
	for _, id := range o.Identifier {
		switch id.System {
		case systemSOR:
			out.SOR = strings.TrimSpace(id.Value)
		case systemGLN:
			out.GLN = strings.TrimSpace(id.Value)
		}
	}
	return out
}

// primaryDestination is the destination marked primary, or the only one.
func primaryDestination(h *messageHeader) *destination {
	for i, d := range h.Destination {
		for _, e := range d.Extension {
			if e.URL == extDestinationUse && e.ValueCoding != nil && e.ValueCoding.Code == "primary" {
				return &h.Destination[i]
			}
		}
	}
	if len(h.Destination) >= 1 {
		return &h.Destination[0]
	}
	return nil
}

func hasProfile(m *Meta, profile string) bool {
	if m == nil {
		return false
	}
	return slices.ContainsFunc(m.Profile, func(p string) bool {
		// A profile may carry a version ("…|4.0.0").
		return p == profile || strings.HasPrefix(p, profile+"|")
	})
}
