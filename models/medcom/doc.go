// Package medcom reads and writes the MedCom FHIR R4 messages Brobygger exchanges with GPs: the
// CareCommunication message (a GP's referral or follow-up in, the link worker's reply out) and the
// Acknowledgement message (the answer to every message, either way). It holds only the subset of
// FHIR the messages use, checks an incoming Bundle against what the MedCom profiles require, and
// builds outgoing Bundles. It is a leaf: it imports nothing of ours, and knows no database.
//
// Facts from MedCom's implementation guides (CareCommunication 4.0, Messaging, Core,
// Acknowledgement): a message is a Bundle of type "message" whose first entry is the MessageHeader;
// the header's eventCoding names the message (care-communication-message, acknowledgement-message);
// organizations carry a SOR identifier (urn:oid:1.2.208.176.1.1) and a GLN (https://www.gs1.org/gln);
// the patient a CPR identifier (urn:oid:1.2.208.176.1.2); a Provenance says whether the message is
// new or a reply (activity new-message / reply-message) and a reply names the previous message's
// MessageHeader in entity.what; an acknowledgement's MessageHeader.response carries the original
// header id and ok / transient-error / fatal-error, with an OperationOutcome when not ok.
package medcom
