package medcom

import "encoding/json"

// Bundle is a FHIR R4 Bundle as far as MedCom messages use it.
type Bundle struct {
	ResourceType string  `json:"resourceType"`
	ID           string  `json:"id,omitempty"`
	Meta         *Meta   `json:"meta,omitempty"`
	Type         string  `json:"type"`
	Timestamp    string  `json:"timestamp,omitempty"`
	Entry        []Entry `json:"entry"`
}

// Entry is one resource in a Bundle; Resource stays raw until its type is known.
type Entry struct {
	FullURL  string          `json:"fullUrl,omitempty"`
	Resource json.RawMessage `json:"resource"`
}

// Meta carries the profiles a resource claims.
type Meta struct {
	Profile []string `json:"profile,omitempty"`
}

// Coding is a code from a system.
type Coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// CodeableConcept is codings and/or text.
type CodeableConcept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Identifier is a system and value (SOR, GLN, CPR, …).
type Identifier struct {
	System   string     `json:"system,omitempty"`
	Value    string     `json:"value,omitempty"`
	Assigner *Reference `json:"assigner,omitempty"`
}

// Reference points at another resource in the Bundle, or names it by identifier.
type Reference struct {
	Reference  string      `json:"reference,omitempty"`
	Identifier *Identifier `json:"identifier,omitempty"`
}

// Extension is a FHIR extension with the value types MedCom messages use.
type Extension struct {
	URL                  string           `json:"url"`
	ValueCoding          *Coding          `json:"valueCoding,omitempty"`
	ValueDateTime        string           `json:"valueDateTime,omitempty"`
	ValueIdentifier      *Identifier      `json:"valueIdentifier,omitempty"`
	ValueReference       *Reference       `json:"valueReference,omitempty"`
	ValueString          string           `json:"valueString,omitempty"`
	ValueContactPoint    *Contact         `json:"valueContactPoint,omitempty"`
	ValueCodeableConcept *CodeableConcept `json:"valueCodeableConcept,omitempty"`
}

// HumanName is a person's name.
type HumanName struct {
	Use    string   `json:"use,omitempty"`
	Text   string   `json:"text,omitempty"`
	Family string   `json:"family,omitempty"`
	Given  []string `json:"given,omitempty"`
}

// Contact is a telecom contact point (phone, email …).
type Contact struct {
	System string `json:"system,omitempty"`
	Value  string `json:"value,omitempty"`
	Use    string `json:"use,omitempty"`
}

// Address is a postal address.
type Address struct {
	Use        string   `json:"use,omitempty"`
	Text       string   `json:"text,omitempty"`
	Line       []string `json:"line,omitempty"`
	City       string   `json:"city,omitempty"`
	PostalCode string   `json:"postalCode,omitempty"`
	Country    string   `json:"country,omitempty"`
}

// Attachment is a payload's attached document (only its description is kept).
type Attachment struct {
	ContentType string `json:"contentType,omitempty"`
	Title       string `json:"title,omitempty"`
	URL         string `json:"url,omitempty"`
	Data        string `json:"data,omitempty"`
}

// resourceHead reads any resource's type and id.
type resourceHead struct {
	ResourceType string `json:"resourceType"`
	ID           string `json:"id"`
	Meta         *Meta  `json:"meta,omitempty"`
}

// MessageHeader is the first entry of every message.
type MessageHeader struct {
	ResourceType string        `json:"resourceType"`
	ID           string        `json:"id"`
	Meta         *Meta         `json:"meta,omitempty"`
	EventCoding  *Coding       `json:"eventCoding,omitempty"`
	Destination  []Destination `json:"destination,omitempty"`
	Sender       *Reference    `json:"sender,omitempty"`
	Source       *Source       `json:"source,omitempty"`
	Focus        []Reference   `json:"focus,omitempty"`
	Definition   string        `json:"definition,omitempty"`
	Response     *Response     `json:"response,omitempty"`
}

// Destination is a receiver of the message (primary or cc, by extension).
type Destination struct {
	Extension []Extension `json:"extension,omitempty"`
	Endpoint  string      `json:"endpoint,omitempty"`
	Receiver  *Reference  `json:"receiver,omitempty"`
}

