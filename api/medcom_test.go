package api_test

import (
	"brobygger/api/apitest"
	"bytes"
	"context"
	"strings"
	"testing"

	"brobygger/models"
	"brobygger/models/medcom"
)

func ackOf(t *testing.T, res apitest.Response) *medcom.Acknowledgement {
	t.Helper()
	a, p := medcom.ReadAcknowledgement(res.Body)
	if p != nil {
		t.Fatalf("not an acknowledgement: %v\n%s", p, res.Body)
	}
	return a
}

// TestMedComInbox_AcknowledgesEveryMessage delivers well-formed messages of three vendors (200,
// ok), a duplicate (the same acknowledgement), malformed ones (422 or 400 with fatal-error and the
// reason), and refuses a wrong token.
func TestMedComInbox_AcknowledgesEveryMessage(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		var firstAck []byte
		for _, f := range []string{"vendor_a_absolute.json", "vendor_b_urnuuid.json", "vendor_c_relative.json"} {
			res := apitest.Deliver(e, apitest.MedComFile(t, f), apitest.GatewayToken, true)
			if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/fhir+json") {
				t.Fatalf("%s: %d %s", f, res.Status, res.Body)
			}
			if a := ackOf(t, res); a.Code != medcom.AckOK {
				t.Fatalf("%s: %+v", f, a)
			}
			if firstAck == nil {
				firstAck = res.Body
			}
		}
		again := apitest.Deliver(e, apitest.MedComFile(t, "vendor_a_absolute.json"), apitest.GatewayToken, true)
		if again.Status != 200 || !bytes.Equal(again.Body, firstAck) {
			t.Fatalf("duplicate: %d", again.Status)
		}
		a := apitest.MedComFile(t, "vendor_a_absolute.json")
		bad := []struct {
			name, body, reason string
			status             int
		}{
			{"missing patient", strings.Replace(strings.ReplaceAll(a, "6a1d2f1e", "7a1d2f1e"), `"resourceType": "Patient"`, `"resourceType": "Basic"`, 1), "Patient", 422},
			{"wrong receiver", strings.ReplaceAll(strings.ReplaceAll(a, "6a1d2f1e", "8a1d2f1e"), "481461000016006", "999991000016001"), "not this receiver", 422},
			{"wrong profile", strings.Replace(strings.ReplaceAll(a, "6a1d2f1e", "9a1d2f1e"), "medcom-careCommunication-message\"]", "x\"]", 1), "meta.profile", 422},
			{"broken JSON", a[:500], "not valid JSON", 400},
		}
		for _, c := range bad {
			res := apitest.Deliver(e, c.body, apitest.GatewayToken, false)
			if res.Status != c.status {
				t.Fatalf("%s: %d %s", c.name, res.Status, res.Body)
			}
			if ack := ackOf(t, res); ack.Code != medcom.AckFatalError || !strings.Contains(ack.Reason, c.reason) {
				t.Fatalf("%s: %+v", c.name, ack)
			}
		}
		if res := apitest.Deliver(e, a, "wrong", true); res.Status != 401 {
			t.Fatalf("wrong token: %d", res.Status)
		}
		if res := apitest.Deliver(e, a, "", true); res.Status != 401 {
			t.Fatalf("no token: %d", res.Status)
		}
	})
}

