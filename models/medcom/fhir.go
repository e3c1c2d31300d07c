package medcom

import "encoding/json"

// bundle is a FHIR R4 bundle as far as MedCom messages use it.
type bundle struct {
	ResourceType string  `json:"resourceType"`
	ID           string  `json:"id,omitempty"`
	Meta         *Meta   `json:"meta,omitempty"`
	Type         string  `json:"type"`
	Timestamp    string  `json:"timestamp,omitempty"`
	Entry        []entry `json:"entry"`
}

// entry is one resource in a Bundle; Resource stays raw until its type is known.
type entry struct {
	FullURL  string          `json:"fullUrl,omitempty"`
	Resource json.RawMessage `json:"resource"`
}

// Meta carries the profiles a resource claims.
type Meta struct {
	Profile []string `json:"profile,omitempty"`
}

// coding is a code from a system.
type coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// codeableConcept is codings and/or text.
type codeableConcept struct {
	Coding []coding `json:"coding,omitempty"`
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

// extension is a FHIR extension with the value types MedCom messages use.
type extension struct {
	URL                  string           `json:"url"`
	ValueCoding          *coding          `json:"valueCoding,omitempty"`
	ValueDateTime        string           `json:"valueDateTime,omitempty"`
	ValueIdentifier      *Identifier      `json:"valueIdentifier,omitempty"`
	ValueReference       *Reference       `json:"valueReference,omitempty"`
	ValueString          string           `json:"valueString,omitempty"`
	ValueContactPoint    *Contact         `json:"valueContactPoint,omitempty"`
	ValueCodeableConcept *codeableConcept `json:"valueCodeableConcept,omitempty"`
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

// messageHeader is the first entry of every message.
type messageHeader struct {
	ResourceType string        `json:"resourceType"`
	ID           string        `json:"id"`
	Meta         *Meta         `json:"meta,omitempty"`
	EventCoding  *coding       `json:"eventCoding,omitempty"`
	Destination  []destination `json:"destination,omitempty"`
	Sender       *Reference    `json:"sender,omitempty"`
	Source       *source       `json:"source,omitempty"`
	Focus        []Reference   `json:"focus,omitempty"`
	Definition   string        `json:"definition,omitempty"`
	Response     *response     `json:"response,omitempty"`
}

// destination is a receiver of the message (primary or cc, by extension).
type destination struct {
	Extension []extension `json:"extension,omitempty"`
	Endpoint  string      `json:"endpoint,omitempty"`
	Receiver  *Reference  `json:"receiver,omitempty"`
}

// source is the sending system's endpoint.
type source struct {
	Endpoint string `json:"endpoint,omitempty"`
}

// response is an acknowledgement's answer to a message.
type response struct {
	Identifier string     `json:"identifier"`
	Code       string     `json:"code"`
	Details    *Reference `json:"details,omitempty"`
}

// organization is a MedComMessagingOrganization.
type organization struct {
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

// practitionerRole ties a practitioner to a role.
type practitionerRole struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Meta         *Meta             `json:"meta,omitempty"`
	Practitioner *Reference        `json:"practitioner,omitempty"`
	Code         []codeableConcept `json:"code,omitempty"`
}

// communication is the CareCommunication's content.
type communication struct {
	ResourceType string            `json:"resourceType"`
	ID           string            `json:"id"`
	Meta         *Meta             `json:"meta,omitempty"`
	Extension    []extension       `json:"extension,omitempty"`
	Identifier   []Identifier      `json:"identifier,omitempty"`
	Status       string            `json:"status"`
	Category     []codeableConcept `json:"category,omitempty"`
	Priority     string            `json:"priority,omitempty"`
	Subject      *Reference        `json:"subject,omitempty"`
	Topic        *codeableConcept  `json:"topic,omitempty"`
	Payload      []payload         `json:"payload,omitempty"`
}

// payload is one text or attachment in a Communication.
type payload struct {
	Extension         []extension `json:"extension,omitempty"`
	ContentString     string      `json:"contentString,omitempty"`
	ContentAttachment *Attachment `json:"contentAttachment,omitempty"`
}

// provenance says what activity produced the message and which message came before.
type provenance struct {
	ResourceType     string           `json:"resourceType"`
	ID               string           `json:"id"`
	Meta             *Meta            `json:"meta,omitempty"`
	Target           []Reference      `json:"target"`
	OccurredDateTime string           `json:"occurredDateTime,omitempty"`
	Recorded         string           `json:"recorded,omitempty"`
	Activity         *codeableConcept `json:"activity,omitempty"`
	Agent            []agent          `json:"agent,omitempty"`
	Entity           []provEntity     `json:"entity,omitempty"`
}

// agent is who performed the activity.
type agent struct {
	Who *Reference `json:"who,omitempty"`
}

// provEntity is an input to the activity (the previous message, a payload).
type provEntity struct {
	Role string    `json:"role"`
	What Reference `json:"what"`
}

// operationOutcome explains a negative acknowledgement.
type operationOutcome struct {
	ResourceType string  `json:"resourceType"`
	ID           string  `json:"id"`
	Meta         *Meta   `json:"meta,omitempty"`
	Issue        []issue `json:"issue"`
}

// issue is one problem in an OperationOutcome.
type issue struct {
	Severity    string           `json:"severity"`
	Code        string           `json:"code"`
	Details     *codeableConcept `json:"details,omitempty"`
	Diagnostics string           `json:"diagnostics,omitempty"`
}
