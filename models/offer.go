package models

import "time"

// Offer is a community activity in the directory. It maps onto Open Referral HSDS: the offer is a
// service, Organisation its organization, the address its location, OfferSchedule its schedules.
type Offer struct {
	ID           string          `gorm:"primaryKey;type:uuid"`
	Organisation string          `gorm:"size:200;not null"`
	Title        string          `gorm:"size:200;not null"`
	Description  string          `gorm:"type:text;not null"`
	TargetGroup  string          `gorm:"type:text;not null"`
	Purpose      string          `gorm:"type:text;not null"`
	AddressLine  string          `gorm:"size:200;not null"`
	PostalCode   string          `gorm:"size:10;not null"`
	City         string          `gorm:"size:100;not null"`
	ContactName  string          `gorm:"size:200;not null"`
	ContactPhone string          `gorm:"size:20;not null"`
	ContactEmail string          `gorm:"size:254;not null"`
	URL          string          `gorm:"size:500;not null"`
	Active       bool            `gorm:"not null"`
	Schedules    []OfferSchedule `gorm:"foreignKey:OfferID;constraint:OnDelete:CASCADE"`
	// CreatedByID is the staff member who added the offer (by hand or in an import); with the
	// admins, only they may change or deactivate it (its text goes into other workers' citizens'
	// SMS). Offers from before it was recorded have none: admins only.
	CreatedByID *string   `gorm:"type:uuid"`
	CreatedAt   time.Time `gorm:"not null"`
	UpdatedAt   time.Time `gorm:"not null"`
}

// OfferSchedule is one weekly session of an offer (HSDS schedule with freq WEEKLY and byday).
type OfferSchedule struct {
	ID      string `gorm:"primaryKey;type:uuid"`
	OfferID string `gorm:"type:uuid;not null;index:idx_offer_schedules_offer"`
	// Weekday is ISO: 1 Monday … 7 Sunday.
	Weekday   int    `gorm:"not null"`
	StartTime string `gorm:"size:5;not null"`
	EndTime   string `gorm:"size:5;not null"`
	Note      string `gorm:"size:200;not null"`
}
