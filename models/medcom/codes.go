package medcom

// Identifier systems (MedCom Core and Messaging).
const (
	systemSOR = "urn:oid:1.2.208.176.1.1"
	systemGLN = "https://www.gs1.org/gln"
	systemCPR = "urn:oid:1.2.208.176.1.2"
)

// Code systems and extensions from the MedCom terminology and messaging guides.
const (
	systemEventCodes     = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes"
	systemActivityCodes  = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes"
	systemDestinationUse = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse"
	systemCategoryCodes  = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-careCommunication-categoryCodes"
	systemResponseCode   = "http://hl7.org/fhir/response-code"
	systemIssueType      = "http://hl7.org/fhir/issue-type"
	extDestinationUse    = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension"
	extPayloadDateTime   = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-carecommunication-datetime-extension"
	extPayloadIdentifier = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-carecommunication-attachment-extension"
	sorEndpointPrefix    = "https://sor2.sum.dsdn.dk/#id="
)

// Profiles claimed in meta.profile.
const (
	profileCareCommunicationMessage = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-message"
	profileCareCommunicationHeader  = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-messageHeader"
	profileCareCommunication        = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication"
	profileCareCommunicationProv    = "http://medcomfhir.dk/ig/carecommunication/StructureDefinition/medcom-careCommunication-provenance"
	profileAcknowledgementMessage   = "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-message"
	profileAcknowledgementHeader    = "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-messageHeader"
	profileAcknowledgementOutcome   = "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-operationoutcome"
	profileMessagingProvenance      = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-provenance"
	profileMessagingOrganization    = "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-organization"
	profileCorePatient              = "http://medcomfhir.dk/ig/core/StructureDefinition/medcom-core-patient"
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
