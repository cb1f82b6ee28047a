package server_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"tinhgon/internal/app"
	"tinhgon/internal/auth"
	"tinhgon/internal/server"
	"tinhgon/internal/storetest"
)

// provider is an OpenID Connect identity provider on loopback: discovery,
// keys and a token endpoint that vouches for whoever the code names.
type provider struct {
	*httptest.Server
	key *rsa.PrivateKey
	// users by code: the subject and user name the token will carry.
	users map[string][2]string
}

func newProvider(t *testing.T) *provider {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &provider{key: key, users: map[string][2]string{}}
	mux := http.NewServeMux()
	p.Server = httptest.NewServer(mux)
	t.Cleanup(p.Close)
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"issuer": p.URL, "authorization_endpoint": p.URL + "/authorize",
			"token_endpoint": p.URL + "/token", "jwks_uri": p.URL + "/keys", "id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("GET /keys", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		code := r.PostForm.Get("code")
		who, ok := p.users[strings.SplitN(code, ":", 2)[0]]
		if !ok {
			http.Error(w, `{"error":"invalid_grant"}`, http.StatusBadRequest)
			return
		}
		nonce := strings.SplitN(code, ":", 2)[1]
		sig, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, (&jose.SignerOptions{}).WithHeader("kid", "k1"))
		now := time.Now()
		raw, _ := jwt.Signed(sig).Claims(jwt.Claims{Issuer: p.URL, Subject: who[0], Audience: jwt.Audience{"tinhgon"},
			IssuedAt: jwt.NewNumericDate(now), Expiry: jwt.NewNumericDate(now.Add(time.Minute))}).
			Claims(map[string]any{"nonce": nonce, "preferred_username": who[1]}).Serialize()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"access_token": "a", "token_type": "Bearer", "id_token": raw, "expires_in": 60})
	})
	return p
}

// TestSingleSignOn: a person the province's provider vouches for gets a
// session on the account of their user name, linked to their subject
// from then on; a person with no account is refused.
func TestSingleSignOn(t *testing.T) {
	idp := newProvider(t)
	idp.users["c1"] = [2]string{"sub-123", "editor"}
	idp.users["c2"] = [2]string{"sub-999", "khong-co"}
	idp.users["c3"] = [2]string{"sub-123", "doi-ten"} // same person, another user name: found by subject
	db := storetest.Open(t, t.TempDir()+"/sso.db")
	prov, err := app.Open(db, "12")
	if err != nil {
		t.Fatal(err)
	}
	s := server.New(db, prov, nil)
	ctx := context.Background()
	if _, err := s.Accounts().AddUser(ctx, auth.NewUser{Name: "editor", Role: auth.Editor}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(nil)
	srv.Start()
	defer srv.Close()
	if err := s.WithOIDC(ctx, server.OIDC{Issuer: idp.URL, ClientID: "tinhgon", ClientSecret: "bi-mat", RedirectURL: srv.URL + "/auth/callback"}); err != nil {
		t.Fatal(err)
	}
	s.Insecure = true
	srv.Config.Handler = s.Handler()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	signIn := func(code string) (int, string) {
		t.Helper()
		res, err := client.Get(srv.URL + "/auth/login")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc, _ := url.Parse(res.Header.Get("Location"))
		if res.StatusCode != http.StatusFound || !strings.HasPrefix(loc.String(), idp.URL+"/authorize") {
			t.Fatalf("/auth/login: %d to %s", res.StatusCode, loc)
		}
		q := loc.Query()
		req, _ := http.NewRequest("GET", srv.URL+"/auth/callback?state="+url.QueryEscape(q.Get("state"))+"&code="+url.QueryEscape(code+":"+q.Get("nonce")), nil)
		for _, c := range res.Cookies() {
			req.AddCookie(c)
		}
		res, err = client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		for _, c := range res.Cookies() {
			if c.Name == "tinhgon_session" && c.Value != "" {
				req, _ := http.NewRequest("GET", srv.URL+"/api/v1/session", nil)
				req.AddCookie(c)
				me, err := client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				var v struct{ User auth.Principal }
				json.NewDecoder(me.Body).Decode(&v)
				me.Body.Close()
				return res.StatusCode, v.User.Name
			}
		}
		return res.StatusCode, ""
	}
	if code, name := signIn("c1"); code != http.StatusSeeOther || name != "editor" {
		t.Errorf("editor signs in: %d as %q", code, name)
	}
	if u, err := s.Accounts().Store().UserByName(ctx, "editor"); err != nil || u.Subject != "sub-123" {
		t.Errorf("the account is not linked to its subject: %+v %v", u, err)
	}
	if code, name := signIn("c3"); code != http.StatusSeeOther || name != "editor" {
		t.Errorf("the same subject under another user name: %d as %q", code, name)
	}
	if code, name := signIn("c2"); code != http.StatusForbidden || name != "" {
		t.Errorf("someone without an account: %d as %q", code, name)
	}
	// An answer not started from this browser (no state cookie) is refused.
	if res, err := client.Get(srv.URL + "/auth/callback?state=x&code=c1:n"); err != nil || res.StatusCode != http.StatusBadRequest {
		t.Errorf("a callback without its state: %v %v", res.StatusCode, err)
	}
}
