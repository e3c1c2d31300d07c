package models_test

import (
	"errors"
	"testing"

	"brobygger/models"
	"golang.org/x/text/encoding/charmap"
)

// TestParseOfferCSV_ExcelVariants reads the same directory as Danish Excel's plain "CSV"
// (Windows-1252, ";") and as an English export (UTF-8, ",", quoted cells).
func TestParseOfferCSV_ExcelVariants(t *testing.T) {
	danish, err := charmap.Windows1252.NewEncoder().String("NAVN;Målgruppe;Kontakt;Telefon;Tidspunkt\r\n" +
		"Gåtur;Ældre;Søren Ørum søren@gå.dk;Tlf. 31 22 33 44;fredag 10-11\r\n")
	if err != nil {
		t.Fatal(err)
	}
	english := "Title,Target_Group,Contact,Phone,Schedule\n" +
		"Gåtur,Ældre,\"Søren Ørum, søren@gå.dk\",+45 31 22 33 44,Fri 10:00-11:00\n"
	for name, data := range map[string][]byte{"windows-1252": []byte(danish), "english": []byte(english)} {
		sheet, err := models.ParseOfferCSV(data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		o := sheet.Offers[0]
		if o.Title != "Gåtur" || o.TargetGroup != "Ældre" || o.ContactName != "Søren Ørum" || o.ContactEmail != "søren@gå.dk" ||
			o.ContactPhone != "+4531223344" || len(o.Schedules) != 1 || o.Schedules[0].Weekday != 5 || sheet.Rows[0] != 2 {
			t.Errorf("%s: %+v", name, o)
		}
	}
}

func TestParseOfferCSV_ReportsEveryRow(t *testing.T) {
	_, err := models.ParseOfferCSV([]byte("navn;tidspunkt;hjemmeside\n;mandag 9-10;\nA;;ftp://a.dk\nB;søndag 10-9;\n"))
	var ie *models.ImportError
	if !errors.As(err, &ie) || len(ie.Rows) != 3 || !models.IsCode(err, models.EINVALID) {
		t.Fatalf("want an import error with three rows, got %v", err)
	}
	want := []models.RowError{{Row: 2, Field: "title"}, {Row: 3, Field: "url"}, {Row: 4, Field: "schedule"}}
	for i, w := range want {
		if ie.Rows[i].Row != w.Row || ie.Rows[i].Field != w.Field || ie.Rows[i].Message == "" {
			t.Errorf("row problem %d: %+v, want %+v", i, ie.Rows[i], w)
		}
	}
}
