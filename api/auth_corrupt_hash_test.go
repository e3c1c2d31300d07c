package api_test

import (
	"brobygger/api/apitest"
	"context"
	"strings"
	"testing"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestStaffLogin_CorruptHashIs401AndLogged: a corrupt hash row (p=0) made argon2 panic inside
// the login. The login now fails like a wrong password, on the API and the dashboard, and the
// log names the account to repair without the hash.
func TestStaffLogin_CorruptHashIs401AndLogged(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			logs := &syncBuffer{}
			e := newLoggedAPIEnv(t, d, logs)
			st, _ := e.Staff("lw@example.dk", models.RoleLinkWorker)
			const salt = "c29tZXNhbHRzb21lc2FsdA"
			corrupt := "$argon2id$v=19$m=65536,t=3,p=0$" + salt + "$0N7m2Yy3Tz3U2UzJk8ZQ3mWqvK0Jb1m8b7yU0l8pQ0c"
			db, err := e.Store.SQLDB()
			if err != nil {
				t.Fatal(err)
			}
			query := "UPDATE staff SET password_hash = ? WHERE id = ?"
			if d == models.Postgres {
				query = "UPDATE staff SET password_hash = $1 WHERE id = $2"
			}
			if _, err := db.ExecContext(context.Background(), query, corrupt, st.ID); err != nil {
				t.Fatal(err)
			}
			res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/staff/login",
				map[string]string{"email": "lw@example.dk", "password": "correct horse battery"}, ""))
			if res.Status != 401 || res.ErrorCode(t) != "EUNAUTHORIZED" {
				t.Fatalf("API login with a corrupt hash: %d %s", res.Status, res.Body)
			}
			if res := apitest.Browser(e).Login("lw@example.dk", "correct horse battery"); res.Status != 401 {
				t.Fatalf("dashboard login with a corrupt hash: %d", res.Status)
			}
			log := logs.String()
			if strings.Count(log, "stored password hash is unreadable") != 2 || !strings.Contains(log, st.ID) ||
				strings.Contains(log, salt) || strings.Contains(log, "panic") {
				t.Fatalf("want the account logged twice without its hash, got:\n%s", log)
			}
		})
	}
}
