package models

// AllModels lists every persisted type. The schema-drift test checks that the migrations create
// exactly what these structs describe.
func AllModels() []any {
	return []any{
		&Staff{}, &Citizen{}, &Referral{}, &ReferralEvent{}, &Offer{}, &OfferSchedule{},
		&Prescription{}, &Attendance{}, &Conversation{}, &Message{}, &MessageStatusEvent{},
		&Checkin{}, &Answer{}, &Flag{}, &OutboxItem{}, &AuditEntry{}, &LoginCode{},
		&RefreshToken{}, &Device{}, &Setting{}, &PhoneOptOut{}, &PauseEvent{}, &CaseNote{},
		&ResearchWithdrawal{}, &ResearchKeyHolder{}, &SendSlot{}, &AttemptCounter{},
		&Clinic{}, &MedComMessage{}, &MedComReferral{}, &CitizenCPR{},
	}
}
