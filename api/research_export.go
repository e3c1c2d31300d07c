package api

import (
	"bytes"
	"errors"

	"brobygger/models"
	"brobygger/models/research"

	"github.com/gofiber/fiber/v2"
)

// handleResearchExport writes the pseudonymised research export (admin only, audited). Without
// RESEARCH_PSEUDONYM_KEY it refuses with 503: the service is not configured for research, and
// nothing identifying is ever sent instead. ?format=codebook answers the codebook (Markdown).
// The key file is not offered here at all: it is the CLI's, for named key holders only.
func (h *handlers) handleResearchExport(c *fiber.Ctx) error {
	format := c.Query("format", "csv")
	filter, from, to, err := h.researchFilter(c)
	if err != nil {
		return err
	}
	pseudo, err := research.NewPseudonymiser(h.deps.ResearchPseudonymKey)
	if err != nil {
		return &models.Error{Code: eUNAVAILABLE, Message: researchKeyMessage(err)}
	}
	loc := h.LocalZone()
	if format == "codebook" {
		h.Audit(c, "research_codebook", "research_export", format)
		var buf bytes.Buffer
		info := research.CodebookInfo{GeneratedAt: h.deps.Now(), From: from, To: to,
			Instruments: models.ResearchInstrumentVersions(h.deps.Bot.Instruments()), TimeZone: loc.String()}
		if err := research.WriteCodebook(&buf, info); err != nil {
			return err
		}
		c.Set(fiber.HeaderContentType, "text/markdown; charset=utf-8")
		return c.Send(buf.Bytes())
	}
	f, ok := research.ParseFormat(format)
	if !ok {
		return models.Invalid("format", "The format must be csv, json or codebook.")
	}
	var buf bytes.Buffer
	if _, err := h.deps.Store.WriteResearchExport(c.UserContext(), &buf, models.ResearchExport{Filter: filter, Format: f,
		Pseudo: pseudo, Location: loc}); err != nil {
		return err
	}
	// Audited once written: the log says an export left, with its format and period.
	h.Audit(c, "research_export", "research_export", string(f)+":"+from+".."+to)
	c.Set(fiber.HeaderContentType, f.ContentType())
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="research-export.`+string(f)+`"`)
	return c.Send(buf.Bytes())
}

// researchFilter reads ?from= and ?to= (dates of the referral, both inclusive, in the site's
// time zone).
func (h *handlers) researchFilter(c *fiber.Ctx) (models.ResearchFilter, string, string, error) {
	from, to := c.Query("from"), c.Query("to")
	f, err := models.ParseResearchPeriod(from, to, h.LocalZone())
	return f, from, to, err
}

// researchKeyMessage says why the export cannot run, in words an admin can act on.
func researchKeyMessage(err error) string {
	if errors.Is(err, research.ErrShortKey) {
		return "The research export is not available: RESEARCH_PSEUDONYM_KEY is shorter than 32 characters."
	}
	return "The research export is not available: RESEARCH_PSEUDONYM_KEY is not set, and the export never runs without pseudonyms."
}
