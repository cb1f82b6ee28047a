package api_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"tinhgon/internal/storetest"
)

// auditOf lists the audit entries of an actor, newest first, as the auditor reads them.
func auditOf(t *testing.T, r func(method, path, body string, header ...string) resp, actor, outcome string) []map[string]any {
	t.Helper()
	res := r("GET", "/api/v1/audit?limit=50&actor="+url.QueryEscape(actor)+"&outcome="+outcome, "")
	if res.status != 200 {
		t.Fatalf("audit of %s: %d %s", actor, res.status, res.body)
	}
	var l struct{ Items []map[string]any }
	if err := json.Unmarshal([]byte(res.body), &l); err != nil {
		t.Fatal(err)
	}
	return l.Items
}

// TestRolesAndScope: every route asks for an account; a unit's HR officer
// reaches only their unit's subtree whatever id is put in the URL, and
// each refusal is in the audit log; sensitive data only on request, to
// roles given it, each read logged.
func TestRolesAndScope(t *testing.T) {
	storetest.Engines(t, func(t *testing.T, fresh storetest.Fresh) {
		srv := demoServer(t, fresh(t))
		as := func(name, password string) func(method, path, body string, header ...string) resp {
			tok := tokenFor(t, srv, name, password)
			return func(method, path, body string, header ...string) resp {
				t.Helper()
				return call(t, srv, method, path, body, append([]string{"Authorization", "Bearer " + tok}, header...)...)
			}
		}
		admin := func(method, path, body string, header ...string) resp {
			t.Helper()
			return call(t, srv, method, path, body, header...)
		}
		officer, viewer, editor, auditor := as("tuphap", "tuphap-demo"), as("viewer", "nguoixem-demo"),
			as("editor", "bientap-demo"), as("auditor", "kiemtra-demo")
		status := func(who string, r resp, want int) {
			t.Helper()
			if r.status != want {
				t.Errorf("%s: %d, want %d: %.300s", who, r.status, want, r.body)
			}
		}

		status("anonymous GET /units", call(t, srv, "GET", "/api/v1/units", "", "Authorization", "none"), 401)
		status("a made-up token", call(t, srv, "GET", "/api/v1/units", "", "Authorization", "Bearer tg_khong-co"), 401)
		status("OpenAPI without login", call(t, srv, "GET", "/api/v1/openapi.json", "", "Authorization", "none"), 200)

		// Inside and outside Sở Tư pháp, as the administrator sees them.
		staffIn := admin("GET", "/api/v1/units/s.tuphap/staff?as_of=2025-01-01", "")
		var in struct {
			Items []struct {
				PersonID string `json:"person_id"`
			}
		}
		json.Unmarshal([]byte(staffIn.body), &in)
		if len(in.Items) == 0 {
			t.Fatalf("no staff in s.tuphap: %s", staffIn.body)
		}
		inside := in.Items[0].PersonID
		outsideUnit := unitID(t, srv, "so ke hoach", "2025-01-01")
		staffOut := admin("GET", "/api/v1/units/"+outsideUnit+"/staff?as_of=2025-01-01", "")
		var out struct {
			Items []struct {
				PersonID string `json:"person_id"`
			}
		}
		json.Unmarshal([]byte(staffOut.body), &out)
		if len(out.Items) == 0 {
			t.Fatalf("no staff in %s: %s", outsideUnit, staffOut.body)
		}
		outside := out.Items[0].PersonID

		status("officer reads a unit of the scope", officer("GET", "/api/v1/units/s.tuphap", ""), 200)
		status("officer reads its scope's staff", officer("GET", "/api/v1/units/s.tuphap/staff", ""), 200)
		status("officer reads a person of the scope", officer("GET", "/api/v1/people/"+inside, ""), 200)
		status("officer reads a unit outside", officer("GET", "/api/v1/units/"+outsideUnit, ""), 403)
		status("officer reads its history outside", officer("GET", "/api/v1/units/"+outsideUnit+"/history", ""), 403)
		status("officer reads a person outside", officer("GET", "/api/v1/people/"+outside, ""), 403)
		status("officer asks the tree of the province", officer("GET", "/api/v1/tree?root=st.ubnd", ""), 403)
		status("officer changes the register", officer("POST", "/api/v1/decisions", `{"number":"9/QĐ","issuer":"UBND tỉnh","signed_date":"2025-08-01"}`), 403)
		status("officer places someone outside", officer("POST", "/api/v1/assignments",
			fmt.Sprintf(`{"person":%q,"unit":%q,"post":"staff","position":"professional","funding":"budget","valid_from":"2025-08-01"}`, inside, outsideUnit)), 403)
		status("officer reads the audit log", officer("GET", "/api/v1/audit", ""), 403)

		tree := officer("GET", "/api/v1/tree?as_of=2025-01-01", "")
		status("officer's tree", tree, 200)
		if !strings.Contains(tree.body, "Sở Tư pháp") || strings.Contains(tree.body, "Sở Kế hoạch") {
			t.Errorf("the officer's tree is not its unit's subtree: %.300s", tree.body)
		}
		people := officer("GET", "/api/v1/people?limit=1000", "")
		if !strings.Contains(people.body, inside) || strings.Contains(people.body, outside) {
			t.Errorf("the officer's list of people is not its scope's")
		}
		units := officer("GET", "/api/v1/units?as_of=2025-01-01&limit=1000", "")
		if strings.Contains(units.body, outsideUnit) || !strings.Contains(units.body, "Sở Tư pháp") {
			t.Errorf("the officer's list of units is not its scope's")
		}

		// The refusals are in the log, with the path asked.
		denied := auditOf(t, auditor, "tuphap", "denied")
		var seen []string
		for _, e := range denied {
			seen = append(seen, e["object"].(string))
		}
		for _, want := range []string{"/api/v1/people/" + outside, "/api/v1/units/" + outsideUnit} {
			if !strings.Contains(strings.Join(seen, " "), want) {
				t.Errorf("no denied entry for %s in %v", want, seen)
			}
		}

		// Viewers read but do not change, nor see sensitive data.
		status("viewer reads", viewer("GET", "/api/v1/people/"+inside, ""), 200)
		status("viewer writes", viewer("POST", "/api/v1/decisions", `{"number":"9/QĐ","issuer":"UBND tỉnh","signed_date":"2025-08-01"}`), 403)
		status("viewer asks sensitive data", viewer("GET", "/api/v1/people/"+inside+"?sensitive=true", ""), 403)
		if r := viewer("GET", "/api/v1/people/"+inside, ""); strings.Contains(r.body, `"sensitive"`) || strings.Contains(r.body, `"party_member"`) {
			t.Errorf("a person's page carries sensitive fields without asking: %.200s", r.body)
		}
		if r := editor("GET", "/api/v1/people?limit=5", ""); strings.Contains(r.body, `"sensitive"`) {
			t.Errorf("a list of people carries sensitive fields")
		}
		r := editor("GET", "/api/v1/people/"+inside+"?sensitive=true", "")
		status("editor asks sensitive data", r, 200)
		if !strings.Contains(r.body, `"national_id"`) {
			t.Errorf("sensitive data asked by an editor is missing: %.200s", r.body)
		}
		if reads := auditOf(t, auditor, "editor", "read"); len(reads) != 1 || reads[0]["object"] != "person:"+inside {
			t.Errorf("the editor's read of sensitive data is not logged once: %v", reads)
		}

		// A change is logged with who, the decision cited and what was written.
		status("editor records a decision", editor("POST", "/api/v1/decisions",
			`{"number":"77/QĐ-UBND","issuer":"UBND tỉnh","signed_date":"2025-08-01"}`), 201)
		oks := auditOf(t, auditor, "editor", "ok")
		if len(oks) == 0 || oks[0]["decision"] != "77/QĐ-UBND" || oks[0]["action"] != "POST /api/v1/decisions" ||
			!strings.Contains(fmt.Sprint(oks[0]["after"]), "decisions") || oks[0]["remote"] != "127.0.0.1" {
			t.Errorf("the editor's decision is logged as %v", oks)
		}
		if v := auditor("GET", "/api/v1/audit/verify", "").json(t); v["ok"] != true {
			t.Errorf("audit chain: %v", v)
		}
	})
}

