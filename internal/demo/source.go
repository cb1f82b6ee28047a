// Package demo loads the demonstration province, Lai Châu, into the
// register: its apparatus before 2025 and the 2025 restructuring, recorded
// as decisions and operations, so that the register answers differently on
// 2025-01-01, 2025-06-01 and 2025-07-01.
//
// The shipped data (data/lai-chau.json) is a researched skeleton of the
// province with a confidence mark on every unit and operation; this package
// translates its operations into the register's operation kinds.
package demo

import (
	_ "embed"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
)

//go:embed data/lai-chau.json
var laiChauJSON []byte

//go:embed data/lai-chau-communes-2025.csv
var communesCSV string

// Province is Lai Châu's code, the register's province key for the demo.
const Province = "12"

type srcUnit struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	FullName   string `json:"full_name"`
	Type       string `json:"type"`
	Level      string `json:"level"`
	Parent     string `json:"parent"`
	AdminArea  string `json:"admin_area"`
	KeepsName  string `json:"keeps_name_of"`
	BasisOf    string `json:"established_on_basis_of"`
	Converted  string `json:"converted_from"`
	Confidence string `json:"confidence"`
}

type srcReparent struct {
	Unit      string `json:"unit"`
	NewParent string `json:"new_parent"`
	NewName   string `json:"new_name"`
	NewLevel  string `json:"new_level"`
}

type srcTransfer struct {
	Function string `json:"function"`
	From     string `json:"from"`
	To       string `json:"to"`
}

type srcOp struct {
	ID        string        `json:"id"`
	Seq       int           `json:"seq"`
	SeedItem  string        `json:"seed_item"`
	Kind      string        `json:"kind"`
	Level     string        `json:"level"`
	Date      string        `json:"effective_date"`
	Summary   string        `json:"summary"`
	Inputs    []string      `json:"inputs"`
	Ends      []string      `json:"ends"`
	Creates   []srcUnit     `json:"creates"`
	Reparent  []srcReparent `json:"reparent"`
	Transfers []srcTransfer `json:"function_transfers"`
	Renames   []struct {
		Unit    string `json:"unit"`
		NewName string `json:"new_name"`
	} `json:"renames"`
	Confidence string `json:"confidence"`
}

type source struct {
	Units      []srcUnit `json:"units"`
	Operations []srcOp   `json:"operations"`
}

func loadSource() (source, error) {
	var s source
	if err := json.Unmarshal(laiChauJSON, &s); err != nil {
		return s, fmt.Errorf("demo data: %w", err)
	}
	return s, nil
}

// commune is a commune of the 2025 two-tier province.
type commune struct{ Code, Name, Type string }

func loadCommunes() ([]commune, error) {
	rows, err := csv.NewReader(strings.NewReader(communesCSV)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("demo communes: %w", err)
	}
	var out []commune
	for _, r := range rows[1:] {
		out = append(out, commune{Code: r[0], Name: r[1], Type: r[2]})
	}
	return out, nil
}
