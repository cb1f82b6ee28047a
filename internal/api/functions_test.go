package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"tinhgon/internal/storetest"
)

// TestFunctions reads and writes the catalogue on a real loopback server
// with the demo: the catalogue as of days either side of the 2025
// operations, a function and its assignments recorded, an operation that
// leaves a function without a lead and an assignment that gives it two,
// each found by GET /findings.
func TestFunctions(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		srv := demoServer(t, fresh(t))
		type step struct {
			name, method, path, body string
			status                   int
			want, not                []string
		}
		steps := []step{
			{"catalogue before the merges", "GET", "/api/v1/functions?as_of=2025-01-01&q=giao%20duc%20nghe%20nghiep", "", 200,
				[]string{`"total":1`, `"code":"ld.gdnn"`, `"lead_units":[{"id":`, `"name":"Sở Lao động - Thương binh và Xã hội"`}, nil},
			{"catalogue after the merges", "GET", "/api/v1/functions?as_of=2025-07-15&q=giao%20duc%20nghe%20nghiep", "", 200,
				[]string{`"name":"Sở Giáo dục và Đào tạo"`}, []string{"Thương binh"}},
			{"by field, paged", "GET", "/api/v1/functions?as_of=2025-07-15&field=" + url.QueryEscape("Mặt trận Tổ quốc") + "&limit=2&offset=1", "", 200,
				[]string{`"total":4`, `"limit":2`, `"offset":1`, `"coordinating_units":[`}, nil},
			{"of a unit", "GET", "/api/v1/functions?as_of=2025-07-15&unit=s2.dttg", "", 200, []string{`"code":"nv.tongiao"`, `"code":"dt.dantoc"`}, nil},
			{"one function with its history", "GET", "/api/v1/functions/ld.baotro?as_of=2025-07-15", "", 200,
				[]string{`"name":"Sở Y tế"`, `"versions":[`, `"operation_id":`, `"valid_to":"2025-03-01"`}, nil},
			{"a unit's functions", "GET", "/api/v1/units/mt.tinh/functions?as_of=2025-07-15", "", 200,
				[]string{`"role":"lead"`, `"code":"mttq.giamsat"`, `"code":"doan.thanhnien"`, `"role":"coordinate"`}, nil},
			{"clean on the demo's last day", "GET", "/api/v1/findings?as_of=2025-07-15&rule=mot-viec-mot-chu-tri", "", 200, []string{`"total":0`}, nil},
			{"new function", "POST", "/api/v1/functions", `{"code":"vp.sohoa","name":"Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính","field":"Văn phòng","valid_from":"2025-08-01"}`, 201,
				[]string{`"code":"vp.sohoa"`, `"lead_units":[]`}, nil},
			{"new function without a field", "POST", "/api/v1/functions", `{"code":"vp.x","name":"Thiếu lĩnh vực"}`, 422, []string{`"field":"field"`, "thiếu lĩnh vực"}, nil},
			{"omitted until led", "GET", "/api/v1/findings?as_of=2025-08-01&rule=mot-viec-mot-chu-tri", "", 200,
				[]string{`"total":1`, `"rule":"mot-viec-mot-chu-tri-bo-sot"`, "«Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính» (vp.sohoa)", "18-NQ/TW"}, nil},
			{"led", "POST", "/api/v1/function-assignments", `{"function":"vp.sohoa","unit":"s.vpubnd","role":"lead","valid_from":"2025-08-01"}`, 201,
				[]string{`"role":"lead"`, `"valid_from":"2025-08-01"`}, nil},
			{"a unit not alive", "POST", "/api/v1/function-assignments", `{"function":"vp.sohoa","unit":"s.ldtbxh","role":"coordinate","valid_from":"2025-08-01"}`, 422,
				[]string{`"field":"unit"`, "không hoạt động"}, nil},
			{"clean once led", "GET", "/api/v1/findings?as_of=2025-08-01&rule=mot-viec-mot-chu-tri", "", 200, []string{`"total":0`}, nil},
			{"a second lead", "POST", "/api/v1/function-assignments", `{"function":"vp.sohoa","unit":"s2.noivu","role":"chủ trì","valid_from":"2025-09-01"}`, 201, nil, nil},
			{"overlap from the day the second lead starts", "GET", "/api/v1/findings?as_of=2025-09-01", "", 200,
				[]string{`"rule":"mot-viec-mot-chu-tri-chong-cheo"`, "chồng chéo", "Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh"}, nil},
			{"not the day before", "GET", "/api/v1/findings?as_of=2025-08-31&rule=mot-viec-mot-chu-tri", "", 200, []string{`"total":0`}, nil},
			{"two bodies to restructure", "POST", "/api/v1/operations",
				`{"kind":"establish","effective_date":"2025-08-01","decision":{"number":"29/QĐ-UBND","issuer":"UBND tỉnh"},
				"outputs":[{"code":"thu.a","name":"Ban Thử nghiệm A","kind":"admin_org","pillar":"state","level":"province","parent_id":"st.ubnd"},
				{"code":"thu.b","name":"Ban Thử nghiệm B","kind":"admin_org","pillar":"state","level":"province","parent_id":"st.ubnd"}]}`, 201, nil, nil},
		}
		for i, f := range []string{"thu.f1", "thu.f2", "thu.f3", "thu.f4"} {
			unit := "thu.a"
			if i >= 2 {
				unit = "thu.b"
			}
			steps = append(steps,
				step{"function " + f, "POST", "/api/v1/functions", `{"code":"` + f + `","name":"Việc thử ` + f + `","field":"Thử nghiệm","valid_from":"2025-08-01"}`, 201, nil, nil},
				step{"led by " + unit, "POST", "/api/v1/function-assignments", `{"function":"` + f + `","unit":"` + unit + `","role":"lead","valid_from":"2025-08-01"}`, 201, nil, nil})
		}
		steps = append(steps, []step{
			{"a split that leaves functions unallocated", "POST", "/api/v1/operations",
				`{"kind":"split","inputs":["thu.a"],"effective_date":"2025-10-01","decision":{"number":"30/QĐ-UBND","issuer":"UBND tỉnh"},
				"outputs":[{"code":"thu.a1","name":"Ban Thử nghiệm A1"},{"code":"thu.a2","name":"Ban Thử nghiệm A2"}],
				"function_shares":[{"function":"thu.f1","to":"thu.a1"}]}`, 422,
				[]string{"còn 1 chức năng, nhiệm vụ của đơn vị bị chia chưa được giao cho đơn vị nào: «Việc thử thu.f2» (thu.f2)", `"field":"function_shares"`}, nil},
			{"the split with every function allocated", "POST", "/api/v1/operations",
				`{"kind":"split","inputs":["thu.a"],"effective_date":"2025-10-01","decision":{"number":"30/QĐ-UBND","issuer":"UBND tỉnh"},
				"outputs":[{"code":"thu.a1","name":"Ban Thử nghiệm A1"},{"code":"thu.a2","name":"Ban Thử nghiệm A2"}],
				"function_shares":[{"function":"thu.f1","to":"thu.a1"},{"function":"thu.f2","to":"thu.a2"},{"function":"thu.f2","to":"thu.a1","role":"coordinate"}]}`, 201, nil, nil},
			{"a dissolution handing over only part", "POST", "/api/v1/operations",
				`{"kind":"dissolve","inputs":["thu.b"],"effective_date":"2025-10-01","decision":{"number":"31/QĐ-UBND","issuer":"UBND tỉnh"},
				"function_shares":[{"function":"thu.f3","to":"thu.a2"}]}`, 201, []string{`"function_shares":[{"function":"thu.f3","to":"thu.a2"}]`}, nil},
			{"what it did not hand over is omitted", "GET", "/api/v1/findings?as_of=2025-10-01&rule=mot-viec-mot-chu-tri-bo-sot", "", 200,
				[]string{`"total":1`, "(thu.f4)"}, []string{"thu.f3"}},
			{"none the day before", "GET", "/api/v1/findings?as_of=2025-09-30&rule=mot-viec-mot-chu-tri-bo-sot", "", 200, []string{`"total":0`}, nil},
			{"the split's functions", "GET", "/api/v1/units/thu.a1/functions?as_of=2025-10-01", "", 200,
				[]string{`"code":"thu.f1"`, `"role":"lead"`, `"code":"thu.f2"`, `"role":"coordinate"`}, nil},
			{"the function handed over", "GET", "/api/v1/units/thu.a2/functions?as_of=2025-10-01", "", 200, []string{`"code":"thu.f3"`, `"code":"thu.f2"`}, nil},
			{"template", "GET", "/api/v1/imports/functions/template", "", 200, nil, nil},
		}...)
		for _, s := range steps {
			r := call(t, srv, s.method, s.path, s.body)
			if r.status != s.status {
				t.Fatalf("%s: %s %s answered %d, want %d: %.600s", s.name, s.method, s.path, r.status, s.status, r.body)
			}
			for _, w := range s.want {
				if !strings.Contains(r.body, w) {
					t.Errorf("%s: the answer lacks %s: %.800s", s.name, w, r.body)
				}
			}
			for _, w := range s.not {
				if strings.Contains(r.body, w) {
					t.Errorf("%s: the answer has %s: %.800s", s.name, w, r.body)
				}
			}
		}

		// An import with one bad row writes nothing and names the cell.
		count := func() float64 {
			var l struct{ Total float64 }
			json.Unmarshal([]byte(call(t, srv, "GET", "/api/v1/functions?as_of=2025-12-01&limit=1", "").body), &l)
			return l.Total
		}
		before := count()
		post := func(name, data string) (int, string) {
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			fw, _ := mw.CreateFormFile("file", name)
			io.WriteString(fw, data)
			mw.Close()
			res, err := srv.Client().Post(srv.URL+"/api/v1/imports/functions", mw.FormDataContentType(), &body)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res.StatusCode, string(b)
		}
		csv := "Mã chức năng,Tên chức năng,Lĩnh vực,Từ ngày\nvp.moi1,Chức năng mới 1,Văn phòng,01/12/2025\nvp.moi2,Chức năng mới 2,Văn phòng,31/11/2025\n"
		if status, body := post("chuc-nang.csv", csv); status != 422 || !strings.Contains(body, "tệp chuc-nang.csv, trang «Chức năng», dòng 3, cột D (Từ ngày)") ||
			!strings.Contains(body, "không hợp lệ") {
			t.Errorf("a bad date: %d %s", status, body)
		}
		if n := count(); n != before {
			t.Errorf("a refused import wrote: %v functions, was %v", n, before)
		}
		if status, body := post("chuc-nang.csv", strings.Replace(csv, "31/11/2025", "30/11/2025", 1)); status != 200 || !strings.Contains(body, `"functions":2`) {
			t.Errorf("the file corrected: %d %s", status, body)
		}
		if n := count(); n != before+2 {
			t.Errorf("functions after the import: %v, want %v", n, before+2)
		}
	})
}
