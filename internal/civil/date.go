// Package civil holds the calendar date used on the valid-time axis: a day
// without a clock or a zone, written YYYY-MM-DD in the API and the database.
package civil

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar day. The zero Date means "not set": an open start or
// end of a valid interval.
type Date struct {
	t time.Time // midnight UTC; zero when unset
}

// Layout is the wire and storage form of a Date.
const Layout = "2006-01-02"

// Parse reads a YYYY-MM-DD date and rejects impossible days such as 2025-13-45.
func Parse(s string) (Date, error) {
	t, err := time.Parse(Layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("ngày %q không hợp lệ, cần dạng YYYY-MM-DD", s)
	}
	return Date{t: t}, nil
}

// MustParse is Parse for dates known to be valid (tests, shipped data).
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Of returns the calendar day of t in t's location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// Today is the current day in Vietnam (UTC+7), where every decision is dated.
func Today() Date { return Of(time.Now().In(vietnam)) }

var vietnam = time.FixedZone("ICT", 7*3600)

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d.t.IsZero() }

// String is YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(Layout)
}

// VN is the date as Vietnamese users write it: dd/mm/yyyy.
func (d Date) VN() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("02/01/2006")
}

// Before reports whether d is strictly before e. Both must be set.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is strictly after e. Both must be set.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return Date{t: d.t.AddDate(0, 0, n)} }

// Time is midnight UTC of the date.
func (d Date) Time() time.Time { return d.t }

// MarshalJSON writes "YYYY-MM-DD" or null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD", "" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("ngày phải là chuỗi YYYY-MM-DD")
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	p, err := Parse(s)
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Value stores the date as YYYY-MM-DD text (a DATE column on PostgreSQL), NULL when unset.
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a DATE (time.Time from PostgreSQL) or YYYY-MM-DD text (SQLite).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = Of(v.UTC())
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	default:
		return fmt.Errorf("civil: cannot scan %T into Date", src)
	}
	return nil
}

func (d *Date) scanText(s string) error {
	if len(s) > len(Layout) {
		s = s[:len(Layout)]
	}
	p, err := time.Parse(Layout, s)
	if err != nil {
		return fmt.Errorf("civil: scan %q: %w", s, err)
	}
	*d = Date{t: p}
	return nil
}

// Days is the date as days since 1970-01-01, for compact in-memory columns.
func (d Date) Days() int32 {
	s := d.t.Unix()
	q := s / 86400
	if s%86400 < 0 {
		q-- // floor, for dates before 1970
	}
	return int32(q)
}
