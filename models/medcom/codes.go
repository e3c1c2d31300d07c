package medcom

// Identifier systems (MedCom Core and Messaging).
const (
	SystemSOR = "urn:oid:1.2.208.176.1.1"
	SystemGLN = "https://www.gs1.org/gln"
	SystemCPR = "urn:oid:1.2.208.176.1.2"
)

// Code systems and extensions from the MedCom terminology and messaging guides.
const (
	SystemEventCodes     = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes"
	SystemActivityCodes  = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes"
	SystemDestinationUse = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse"
	SystemCategoryCodes  = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes"
	SystemResponseCode   = "http://hl7.org/fhir/response-code"
	SystemIssueType      = "http://hl7.org/fhir/issue-type"
	ExtDestinationUse    = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension"
	ExtPayloadDateTime   = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-carecommunication-datetime-extension"
	ExtPayloadIdentifier = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-carecommunication-attachment-extension"
	SOREndpointPrefix    = "https://sor2.sum.dsdn.dk/#id="
)

// Profiles claimed in meta.profile.
const (
	ProfileCareCommunicationMessage = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-message"
	ProfileCareCommunicationHeader  = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-messageHeader"
	ProfileCareCommunication        = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication"
	ProfileCareCommunicationProv    = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-provenance"
	ProfileAcknowledgementMessage   = "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-message"
	ProfileAcknowledgementHeader    = "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-messageHeader"
	ProfileAcknowledgementOutcome   = "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-operationoutcome"
	ProfileMessagingProvenance      = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-provenance"
	ProfileMessagingOrganization    = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization"
	ProfileCorePatient              = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-patient"
)

// Message events (MessageHeader.eventCoding.code).
const (
	EventCareCommunication = "care-communication-message"
	EventAcknowledgement   = "acknowledgement-message"
)

// Provenance activities.
const (
	ActivityNew     = "new-message"
	ActivityReply   = "reply-message"
	ActivityForward = "forward-message"
)

// AckCode is an acknowledgement's MessageHeader.response.code.
type AckCode string

// Acknowledgement codes.
const (
	AckOK             AckCode = "ok"
	AckTransientError AckCode = "transient-error"
	AckFatalError     AckCode = "fatal-error"
)
