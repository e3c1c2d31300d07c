package medcom

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

var ourSORs = []string{"481461000016006", "481461000016007"}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestReadCareCommunication_Vendors reads three practice systems' styles: absolute fullUrls with
// a practitioner and an attachment, urn:uuid with organizations before the content, and relative
// references with a versioned profile and no Provenance.
func TestReadCareCommunication_Vendors(t *testing.T) {
	cases := []struct {
		file, header, cpr, name, mobile, sender, gln, practitioner, email string
		payloads                                                          int
	}{
		{"vendor_a_absolute.json", "6a1d2f1e-3b1c-4c55-8f0e-2d5b7c9e1a11", "0101701234", "Karen Marie Testesen", "+4520304050", "372351000016002", "5790001234567", "Ole Lægesen", "karen@example.dk", 2},
		{"vendor_b_urnuuid.json", "7b2e3f4a-bbbb-4c1d-8e2f-100000000001", "1203551235", "Jens Hansen", "", "372351000016002", "5790001234567", "", "", 1},
		{"vendor_c_relative.json", "f4e3d2c1-cccc-4b0a-9d8e-200000000001", "2412884442", "Aya Nielsen", "", "598761000016008", "5790002345678", "", "aya@example.dk", 2},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			cc, p := ReadCareCommunication(fixture(t, c.file), ourSORs)
			if p != nil {
				t.Fatalf("refused: %v", p)
			}
			if cc.HeaderID != c.header || cc.Patient.CPR != c.cpr || cc.Patient.Name != c.name || cc.Patient.Mobile != c.mobile ||
				cc.Sender.SOR != c.sender || cc.Sender.GLN != c.gln || cc.Practitioner != c.practitioner || cc.Patient.Email != c.email {
				t.Fatalf("read %+v", cc)
			}
			if len(cc.Payloads) != c.payloads || cc.Activity != ActivityNew || cc.Sent.IsZero() {
				t.Fatalf("payloads %d activity %q", len(cc.Payloads), cc.Activity)
			}
		})
	}
}

func TestReadCareCommunication_Attachment(t *testing.T) {
	cc, p := ReadCareCommunication(fixture(t, "vendor_a_absolute.json"), ourSORs)
	if p != nil {
		t.Fatal(p)
	}
	if cc.Payloads[1].Attachment != "Seneste konsultationsnotat (application/pdf)" || cc.Patient.Address != "Bakkevej 3, 8000 Aarhus C" {
		t.Fatalf("%+v %q", cc.Payloads, cc.Patient.Address)
	}
}

// mutate edits a fixture as generic JSON.
func mutate(t *testing.T, raw []byte, fn func(b map[string]any)) []byte {
	t.Helper()
	var b map[string]any
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	fn(b)
	out, _ := json.Marshal(b)
	return out
}

func dropResource(typ string) func(map[string]any) {
	return func(b map[string]any) {
		var kept []any
		for _, e := range b["entry"].([]any) {
			if e.(map[string]any)["resource"].(map[string]any)["resourceType"] != typ {
				kept = append(kept, e)
			}
		}
		b["entry"] = kept
	}
}

func TestReadCareCommunication_Refused(t *testing.T) {
	a := fixture(t, "vendor_a_absolute.json")
	cases := []struct {
		name, code, text string
		raw              []byte
	}{
		{"broken JSON", "structure", "not valid JSON", a[:200]},
		{"missing patient", "required", "Patient", mutate(t, a, dropResource("Patient"))},
		{"wrong receiver", "business-rule", "not this receiver", a},
		{"wrong profile", "invalid", "meta.profile", mutate(t, a, func(b map[string]any) {
			b["meta"] = map[string]any{"profile": []string{"http://example.org/other"}}
		})},
		{"no payload", "required", "payload", fixture(t, "vendor_b_urnuuid.json")},
		{"not a message", "value", "message", mutate(t, a, func(b map[string]any) { b["type"] = "collection" })},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sors := ourSORs
			raw := c.raw
			switch c.name {
			case "wrong receiver":
				sors = []string{"111111000016001"}
			case "no payload":
				raw = []byte(strings.Replace(string(raw), `"payload": [{"contentString": "Jens har svært ved at komme ud af døren. Tlf. kun fastnet; han vil gerne ringes op."}]`, `"payload": []`, 1))
			}
			cc, p := ReadCareCommunication(raw, sors)
			if p == nil || p.IssueCode != c.code || !strings.Contains(p.Text, c.text) {
				t.Fatalf("got %+v", p)
			}
			if c.name != "broken JSON" && cc.HeaderID == "" {
				t.Fatal("the envelope should still name the message")
			}
		})
	}
}

