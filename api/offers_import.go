package api

import (
	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type importResponse struct {
	Imported       int      `json:"imported"`
	IDs            []string `json:"ids"`
	IgnoredColumns []string `json:"ignored_columns"`
}

// importPreview answers a dry run: what would be imported, so the link worker can check how
// the free-text schedules were read before anything is written.
type importPreview struct {
	DryRun         bool                `json:"dry_run"`
	Valid          int                 `json:"valid"`
	IgnoredColumns []string            `json:"ignored_columns"`
	Offers         []importPreviewItem `json:"offers"`
}

type importPreviewItem struct {
	Row int `json:"row"`
	offerFields
	Schedules []scheduleBody `json:"schedules"`
}

// handleImportOffers reads a directory spreadsheet (text/csv) and creates every offer in one
// transaction, or none: any bad row answers 422 with a report of all of them. ?dry_run=true
// checks and previews without writing.
func (h *handlers) handleImportOffers(c *fiber.Ctx) error {
	if !hasContentType(c, "text/csv") {
		return models.Errorf(eUNSUPPORTED, "The body must be text/csv.")
	}
	dryRun, err := optionalBoolQuery(c, "dry_run")
	if err != nil {
		return err
	}
	sheet, err := models.ParseOfferCSV(c.Body())
	if err != nil {
		return err
	}
	ignored := append([]string{}, sheet.Ignored...)
	if dryRun != nil && *dryRun {
		return c.JSON(previewOf(sheet, ignored))
	}
	ids, err := h.deps.Store.CreateOffersBy(c.UserContext(), sheet.Offers, operations.Caller(c).ID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		h.Audit(c, "import_offer", "offer", id)
	}
	return c.Status(fiber.StatusCreated).JSON(importResponse{Imported: len(ids), IDs: ids, IgnoredColumns: ignored})
}

func previewOf(sheet *models.OfferCSV, ignored []string) importPreview {
	out := importPreview{DryRun: true, Valid: len(sheet.Offers), IgnoredColumns: ignored,
		Offers: make([]importPreviewItem, 0, len(sheet.Offers))}
	for i := range sheet.Offers {
		o := &sheet.Offers[i]
		out.Offers = append(out.Offers, importPreviewItem{Row: sheet.Rows[i], offerFields: offerFieldsOf(o), Schedules: schedulesOf(o.Schedules)})
	}
	return out
}
