package api_test

import (
	"brobygger/api/apitest"
	"context"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"

	"brobygger/models"
	"brobygger/models/medcom"
)

var medcomSeq atomic.Int64

// medcomReceived delivers a fresh copy of vendor A's message (its own header id and CPR number)
// and answers the receipt.
func (f *auditFixture) medcomReceived() *models.MedComReceipt {
	f.e.T.Helper()
	n := medcomSeq.Add(1)
	raw := strings.ReplaceAll(apitest.MedComFile(f.e.T, "vendor_a_absolute.json"), "6a1d2f1e-3b1c-4c55-8f0e-2d5b7c9e1a11", fmt.Sprintf("6a1d2f1e-3b1c-4c55-8f0e-%012d", n))
	raw = strings.ReplaceAll(raw, "0101701234", fmt.Sprintf("01017%05d", n))
	raw = strings.ReplaceAll(raw, "+4520304050", fmt.Sprintf("+45213%05d", n))
	r, err := f.e.Store.ReceiveMedCom(context.Background(), apitest.MedComConfig(f.e.T), []byte(raw))
	if err != nil || r.AckCode != medcom.AckOK {
		f.e.T.Fatalf("receive: %+v %v", r, err)
	}
	return r
}

// medcomDraft is a declined received referral's drafted reply.
func (f *auditFixture) medcomDraft() string {
	f.e.T.Helper()
	r := f.medcomReceived()
	mr, _ := f.e.Store.MedComReferralByID(context.Background(), r.MedComReferralID)
	if err := f.e.Store.DeclineMedComReferral(context.Background(), mr, "Uden for kommunen.", nil); err != nil {
		f.e.T.Fatal(err)
	}
	rows, _ := f.e.Store.MedComDrafts(context.Background(), "", true, 500)
	for _, d := range rows {
		if d.MedComReferralID != nil && *d.MedComReferralID == mr.ID {
			return d.ID
		}
	}
	f.e.T.Fatal("no draft")
	return ""
}

func onMedComReferral(path string, body any, citizen string) auditCase {
	return auditCase{func(f *auditFixture) (string, any, string) {
		r := f.medcomReceived()
		if strings.Contains(path, "/register") {
			if _, ok := body.(url.Values); ok {
				return strings.ReplaceAll(path, ":id", r.MedComReferralID), url.Values{"link_worker_id": {f.worker.ID}}, citizen
			}
			body = map[string]any{"link_worker_id": f.worker.ID}
		}
		return strings.ReplaceAll(path, ":id", r.MedComReferralID), body, citizen
	}}
}

func onMedComReceived(path string, body any) auditCase {
	return auditCase{func(f *auditFixture) (string, any, string) {
		return strings.ReplaceAll(path, ":id", f.medcomReceived().MessageID), body, ""
	}}
}

func onMedComDraft(path string, body any) auditCase {
	return auditCase{func(f *auditFixture) (string, any, string) {
		return strings.ReplaceAll(path, ":id", f.medcomDraft()), body, ""
	}}
}

func medcomList(path string) auditCase {
	return auditCase{func(f *auditFixture) (string, any, string) {
		f.medcomReceived()
		return path, nil, ""
	}}
}

// medcomAuditCases are the MedCom staff routes (issue 19): each writes an audit entry, about the
// citizen when there is one, else about the received referral or message.
func medcomAuditCases() map[string]auditCase {
	return map[string]auditCase{
		"GET /v1/medcom/messages":                medcomList("/v1/medcom/messages"),
		"GET /v1/medcom/drafts":                  medcomList("/v1/medcom/drafts"),
		"GET /v1/medcom/follow-ups":              medcomList("/v1/medcom/follow-ups"),
		"GET /v1/medcom/referrals":               medcomList("/v1/medcom/referrals"),
		"PATCH /v1/medcom/messages/:id":          onMedComDraft("/v1/medcom/messages/:id", map[string]string{"body": "Vi kan desværre ikke hjælpe."}),
		"POST /v1/medcom/messages/:id/send":      onMedComDraft("/v1/medcom/messages/:id/send", nil),
		"POST /v1/medcom/messages/:id/reply":     onMedComReceived("/v1/medcom/messages/:id/reply", map[string]string{"body": "Tak, vi vender tilbage."}),
		"POST /v1/medcom/messages/:id/handled":   onMedComReceived("/v1/medcom/messages/:id/handled", nil),
		"GET /v1/medcom/referrals/:id":           onMedComReferral("/v1/medcom/referrals/:id", nil, ""),
		"POST /v1/medcom/referrals/:id/cpr":      onMedComReferral("/v1/medcom/referrals/:id/cpr", nil, ""),
		"POST /v1/medcom/referrals/:id/phone":    onMedComReferral("/v1/medcom/referrals/:id/phone", map[string]string{"phone": "+4520304099"}, ""),
		"POST /v1/medcom/referrals/:id/register": onMedComReferral("/v1/medcom/referrals/:id/register", nil, "new"),
		"POST /v1/medcom/referrals/:id/decline":  onMedComReferral("/v1/medcom/referrals/:id/decline", map[string]string{"reason": "Uden for kommunen."}, ""),

		"GET /dashboard/medcom":                         medcomList("/dashboard/medcom"),
		"GET /dashboard/admin/medcom":                   medcomList("/dashboard/admin/medcom"),
		"POST /dashboard/medcom/referrals/:id/register": onMedComReferral("/dashboard/medcom/referrals/:id/register", url.Values{}, "new"),
		"POST /dashboard/medcom/referrals/:id/decline":  onMedComReferral("/dashboard/medcom/referrals/:id/decline", url.Values{"reason": {"Uden for kommunen."}}, ""),
		"POST /dashboard/medcom/messages/:id/send":      onMedComDraft("/dashboard/medcom/messages/:id/send", url.Values{"body": {"Vi kan desværre ikke hjælpe."}}),
		"POST /dashboard/medcom/messages/:id/reply":     onMedComReceived("/dashboard/medcom/messages/:id/reply", url.Values{"body": {"Tak, vi vender tilbage."}}),
		"POST /dashboard/medcom/messages/:id/handled":   onMedComReceived("/dashboard/medcom/messages/:id/handled", url.Values{}),
	}
}

func init() {
	for route, why := range map[string]string{
		"GET /v1/admin/clinics":             "the clinic register: GP practices, no citizen data",
		"POST /v1/admin/clinics":            "the clinic register: no citizen data (audited as the clinic)",
		"PATCH /v1/admin/clinics/:id":       "the clinic register: no citizen data (audited as the clinic)",
		"POST /dashboard/admin/clinics":     "the clinic register: no citizen data (audited as the clinic)",
		"POST /dashboard/admin/clinics/:id": "the clinic register: no citizen data (audited as the clinic)",
	} {
		auditExempt[route] = why
	}
}