func TestBuildAcknowledgement_ReadBack(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	from, to := NewParty(Org{Name: "Brobygger", SOR: "481461000016006"}, ""), NewParty(Org{Name: "Lægerne", SOR: "372351000016002", GLN: "5790001234567"}, "")
	raw, id := BuildAcknowledgement(Ack{OriginalHeaderID: "orig-1", Code: AckFatalError, Problem: problem("required", "No patient."), From: from, To: to, Now: now})
	a, p := ReadAcknowledgement(raw)
	if p != nil {
		t.Fatal(p)
	}
	if a.HeaderID != id || a.Answers != "orig-1" || a.Code != AckFatalError || a.Reason != "No patient." || a.SenderSOR != "481461000016006" || a.ReceiverSOR != "372351000016002" {
		t.Fatalf("%+v", a)
	}
	var b bundle
	_ = json.Unmarshal(raw, &b)
	if !hasProfile(b.Meta, profileAcknowledgementMessage) || !strings.HasPrefix(b.Entry[0].FullURL, "urn:uuid:") {
		t.Fatalf("bundle %+v", b.Meta)
	}
	okRaw, _ := BuildAcknowledgement(Ack{OriginalHeaderID: "orig-1", Code: AckOK, From: from, To: to, Now: now})
	if strings.Contains(string(okRaw), "OperationOutcome") {
		t.Fatal("a positive acknowledgement carries no OperationOutcome")
	}
}

// TestBuildReply_IsAReply reads the reply back as the GP's system would: addressed to the clinic's
// SOR, Provenance reply-message naming the original MessageHeader.
func TestBuildReply_IsAReply(t *testing.T) {
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	raw, id := BuildReply(Reply{PreviousHeaderID: "6a1d2f1e-3b1c-4c55-8f0e-2d5b7c9e1a11",
		From: NewParty(Org{Name: "Brobygger", SOR: "372351000016002"}, ""), To: NewParty(Org{Name: "Brobygger", SOR: "481461000016006", GLN: "5790000999991"}, ""),
		Patient: PatientInfo{CPR: "0101701234", Name: "Karen Marie Testesen"}, Topic: "Svar", Text: "Vi har modtaget henvisningen.", Now: now})
	// Read it as if we were the clinic (its SOR is the receiver here).
	cc, p := ReadCareCommunication(raw, []string{"481461000016006"})
	if p != nil {
		t.Fatal(p)
	}
	if cc.HeaderID != id || cc.Activity != ActivityReply || cc.Previous != "6a1d2f1e-3b1c-4c55-8f0e-2d5b7c9e1a11" ||
		cc.Patient.CPR != "0101701234" || cc.Patient.Name != "Karen Marie Testesen" || cc.Payloads[0].Text != "Vi har modtaget henvisningen." || cc.Receiver.GLN != "5790000999991" {
		t.Fatalf("%+v", cc)
	}
}

func TestCPRVault(t *testing.T) {
	key, err := ParseCPRKey(strings.Repeat("ab", 32))
	if err != nil {
		t.Fatal(err)
	}
	v, _ := NewCPRVault(key)
	s1, s2 := v.Seal("0101701234"), v.Seal("0101701234")
	if s1 == s2 || strings.Contains(s1, "0101701234") {
		t.Fatal("sealing must be randomised and hide the number")
	}
	if got, err := v.Open(s1); err != nil || got != "0101701234" {
		t.Fatal(got, err)
	}
	h1, h2 := v.Hash("0101701234"), v.Hash("0101701234")
	if h1 != h2 || h1 == v.Hash("0101701235") {
		t.Fatal("hash")
	}
	other, _ := NewCPRVault(make([]byte, 32))
	if _, err := other.Open(s1); err == nil {
		t.Fatal("another key must not open it")
	}
	if MaskCPR("0101701234") != "010170-xxxx" {
		t.Fatal(MaskCPR("0101701234"))
	}
	if _, err := ParseCPRKey("short"); err == nil {
		t.Fatal("a short key must be refused")
	}
}

func TestReplyTexts_AllThere(t *testing.T) {
	texts := LoadReplyTexts()
	for _, k := range []string{"topic", "accepted", "declined", "contact", "closed", "closed_activities", "closed_no_activities",
		"outcome_completed", "outcome_declined", "outcome_unreachable", "outcome_moved", "no_reason"} {
		if texts[k] == "" {
			t.Errorf("reply text %q is missing", k)
		}
	}
	if got := texts.Fill("accepted", map[string]string{"name": "Karen"}); !strings.Contains(got, "Karen") || strings.Contains(got, "{") {
		t.Fatal(got)
	}
}
