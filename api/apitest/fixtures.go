package apitest

import (
	"brobygger/models"
	"brobygger/models/medcom"
	"bytes"
	"os"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
)

const GatewayToken = "gateway-token-for-tests"

func MedComConfig(t testing.TB) models.MedComConfig {
	v, err := medcom.NewCPRVault(bytes.Repeat([]byte{9}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return models.MedComConfig{ReceiverSORs: []string{"481461000016006", "481461000016007"}, Name: "Brobygger", Vault: v}
}

func MedComFile(t testing.TB, name string) string {
	t.Helper()
	raw, err := os.ReadFile(repoPath("models/medcom/testdata/" + name))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func KnittingClub() map[string]any {
	return map[string]any{
		"organisation": "Ældre Sagen Vesterbro", "title": "Strikkeklub", "description": "Vi strikker og drikker kaffe.",
		"target_group": "Ældre, der vil have selskab", "purpose": "Fællesskab", "address_line": "Vesterbrogade 10",
		"postal_code": "1620", "city": "København V", "contact_name": "Hanne Holm", "contact_phone": "20 30 40 50",
		"contact_email": "hanne@strik.dk", "url": "www.strik.dk",
		"schedules": []map[string]any{
			{"weekday": 4, "start_time": "10:00", "end_time": "12:00"},
			{"weekday": 1, "start_time": "14:00", "end_time": "16:00", "note": "Ikke i juli"},
		},
	}
}

const (
	AuthToken  = "12345abcdef67890"
	AccountSID = "AC00000000000000000000000000000001"
	OurNumber  = "+4570701234"
)

func init() {
	openapi3filter.RegisterBodyDecoder("application/fhir+json", openapi3filter.JSONBodyDecoder)
}
