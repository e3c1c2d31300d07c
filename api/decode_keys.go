package api

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"

	"brobygger/models"
)

// checkJSONKeys refuses what encoding/json would quietly accept: a key given twice in one object
// (the last would win, unseen by whoever checked the first) and, at the top level, a key that
// matches a field only when case is folded ("Phone" for "phone"). Field names match exactly.
func checkJSONKeys(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	type frame struct {
		object bool
		seen   map[string]bool
		expect bool // the next token in this object is a key
	}
	var stack []*frame
	exact := exactFieldNames(v)
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // syntax problems are the decoder's to report
		}
		key, isKey := tok.(string)
		if isKey && len(stack) > 0 && stack[len(stack)-1].object && stack[len(stack)-1].expect {
			f := stack[len(stack)-1]
			if f.seen[key] {
				return models.Invalid(key, "The field %s is given twice.", key)
			}
			f.seen[key] = true
			f.expect = false
			if len(stack) == 1 && exact != nil && !exact[key] {
				return models.Invalid(key, "The field %s is not allowed here (field names are matched exactly).", key)
			}
			continue
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, &frame{object: true, seen: map[string]bool{}, expect: true})
			continue
		case json.Delim('['):
			stack = append(stack, &frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 && stack[len(stack)-1].object {
			stack[len(stack)-1].expect = true
		}
	}
}

// exactFieldNames lists the JSON names of a struct's fields (nil: not a struct, nothing to check).
func exactFieldNames(v any) map[string]bool {
	t := reflect.TypeOf(v)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return nil
	}
	names := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			return nil // embedded structs: leave to the decoder
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		names[name] = true
	}
	return names
}
