package api

import "testing"

func TestCheckJSONKeys(t *testing.T) {
	type req struct {
		Phone string `json:"phone"`
		Code  string `json:"code"`
	}
	cases := map[string]bool{
		`{}`:                                         true,
		`{"phone":{},"code":"x"}`:                    true,
		`{"phone":"1","code":"2"}`:                   true,
		`{"phone":"1","phone":"2"}`:                  false,
		`{"Phone":"1"}`:                              false,
		`{"phone":"1","code":{"a":1,"a":2}}`:         false,
		`{"phone":"1","code":[{"a":1},{"a":2}]}`:     true,
		`{"phone":"1","code":[{"a":1,"b":{"a":1}}]}`: true,
	}
	for body, ok := range cases {
		if err := checkJSONKeys([]byte(body), &req{}); (err == nil) != ok {
			t.Errorf("%s: %v, want ok=%v", body, err, ok)
		}
	}
}
