package api

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// citizenTexts is what the citizen API says, in Danish and English. The domain's errors are
// written in English; for a Danish citizen they are answered from this catalogue: by code and
// field, then by the exact sentence, then by code alone, so no error reaches a Danish citizen in
// English.
//
//go:embed citizen_texts.json
var citizenTextsJSON []byte

type citizenCatalogue struct {
	Texts           map[string]map[models.Lang]string `json:"texts"`
	ErrorsByField   map[string]string                 `json:"errors_by_field"`
	ErrorsByMessage map[string]string                 `json:"errors_by_message"`
	ErrorsByCode    map[string]string                 `json:"errors_by_code"`
}

func loadCitizenCatalogue() (*citizenCatalogue, error) {
	var cat citizenCatalogue
	if err := json.Unmarshal(citizenTextsJSON, &cat); err != nil {
		return nil, fmt.Errorf("api/citizen_texts.json: %w", err)
	}
	return &cat, nil
}

// text is a catalogue text in lang (Danish when lang has none).
func (cat *citizenCatalogue) text(key string, lang models.Lang) string {
	if s, ok := cat.Texts[key][lang]; ok {
		return s
	}
	return cat.Texts[key][models.LangDA]
}

// localise rewrites an error's message into lang; English keeps the domain's own sentence.
func (cat *citizenCatalogue) localise(d errorDetail, lang models.Lang) errorDetail {
	if lang == models.LangEN {
		return d
	}
	if s, ok := cat.ErrorsByField[d.Code+":"+d.Field]; ok && d.Field != "" {
		d.Message = s
	} else if s, ok := cat.ErrorsByMessage[d.Message]; ok {
		d.Message = s
	} else if s, ok := cat.ErrorsByCode[d.Code]; ok {
		d.Message = s
	}
	return d
}

// isCitizenPath says whether a path belongs to the citizen API, which answers in the citizen's
// language; staff routes and webhooks answer in English.
func isCitizenPath(path string) bool {
	return path == "/v1/me" || strings.HasPrefix(path, "/v1/me/") || strings.HasPrefix(path, "/v1/auth/citizen/")
}

// citizenLanguage is the language to answer a citizen request in: the signed-in citizen's stored
// language, else the best of da and en in Accept-Language, else Danish.
func (h *handlers) citizenLanguage(c *fiber.Ctx) models.Lang {
	if p := operations.Caller(c); p.Role == operations.RoleCitizen && p.ID != "" {
		if ct, err := h.deps.Store.CitizenByID(c.UserContext(), p.ID); err == nil && ct.Language.Valid() {
			return ct.Language
		}
	}
	return acceptLanguage(c.Get(fiber.HeaderAcceptLanguage))
}

// acceptLanguage picks da or en from an Accept-Language header by quality, Danish on a tie or
// when neither is named.
func acceptLanguage(header string) models.Lang {
	best, bestQ := models.LangDA, 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		base, _, _ := strings.Cut(strings.ToLower(tag), "-")
		if (base == "da" || base == "en") && q > bestQ {
			best, bestQ = models.Lang(base), q
		}
	}
	return best
}

// citizenText is a catalogue text in the language of the request's citizen.
func (h *handlers) citizenText(c *fiber.Ctx, key string) string {
	return h.citizenTexts.text(key, h.citizenLanguage(c))
}

// localiseError answers citizen API errors in the citizen's language.
func (h *handlers) localiseError(c *fiber.Ctx, d errorDetail) errorDetail {
	if !isCitizenPath(c.Path()) {
		return d
	}
	return h.citizenTexts.localise(d, h.citizenLanguage(c))
}
