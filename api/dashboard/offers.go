package dashboard

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// dashOffersLimit is how many offers the directory page lists; the first site has about 70.
const dashOffersLimit = 500

type offersPage struct {
	dashPage
	Query         string
	Offers        []offerRowView
	ImportMessage string
	RowErrors     []models.RowError
}

type offerRowView struct {
	Title, Organisation, Place string
	Sessions                   []string
	Active                     bool
}

// HandleOffers lists the offer directory with a search box and the CSV import form.
func (h *Handlers) HandleOffers(c *fiber.Ctx) error {
	view, err := h.offersView(c, c.Query("q"))
	if err != nil {
		return err
	}
	if c.Query("imported") != "" {
		view.Notice = h.dash.locale(dashLang(c)).T("offers.import.done")
	}
	return h.dash.render(c, fiber.StatusOK, dashLang(c), "offers", view)
}

// HandleImportOffers imports an uploaded CSV. Any broken row imports nothing, and the page
// shows every broken row with its number and field so the spreadsheet can be fixed.
func (h *Handlers) HandleImportOffers(c *fiber.Ctx) error {
	data, err := h.uploadedCSV(c)
	if err != nil {
		return h.renderImportErrors(c, fiber.StatusBadRequest, []models.RowError{{Message: h.dash.locale(dashLang(c)).T("offers.import.nofile")}})
	}
	sheet, err := models.ParseOfferCSV(data)
	if err == nil {
		_, err = h.Store.CreateOffersBy(c.UserContext(), sheet.Offers, operations.Caller(c).ID)
	}
	var ie *models.ImportError
	if errors.As(err, &ie) {
		return h.renderImportErrors(c, fiber.StatusUnprocessableEntity, ie.Rows)
	}
	if err != nil {
		return err
	}
	h.Audit(c, "import_offers", "offer", fmt.Sprintf("%d offers", len(sheet.Offers)))
	return c.Redirect(fmt.Sprintf("/dashboard/offers?imported=%d", len(sheet.Offers)), fiber.StatusSeeOther)
}

// uploadedCSV reads the uploaded spreadsheet, at most the body limit.
func (h *Handlers) uploadedCSV(c *fiber.Ctx) ([]byte, error) {
	fh, err := c.FormFile("csv")
	if err != nil {
		return nil, err
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, h.cfg.BodyLimit))
}

func (h *Handlers) renderImportErrors(c *fiber.Ctx, status int, rows []models.RowError) error {
	view, err := h.offersView(c, "")
	if err != nil {
		return err
	}
	view.ImportMessage, view.RowErrors = h.dash.locale(dashLang(c)).T("offers.import.failed"), rows
	return h.dash.render(c, status, dashLang(c), "offers", view)
}

func (h *Handlers) offersView(c *fiber.Ctx, q string) (offersPage, error) {
	page, err := h.Store.ListOffers(c.UserContext(), models.OfferQuery{Text: q, Limit: dashOffersLimit})
	if err != nil {
		return offersPage{}, err
	}
	loc := h.dash.locale(dashLang(c))
	view := offersPage{dashPage: h.page(c, "offers", "offers.title"), Query: q}
	for _, o := range page.Offers {
		row := offerRowView{Title: o.Title, Organisation: o.Organisation, Active: o.Active,
			Place: strings.Trim(strings.Join([]string{o.AddressLine, strings.TrimSpace(o.PostalCode + " " + o.City)}, ", "), ", ")}
		for _, s := range o.Schedules {
			row.Sessions = append(row.Sessions, fmt.Sprintf("%s %s–%s", loc.T(fmt.Sprintf("weekday.%d", s.Weekday)), s.StartTime, s.EndTime))
		}
		view.Offers = append(view.Offers, row)
	}
	return view, nil
}
