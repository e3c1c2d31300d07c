package models

// AllModels lists every persisted type. The schema-drift test checks that the migrations create
// exactly what these structs describe.
func AllModels() []any {
	return []any{
		&Staff{}, &Citizen{}, &Referral{}, &ReferralEvent{}, &Offer{}, &OfferSchedule{},
		&Prescription{}, &Attendance{}, &Conversation{}, &Message{}, &messageStatusEvent{},
		&Checkin{}, &Answer{}, &Flag{}, &OutboxItem{}, &AuditEntry{}, &loginCode{},
		&RefreshToken{}, &Device{}, &setting{}, &PhoneOptOut{}, &PauseEvent{}, &CaseNote{},
		&ResearchWithdrawal{}, &researchKeyHolder{}, &sendSlot{}, &attemptCounter{},
		&Clinic{}, &MedComMessage{}, &MedComReferral{}, &citizenCPR{},
	}
}