// TestMedCom_ReferralToReplyInOutbox walks a MedCom referral through the API: listed with the CPR
// masked, revealed (audited), registered, accepted; the drafted reply is edited and sent; an
// acknowledgement addressed to another receiver's SOR is refused (400) and settles nothing; the
// clinic's acknowledgement marks it delivered.
func TestMedCom_ReferralToReplyInOutbox(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, tk := e.Staff("lw@example.dk", models.RoleLinkWorker)
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		if res := apitest.Deliver(e, apitest.MedComFile(t, "vendor_a_absolute.json"), apitest.GatewayToken, true); res.Status != 200 {
			t.Fatal(res.Status)
		}
		var list struct {
			Items []struct {
				ID, CPRMasked, Status, ClinicName string
			}
		}
		res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/medcom/referrals", nil, tk.AccessToken))
		if res.Status != 200 || strings.Contains(string(res.Body), "0101701234") {
			t.Fatalf("%d %s", res.Status, res.Body)
		}
		res.JSON(t, &list)
		if len(list.Items) != 1 || !strings.Contains(string(res.Body), `"cpr_masked":"010170-xxxx"`) {
			t.Fatalf("%s", res.Body)
		}
		id := list.Items[0].ID
		res = e.Client.Do(apitest.NewJSONRequest("POST", "/v1/medcom/referrals/"+id+"/cpr", nil, tk.AccessToken))
		if res.Status != 200 || !strings.Contains(string(res.Body), "010170-1234") {
			t.Fatalf("reveal %d %s", res.Status, res.Body)
		}
		page, _ := e.Store.AuditLog(context.Background(), models.AuditQuery{Action: "reveal_cpr", Limit: 10})
		if len(page.Rows) != 1 || page.Rows[0].ObjectID != id {
			t.Fatalf("reveal must be audited: %+v", page.Rows)
		}
		res = e.Client.Do(apitest.NewJSONRequest("POST", "/v1/medcom/referrals/"+id+"/register", map[string]any{"language": "da"}, tk.AccessToken))
		if res.Status != 201 {
			t.Fatalf("register %d %s", res.Status, res.Body)
		}
		var reg struct {
			CitizenID  string `json:"citizen_id"`
			ReferralID string `json:"referral_id"`
		}
		res.JSON(t, &reg)
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals/"+reg.ReferralID+"/accept", nil, tk.AccessToken)); res.Status != 200 {
			t.Fatalf("accept %d %s", res.Status, res.Body)
		}
		res = e.Client.Do(apitest.NewJSONRequest("GET", "/v1/medcom/drafts", nil, tk.AccessToken))
		var drafts struct {
			Items []struct {
				ID        string `json:"id"`
				ReplyKind string `json:"reply_kind"`
			}
		}
		res.JSON(t, &drafts)
		if len(drafts.Items) != 1 || drafts.Items[0].ReplyKind != "accepted" {
			t.Fatalf("%s", res.Body)
		}
		did := drafts.Items[0].ID
		if res := e.Client.Do(apitest.NewJSONRequest("PATCH", "/v1/medcom/messages/"+did, map[string]string{"body": "Vi har taget imod Karen."}, tk.AccessToken)); res.Status != 200 {
			t.Fatalf("edit %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/medcom/messages/"+did+"/send", nil, tk.AccessToken)); res.Status != 202 {
			t.Fatalf("send %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/medcom/messages/"+did+"/send", nil, tk.AccessToken)); res.Status != 409 {
			t.Fatalf("second send %d", res.Status)
		}
		m, _ := e.Store.MedComMessageForStaff(context.Background(), did, "", true)
		if err := e.Store.MarkMedComSent(context.Background(), did, e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
		// An acknowledgement addressed to another receiver's SOR is refused and settles nothing.
		misrouted, _ := medcom.BuildAcknowledgement(medcom.Ack{OriginalHeaderID: m.HeaderID, Code: medcom.AckFatalError, From: medcom.NewParty(medcom.Org{SOR: "372351000016002"}, ""),
			To: medcom.NewParty(medcom.Org{SOR: "999999000016009"}, ""), Now: e.Clock.Now()})
		if res := apitest.Deliver(e, string(misrouted), apitest.GatewayToken, true); res.Status != 400 || !strings.Contains(string(res.Body), "999999000016009") {
			t.Fatalf("misrouted ack %d %s", res.Status, res.Body)
		}
		if got, _ := e.Store.MedComMessageForStaff(context.Background(), did, "", true); got.Status != models.MedComSent || got.AckCode != "" {
			t.Fatalf("a misrouted acknowledgement settled the message: %s %q", got.Status, got.AckCode)
		}
		ack, _ := medcom.BuildAcknowledgement(medcom.Ack{OriginalHeaderID: m.HeaderID, Code: medcom.AckOK, From: medcom.NewParty(medcom.Org{SOR: "372351000016002"}, ""),
			To: medcom.NewParty(medcom.Org{SOR: "481461000016006"}, ""), Now: e.Clock.Now()})
		if res := apitest.Deliver(e, string(ack), apitest.GatewayToken, true); res.Status != 204 {
			t.Fatalf("ack %d %s", res.Status, res.Body)
		}
		res = e.Client.Do(apitest.NewJSONRequest("GET", "/v1/medcom/messages?direction=out&status=delivered", nil, admin.AccessToken))
		if res.Status != 200 || !strings.Contains(string(res.Body), did) {
			t.Fatalf("%d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/medcom/messages", nil, tk.AccessToken)); res.Status != 403 {
			t.Fatalf("a link worker's list: %d", res.Status)
		}
	})
}

// TestMedCom_ClinicRegister lets an admin correct a clinic the messages registered.
func TestMedCom_ClinicRegister(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		apitest.Deliver(e, apitest.MedComFile(t, "vendor_c_relative.json"), apitest.GatewayToken, true)
		res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/clinics", nil, admin.AccessToken))
		var list struct {
			Items []struct{ ID, Name, SOR, GLN string }
		}
		res.JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].GLN != "5790002345678" {
			t.Fatalf("%s", res.Body)
		}
		res = e.Client.Do(apitest.NewJSONRequest("PATCH", "/v1/admin/clinics/"+list.Items[0].ID, map[string]any{"name": "Lægehuset ved Åen", "practitioners": []string{"Eva Holm"}}, admin.AccessToken))
		if res.Status != 200 || !strings.Contains(string(res.Body), "Eva Holm") {
			t.Fatalf("%d %s", res.Status, res.Body)
		}
		res = e.Client.Do(apitest.NewJSONRequest("POST", "/v1/admin/clinics", map[string]any{"name": "Ny klinik", "sor": "598761000016008"}, admin.AccessToken))
		if res.Status != 409 {
			t.Fatalf("same SOR twice: %d %s", res.Status, res.Body)
		}
		res = e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/admin/clinics", map[string]any{"name": "Ny klinik", "sor": "12"}, admin.AccessToken))
		if res.Status != 400 {
			t.Fatalf("bad SOR: %d", res.Status)
		}
	})
}
