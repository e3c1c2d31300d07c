package bot

import (
	"encoding/json"
	"fmt"
)

// crisisLines are the numbers a safety text gives: 112 when life is in danger, the crisis line,
// and the region's medical helpline. They are data per region (data/crisis_lines.json).
type crisisLines struct {
	Emergency   string `json:"emergency"`
	CrisisLine  string `json:"crisis_line"`
	MedicalLine string `json:"medical_line"`
}

// defaultCrisisRegion is the first site's region.
const defaultCrisisRegion = "capital_region"

// LoadCrisisLines reads a region's crisis numbers ("" is the default region).
func LoadCrisisLines(region string) (crisisLines, error) {
	if region == "" {
		region = defaultCrisisRegion
	}
	raw, err := dataFiles.ReadFile("data/crisis_lines.json")
	if err != nil {
		return crisisLines{}, fmt.Errorf("load crisis lines: %w", err)
	}
	var file struct {
		Regions map[string]crisisLines `json:"regions"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		return crisisLines{}, fmt.Errorf("load crisis lines: %w", err)
	}
	lines, ok := file.Regions[region]
	if !ok || lines.Emergency == "" || lines.CrisisLine == "" || lines.MedicalLine == "" {
		return crisisLines{}, fmt.Errorf("load crisis lines: region %q has no complete set of numbers", region)
	}
	return lines, nil
}