// TestLoginGuards: a form post from another site is refused (CSRF), and
// guessing passwords is slowed down.
func TestLoginGuards(t *testing.T) {
	srv := demoServer(t, filepathTemp(t))
	r := call(t, srv, "POST", "/api/v1/session", `{"name":"editor","password":"bientap-demo"}`, "Authorization", "none")
	if r.status != 200 || !strings.Contains(r.header.Get("Set-Cookie"), "HttpOnly") || !strings.Contains(r.header.Get("Set-Cookie"), "Secure") ||
		!strings.Contains(r.header.Get("Set-Cookie"), "SameSite=Lax") {
		t.Fatalf("login: %d, cookie %q", r.status, r.header.Get("Set-Cookie"))
	}
	cookie := strings.Split(r.header.Get("Set-Cookie"), ";")[0]
	body := `{"number":"78/QĐ-UBND","issuer":"UBND tỉnh","signed_date":"2025-08-01"}`
	if r := call(t, srv, "POST", "/api/v1/decisions", body, "Authorization", "none", "Cookie", cookie, "Sec-Fetch-Site", "cross-site"); r.status != 403 {
		t.Errorf("a cross-site post with the session cookie: %d, want 403", r.status)
	}
	if r := call(t, srv, "POST", "/api/v1/decisions", body, "Authorization", "none", "Cookie", cookie, "Sec-Fetch-Site", "same-origin"); r.status != 201 {
		t.Errorf("a same-origin post with the session cookie: %d %s", r.status, r.body)
	}
	if r := call(t, srv, "DELETE", "/api/v1/session", "", "Authorization", "none", "Cookie", cookie); r.status != 204 {
		t.Errorf("logout: %d", r.status)
	}
	if r := call(t, srv, "GET", "/api/v1/session", "", "Authorization", "none", "Cookie", cookie); r.status != 401 {
		t.Errorf("the session after logout: %d, want 401", r.status)
	}
	var last int
	for range 6 {
		last = call(t, srv, "POST", "/api/v1/session", `{"name":"auditor","password":"doan-mo-mat-khau"}`, "Authorization", "none").status
	}
	if last != 429 {
		t.Errorf("the sixth wrong password in a row: %d, want 429", last)
	}
}
