package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"brobygger/models/medcom"
	"brobygger/models/storetest"
)

const testCPRKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

func medcomEnv(t *testing.T, dbURL, outbox string) map[string]string {
	return map[string]string{"DATABASE_URL": dbURL, "BROBYGGER_CLOCK_START": "2026-12-01T10:00:00+01:00",
		"MEDCOM_RECEIVER_SOR": "481461000016006, 481461000016007", "CPR_ENCRYPTION_KEY": testCPRKey, "MEDCOM_OUTBOX_DIR": outbox}
}

func runWith(env map[string]string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, mapEnv(env), strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

// TestMedComImport_FilesLikeTheInbox imports three vendors' messages and a broken one: each is
// answered with an acknowledgement file in the outbox dir; a second import of the same file says
// it was delivered before and writes the same acknowledgement again.
func TestMedComImport_FilesLikeTheInbox(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			outbox, in := t.TempDir(), t.TempDir()
			env := medcomEnv(t, storetest.URL(t, d), outbox)
			files := []string{"../../models/medcom/testdata/vendor_a_absolute.json", "../../models/medcom/testdata/vendor_b_urnuuid.json",
				"../../models/medcom/testdata/vendor_c_relative.json"}
			broken := filepath.Join(in, "broken.json")
			if err := os.WriteFile(broken, []byte(`{"resourceType": "Bundle", "type": "mess`), 0o600); err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runWith(env, append([]string{"medcom", "import"}, append(files, broken)...)...)
			if code != 0 {
				t.Fatalf("%d %s %s", code, out, errOut)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 4 || strings.Count(out, "acknowledged ok") != 3 || !strings.Contains(lines[3], "acknowledged fatal-error: The message is not valid JSON") {
				t.Fatalf("%s", out)
			}
			acks, _ := os.ReadDir(outbox)
			if len(acks) != 4 {
				t.Fatalf("%d acknowledgement files", len(acks))
			}
			for _, a := range acks {
				raw, _ := os.ReadFile(filepath.Join(outbox, a.Name()))
				if _, p := medcom.ReadAcknowledgement(raw); p != nil {
					t.Fatalf("%s: %v", a.Name(), p)
				}
			}
			code, out, _ = runWith(env, "medcom", "import", files[0])
			if code != 0 || !strings.Contains(out, "(delivered before)") {
				t.Fatalf("%d %s", code, out)
			}
			if acks, _ := os.ReadDir(outbox); len(acks) != 4 {
				t.Fatalf("the second delivery's acknowledgement is the first one's: %d files", len(acks))
			}
			if code, _, _ := runWith(env, "medcom", "import", filepath.Join(in, "missing.json")); code == 0 {
				t.Fatal("a missing file is an error")
			}
		})
	}
}

// TestMedComConfig_RefusesWithoutKey: MedCom on without CPR_ENCRYPTION_KEY stops start-up; MedCom
// off needs nothing.
func TestMedComConfig_RefusesWithoutKey(t *testing.T) {
	env := medcomEnv(t, "", t.TempDir())
	delete(env, "CPR_ENCRYPTION_KEY")
	if _, err := loadConfig(mapEnv(env)); err == nil || !strings.Contains(err.Error(), "CPR_ENCRYPTION_KEY") {
		t.Fatalf("%v", err)
	}
	env["CPR_ENCRYPTION_KEY"] = "too short"
	if _, err := loadConfig(mapEnv(env)); err == nil {
		t.Fatal("a short key must be refused")
	}
	cfg, err := loadConfig(mapEnv(map[string]string{}))
	if err != nil || cfg.MedCom.enabled() {
		t.Fatalf("%v", err)
	}
	if _, err := loadConfig(mapEnv(map[string]string{"CPR_ENCRYPTION_KEY": testCPRKey})); err == nil {
		t.Fatal("a key without MEDCOM_RECEIVER_SOR is a mistake")
	}
	env = medcomEnv(t, "", t.TempDir())
	env["MEDCOM_GATEWAY_URL"] = "https://gw.example.dk/in"
	if _, err := loadConfig(mapEnv(env)); err == nil {
		t.Fatal("both a folder and a URL is ambiguous")
	}
}
