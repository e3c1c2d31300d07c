package models

import "time"

// Clinic is a GP practice in the clinic register, found by its SOR code. Incoming MedCom messages
// fill it; an admin may correct it. Practitioners is a JSON list of the GPs' names.
type Clinic struct {
	ID            string    `gorm:"primaryKey;type:uuid"`
	Name          string    `gorm:"size:200;not null"`
	SOR           string    `gorm:"column:sor;size:20;not null"`
	GLN           string    `gorm:"column:gln;size:13;not null"`
	Practitioners string    `gorm:"type:text;not null"`
	CreatedAt     time.Time `gorm:"not null"`
	UpdatedAt     time.Time `gorm:"not null"`
}

// MedComDirection says whether a MedCom message came in or goes out.
type MedComDirection string

// Directions.
const (
	MedComIn  MedComDirection = "in"
	MedComOut MedComDirection = "out"
)

// MedComStatus is where a MedCom message stands.
type MedComStatus string

// Statuses: received messages are accepted or rejected (and acknowledged so); outgoing ones go
// draft → queued → sent → delivered (the receiver's positive acknowledgement) or failed.
const (
	MedComAccepted  MedComStatus = "accepted"
	MedComRejected  MedComStatus = "rejected"
	MedComDraft     MedComStatus = "draft"
	MedComQueued    MedComStatus = "queued"
	MedComSent      MedComStatus = "sent"
	MedComDelivered MedComStatus = "delivered"
	MedComFailed    MedComStatus = "failed"
)

// ReplyKind says why a reply to the GP was drafted.
type ReplyKind string

// Reply kinds: one drafted per event, and free replies the link worker writes.
const (
	ReplyAccepted ReplyKind = "accepted"
	ReplyDeclined ReplyKind = "declined"
	ReplyContact  ReplyKind = "contact"
	ReplyClosed   ReplyKind = "closed"
	ReplyFree     ReplyKind = "free"
)

// MedComMessage is one MedCom message in or out. RawSealed is the FHIR JSON, sealed with the CPR
// key because it names the patient. For a received message AckJSON is the acknowledgement we
// answered (a second delivery gets the same); for a sent one the Ack fields are the receiver's.
type MedComMessage struct {
	ID               string          `gorm:"primaryKey;type:uuid"`
	Direction        MedComDirection `gorm:"size:3;not null"`
	Kind             string          `gorm:"size:32;not null"`
	HeaderID         string          `gorm:"size:100;not null"`
	Status           MedComStatus    `gorm:"size:16;not null"`
	RawSealed        string          `gorm:"type:text;not null"`
	AckCode          string          `gorm:"size:16;not null"`
	AckReason        string          `gorm:"type:text;not null"`
	AckHeaderID      string          `gorm:"size:100;not null"`
	AckJSON          string          `gorm:"column:ack_json;type:text;not null"`
	ReplyKind        ReplyKind       `gorm:"size:16;not null"`
	InReplyTo        string          `gorm:"size:100;not null"`
	Topic            string          `gorm:"size:200;not null"`
	Body             string          `gorm:"type:text;not null"`
	ClinicID         *string         `gorm:"type:uuid"`
	CitizenID        *string         `gorm:"type:uuid"`
	MedComReferralID *string         `gorm:"column:medcom_referral_id;type:uuid"`
	AuthorID         *string         `gorm:"type:uuid"`
	Attempts         int             `gorm:"not null"`
	NextAttemptAt    *time.Time
	LastError        string `gorm:"type:text;not null"`
	SentAt           *time.Time
	AckedAt          *time.Time
	AckOverdueAt     *time.Time
	HandledAt        *time.Time
	CreatedAt        time.Time `gorm:"not null"`
	UpdatedAt        time.Time `gorm:"not null"`
}

// MedComReferralStatus is where a referral received by MedCom stands.
type MedComReferralStatus string

// A received referral waits for a link worker (or for a mobile number), then is registered as a
// citizen's referral, or declined before that.
const (
	MedComWaiting      MedComReferralStatus = "waiting"
	MedComMissingPhone MedComReferralStatus = "missing_phone"
	MedComRegistered   MedComReferralStatus = "registered"
	MedComDeclinedRef  MedComReferralStatus = "declined"
)

// MedComReferral is a GP's referral received by MedCom, before and after a link worker registers
// it. Nothing is sent to the citizen until it is registered, and it cannot be without a mobile
// number.
type MedComReferral struct {
	ID           string               `gorm:"primaryKey;type:uuid"`
	MessageID    string               `gorm:"type:uuid;not null"`
	Status       MedComReferralStatus `gorm:"size:16;not null"`
	PatientName  string               `gorm:"size:200;not null"`
	CPRSealed    string               `gorm:"column:cpr_sealed;type:text;not null"`
	CPRHash      string               `gorm:"column:cpr_hash;size:64;not null"`
	Address      string               `gorm:"type:text;not null"`
	Phone        string               `gorm:"size:20;not null"`
	OtherPhones  string               `gorm:"type:text;not null"`
	Email        string               `gorm:"size:254;not null"`
	ClinicID     string               `gorm:"type:uuid;not null"`
	Practitioner string               `gorm:"size:200;not null"`
	Topic        string               `gorm:"size:200;not null"`
	Text         string               `gorm:"type:text;not null"`
	Attachments  string               `gorm:"type:text;not null"`
	CitizenID    *string              `gorm:"type:uuid"`
	ReferralID   *string              `gorm:"type:uuid"`
	CreatedAt    time.Time            `gorm:"not null"`
	UpdatedAt    time.Time            `gorm:"not null"`
}

// TableName keeps GORM from spelling it med_com_referrals.
func (MedComReferral) TableName() string { return "medcom_referrals" }

// TableName keeps GORM from spelling it med_com_messages.
func (MedComMessage) TableName() string { return "medcom_messages" }

// citizenCPR is the CPR number of a citizen who came by MedCom: sealed, and found by its hash.
type citizenCPR struct {
	CitizenID string `gorm:"primaryKey;type:uuid"`
	CPRHash   string `gorm:"column:cpr_hash;size:64;not null"`
	CPRSealed string `gorm:"column:cpr_sealed;type:text;not null"`
}

// TableName names the table.
func (citizenCPR) TableName() string { return "citizen_cprs" }