// Source is the sending system's endpoint.
type Source struct {
	Endpoint string `json:"endpoint,omitempty"`
}

// Response is an acknowledgement's answer to a message.
type Response struct {
	Identifier string     `json:"identifier"`
	Code       string     `json:"code"`
	Details    *Reference `json:"details,omitempty"`
}

// Organization is a MedComMessagingOrganization.
type Organization struct {
	ResourceType string       `json:"resourceType"`
	ID           string       `json:"id"`
	Meta         *Meta        `json:"meta,omitempty"`
	Identifier   []Identifier `json:"identifier,omitempty"`
	Name         string       `json:"name,omitempty"`
}

// Patient is a MedComCorePatient.
type Patient struct {
	ResourceType     string       `json:"resourceType"`
	ID               string       `json:"id"`
	Meta             *Meta        `json:"meta,omitempty"`
	Identifier       []Identifier `json:"identifier,omitempty"`
	Name             []HumanName  `json:"name,omitempty"`
	Telecom          []Contact    `json:"telecom,omitempty"`
	Address          []Address    `json:"address,omitempty"`
	ManagingOrg      *Reference   `json:"managingOrganization,omitempty"`
	DeceasedBoolean  *bool        `json:"deceasedBoolean,omitempty"`
	DeceasedDateTime string       `json:"deceasedDateTime,omitempty"`
}

// Practitioner is a health professional (the GP).
type Practitioner struct {
	ResourceType string       `json:"resourceType"`
	ID           string       `json:"id"`
	Meta         *Meta        `json:"meta,omitempty"`
	Identifier   []Identifier `json:"identifier,omitempty"`
	Name         []HumanName  `json:"name,omitempty"`
}

// PractitionerRole ties a practitioner to a role.
type PractitionerRole struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Meta         *Meta             `json:"meta,omitempty"`
	Practitioner *Reference        `json:"practitioner,omitempty"`
	Code         []CodeableConcept `json:"code,omitempty"`
}

// Communication is the CareCommunication's content.
type Communication struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Meta         *Meta             `json:"meta,omitempty"`
	Extension    []Extension       `json:"extension,omitempty"`
	Identifier   []Identifier      `json:"identifier,omitempty"`
	Status       string            `json:"status"`
	Category     []CodeableConcept `json:"category,omitempty"`
	Priority     string            `json:"priority,omitempty"`
	Subject      *Reference        `json:"subject,omitempty"`
	Topic        *CodeableConcept  `json:"topic,omitempty"`
	Payload      []Payload         `json:"payload,omitempty"`
}

// Payload is one text or attachment in a Communication.
type Payload struct {
	Extension         []Extension `json:"extension,omitempty"`
	ContentString     string      `json:"contentString,omitempty"`
	ContentAttachment *Attachment `json:"contentAttachment,omitempty"`
}

// Provenance says what activity produced the message and which message came before.
type Provenance struct {
	ResourceType     string           `json:"resourceType"`
	ID               string           `json:"id"`
	Meta             *Meta            `json:"meta,omitempty"`
	Target           []Reference      `json:"target"`
	OccurredDateTime string           `json:"occurredDateTime,omitempty"`
	Recorded         string           `json:"recorded,omitempty"`
	Activity         *CodeableConcept `json:"activity,omitempty"`
	Agent            []Agent          `json:"agent,omitempty"`
	Entity           []ProvEntity     `json:"entity,omitempty"`
}

// Agent is who performed the activity.
type Agent struct {
	Who *Reference `json:"who,omitempty"`
}

// ProvEntity is an input to the activity (the previous message, a payload).
type ProvEntity struct {
	Role string    `json:"role"`
	What Reference `json:"what"`
}

// OperationOutcome explains a negative acknowledgement.
type OperationOutcome struct {
	ResourceType string  `json:"resourceType"`
	ID           string  `json:"id"`
	Meta         *Meta   `json:"meta,omitempty"`
	Issue        []Issue `json:"issue"`
}

// Issue is one problem in an OperationOutcome.
type Issue struct {
	Severity    string           `json:"severity"`
	Code        string           `json:"code"`
	Details     *CodeableConcept `json:"details,omitempty"`
	Diagnostics string           `json:"diagnostics,omitempty"`
}
