package schemesheet

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"tinhgon/internal/function"
	"tinhgon/internal/org"
	"tinhgon/internal/scheme"
	"tinhgon/internal/staff"
	"tinhgon/internal/vntext"
)

// Labels are written in Vietnamese and read back from their code or their
// label, in any case and with or without diacritics, as users retype them.

var levels = []org.Level{org.LevelCentral, org.LevelProvince, org.LevelDistrict, org.LevelCommune}

var pillars = []org.Pillar{org.PillarParty, org.PillarState, org.PillarFront, org.PillarPublicService, org.PillarEnterprise}

// parseLevel reads a level; "Cấp tỉnh" may be typed "tỉnh".
func parseLevel(s string) (org.Level, bool) {
	return match(levels, s, func(l org.Level) string { return org.LevelLabel(l) }, "cap ")
}

// parsePillar reads a pillar; "Khối Đảng" may be typed "Đảng".
func parsePillar(s string) (org.Pillar, bool) {
	return match(pillars, s, func(p org.Pillar) string { return org.PillarLabel(p) }, "khoi ")
}

func opKinds() []org.OpKind {
	kinds := make([]org.OpKind, len(org.OpKinds))
	for i, k := range org.OpKinds {
		kinds[i] = k.Kind
	}
	return kinds
}

func parseOpKind(s string) (org.OpKind, bool) { return match(opKinds(), s, org.OpKind.Label, "") }

// parseUnitKind maps a known label to its code; any other text is taken as
// a code, since provinces have kinds of their own.
func parseUnitKind(s string) string {
	key := vntext.Fold(s)
	for code, label := range org.KindLabels {
		if vntext.Fold(label) == key {
			return code
		}
	}
	return s
}

func parsePost(s string) (staff.Post, bool) { return labelled(staff.Posts, s) }

func parseCategory(s string) (staff.Category, bool) { return labelled(staff.Categories[:], s) }

func parseRole(s string) (function.Role, bool) { return function.ParseRole(s) }

func labelled[T ~string](list []staff.Labelled[T], s string) (T, bool) {
	codes := make([]T, len(list))
	labels := make(map[T]string, len(list))
	for i, l := range list {
		codes[i], labels[l.Code] = l.Code, l.Label
	}
	return match(codes, s, func(c T) string { return labels[c] }, "")
}

// policyLabel is the label of a policy code, the code itself if unknown.
func policyLabel(code string) string {
	for _, p := range scheme.Policies() {
		if p.Code == code {
			return p.Label
		}
	}
	return code
}

func parsePolicy(s string) (string, bool) {
	ps := scheme.Policies()
	codes := make([]string, len(ps))
	for i, p := range ps {
		codes[i] = p.Code
	}
	return match(codes, s, policyLabel, "")
}

// match finds s among codes by the code or the folded label, with or
// without a prefix (folded) the labels share.
func match[T ~string](codes []T, s string, label func(T) string, prefix string) (T, bool) {
	key := strings.TrimPrefix(vntext.Fold(s), prefix)
	for _, c := range codes {
		if strings.EqualFold(string(c), strings.TrimSpace(s)) || strings.TrimPrefix(vntext.Fold(label(c)), prefix) == key {
			return c, true
		}
	}
	var zero T
	return zero, false
}

// choices lists labels for an error message.
func choices[T any](list []T, label func(T) string) string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = "«" + label(x) + "»"
	}
	return strings.Join(out, ", ")
}

// parseYes reads a flag: "Có", "x", "1" or "true" set it; empty, "Không",
// "0" or "false" clear it.
func parseYes(s string) (bool, bool) {
	switch vntext.Fold(s) {
	case "co", "x", "1", "true", "yes":
		return true, true
	case "", "khong", "0", "false", "no":
		return false, true
	}
	return false, false
}

// parseCount reads a whole number, as typed or as Excel stores it ("5" or "5.0").
func parseCount(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		return 0, false
	}
	return int(f), true
}

// splitRefs splits a cell of unit references joined by ";" or line breaks.
func splitRefs(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// quote shortens a cell's text for an error message.
func quote(s string) string {
	if r := []rune(s); len(r) > 60 {
		s = string(r[:60]) + "…"
	}
	return fmt.Sprintf("«%s»", s)
}
