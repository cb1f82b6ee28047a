package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"tinhgon/internal/areas"
	"tinhgon/internal/civil"
	"tinhgon/internal/gen"
	"tinhgon/internal/org"
	"tinhgon/internal/progress"
	"tinhgon/internal/staff"
	"tinhgon/internal/store"
)

// runGen generates the national dataset and loads it into an empty
// register under gen.Province: the fixture benchmarks run on.
func runGen(ctx context.Context, env Env, args []string) error {
	fs := newFlags("gen", env)
	var c common
	c.bind(fs, env)
	pf := fs.Lookup("province")
	pf.Usage, pf.DefValue = "luôn là "+gen.Province+": bộ dữ liệu cả nước ở một sổ đăng ký", gen.Province
	nat := gen.National()
	people := fs.Int("people", nat.People, "số người (kể cả người đã nghỉ trước 01/07/2025)")
	provinces := fs.Int("provinces", nat.Provinces, "số tỉnh, theo thứ tự mã; 34 là cả nước")
	seed := fs.Uint64("seed", nat.Seed, "hạt giống: cùng hạt giống và cùng số liệu cho cùng một bộ dữ liệu")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: lệnh gen không nhận đối số %q (xem tinhgon gen -h)", ErrUsage, pos[0])
	}
	if err := provinceFlagUnset(fs); err != nil {
		return err
	}
	if *people <= 0 || *provinces < 0 {
		return fmt.Errorf("%w: --people phải dương và --provinces không âm", ErrUsage)
	}
	c.province = gen.Province
	db, prov, err := c.openProvince(ctx, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := refuseFilled(ctx, prov.Org, prov.Staff); err != nil {
		return err
	}
	set, err := areas.Default()
	if err != nil {
		return fmt.Errorf("đơn vị hành chính: %w", err)
	}

	cfg := gen.Config{Seed: *seed, People: *people, Provinces: *provinces}
	start := time.Now()
	bar := progress.New(env.Stderr, "Sinh dữ liệu", cfg.People)
	ds, err := gen.GenerateProgress(cfg, set, func(done, _ int) { bar.Set(done) })
	if err != nil {
		return err // before any person is made: nothing to finish
	}
	bar.Finish()
	genTime := time.Since(start)

	reg := db.Register(gen.Province)
	fmt.Fprintf(env.Stderr, "Nạp sổ đăng ký: %s đơn vị…\n", group(ds.Units))
	start = time.Now()
	if err := reg.BulkLoad(ctx, ds.Register); err != nil {
		return err
	}
	unitTime := time.Since(start)
	b := store.StaffBulk{People: ds.People, Assignments: ds.Assignments, Quotas: ds.Quotas}
	start = time.Now()
	bar = progress.New(env.Stderr, "Nạp nhân sự", len(b.People)+len(b.Assignments)+len(b.Quotas))
	err = reg.BulkStaff(ctx, b, func(done, _ int) { bar.Set(done) })
	bar.Finish()
	if err != nil {
		return err
	}
	staffTime := time.Since(start)
	// Benchmarks read right after the load: give the planner its
	// statistics now rather than whenever autovacuum gets to them.
	start = time.Now()
	if err := db.Analyze(ctx); err != nil {
		return err
	}
	statTime := time.Since(start)

	fmt.Fprintf(env.Stdout, "Đã sinh bộ dữ liệu (hạt giống %d, %d tỉnh) trong %s: %s đơn vị, %s người, %s việc bố trí, %s biên chế.\n",
		cfg.Seed, cfgProvinces(cfg, set), seconds(genTime), group(ds.Units), group(len(ds.People)), group(len(ds.Assignments)), group(len(ds.Quotas)))
	fmt.Fprintf(env.Stdout, "Đã nạp vào sổ đăng ký mã %s (%s): đơn vị %s, nhân sự %s, thống kê %s.\n",
		gen.Province, db.Engine, seconds(unitTime), seconds(staffTime), seconds(statTime))
	return nil
}

// provinceFlagUnset refuses a --province other than the national key: the
// dataset is the whole country's, never one province's register.
func provinceFlagUnset(fs *flag.FlagSet) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "province" && f.Value.String() != gen.Province {
			err = fmt.Errorf("%w: bộ dữ liệu cả nước luôn ghi vào sổ đăng ký mã %s, không dùng --province %s", ErrUsage, gen.Province, f.Value)
		}
	})
	return err
}

// refuseFilled refuses a register that already holds units, operations or
// people: the bulk load writes its rows as given and would mix two datasets.
func refuseFilled(ctx context.Context, reg *org.Register, st *staff.Service) error {
	// Units seeded before the register began show on any day; others
	// show today.
	for _, d := range []civil.Date{farPast, civil.Today()} {
		n, err := reg.Counts(ctx, org.Moment{AsOf: d})
		if err != nil {
			return err
		}
		if n.Total > 0 {
			return fmt.Errorf("sổ đăng ký mã %s đã có %s đơn vị; bộ dữ liệu chỉ nạp vào sổ trống (dùng một cơ sở dữ liệu mới)",
				gen.Province, group(n.Total))
		}
	}
	_, ops, err := reg.Store().ListOperations(ctx, org.OpFilter{Limit: 1, IncludeOld: true})
	if err != nil {
		return err
	}
	_, people, err := st.Store().ListPeople(ctx, staff.PeopleFilter{Limit: 1})
	if err != nil {
		return err
	}
	if ops > 0 || people > 0 {
		return fmt.Errorf("sổ đăng ký mã %s đã có dữ liệu (%d thao tác, %d người); bộ dữ liệu chỉ nạp vào sổ trống (dùng một cơ sở dữ liệu mới)",
			gen.Province, ops, people)
	}
	return nil
}

func cfgProvinces(cfg gen.Config, set *areas.Set) int {
	if n := len(set.Provinces2025()); cfg.Provinces <= 0 || cfg.Provinces > n {
		return n
	}
	return cfg.Provinces
}

// seconds writes a duration as Vietnamese does: "12,3 giây".
func seconds(d time.Duration) string {
	return strings.Replace(fmt.Sprintf("%.1f giây", d.Seconds()), ".", ",", 1)
}

// group writes n with dots between thousands: "2.500.000".
func group(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && c != '-' && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}
