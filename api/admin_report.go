package api

import (
	"bytes"
	"slices"
	"strings"

	"brobygger/models"
	"brobygger/models/report"

	"github.com/gofiber/fiber/v2"
)

// handleReport answers the commissioner's report as JSON (admins only, audited): aggregate
// figures about the citizens referred in the period, every group of fewer than five hidden.
func (h *handlers) handleReport(c *fiber.Ctx) error {
	r, p, err := h.CommissionerReport(c)
	if err != nil {
		return err
	}
	h.Audit(c, "commissioner_report", "report", p.FromDate+".."+p.ToDate)
	return c.JSON(r)
}

// handleReportCSV answers one of the report's tables as CSV (?table=, one of report.TableNames).
func (h *handlers) handleReportCSV(c *fiber.Ctx) error {
	name := c.Query("table")
	if !slices.Contains(report.TableNames, name) {
		return models.Invalid("table", "The table must be one of %s.", strings.Join(report.TableNames, ", "))
	}
	r, p, err := h.CommissionerReport(c)
	if err != nil {
		return err
	}
	t, _ := r.TableByName(name)
	var buf bytes.Buffer
	if err := t.WriteCSV(&buf); err != nil {
		return err
	}
	h.Audit(c, "commissioner_report_csv", "report", name+":"+p.FromDate+".."+p.ToDate)
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="report-`+name+"-"+p.FromDate+"-"+p.ToDate+`.csv"`)
	return c.Send(buf.Bytes())
}
