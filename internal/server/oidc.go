package server

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"tinhgon/internal/api"
	"tinhgon/internal/audit"
	"tinhgon/internal/auth"
)

// OIDC configures single sign-on through the province's own identity
// provider (OpenID Connect, authorisation code flow). It is optional:
// without it, accounts sign in with their passwords.
type OIDC struct {
	// Issuer is the provider's URL, from which its settings are discovered.
	Issuer       string
	ClientID     string
	ClientSecret string
	// RedirectURL is this server's /auth/callback as the provider knows it.
	RedirectURL string
}

// sso is a configured provider.
type sso struct {
	verifier *oidc.IDTokenVerifier
	oauth    oauth2.Config
}

// WithOIDC discovers the provider and turns single sign-on on.
func (s *Server) WithOIDC(ctx context.Context, c OIDC) error {
	p, err := oidc.NewProvider(ctx, c.Issuer)
	if err != nil {
		return fmt.Errorf("hệ thống đăng nhập một lần %s: %w", c.Issuer, err)
	}
	s.sso = &sso{
		verifier: p.Verifier(&oidc.Config{ClientID: c.ClientID}),
		oauth: oauth2.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, RedirectURL: c.RedirectURL,
			Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "profile", "email"}},
	}
	return nil
}

const ssoCookie = "tinhgon_sso"

func randomState() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// ssoLogin sends the browser to the provider, remembering a state and a
// nonce in a short-lived cookie so that the answer is tied to this browser.
func (s *Server) ssoLogin(w http.ResponseWriter, r *http.Request) {
	state, err := randomState()
	if err != nil {
		http.Error(w, "Lỗi máy chủ", http.StatusInternalServerError)
		return
	}
	nonce, err := randomState()
	if err != nil {
		http.Error(w, "Lỗi máy chủ", http.StatusInternalServerError)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: ssoCookie, Value: state + "." + nonce, Path: "/auth/", HttpOnly: true, Secure: !s.Insecure,
		SameSite: http.SameSiteLaxMode, MaxAge: int((10 * time.Minute).Seconds())})
	http.Redirect(w, r, s.sso.oauth.AuthCodeURL(state, oidc.Nonce(nonce)), http.StatusFound)
}

// ssoCallback takes the provider's answer: it checks the state, trades
// the code for an ID token, verifies it and its nonce, and opens a
// session for the account the token's subject is linked to.
func (s *Server) ssoCallback(w http.ResponseWriter, r *http.Request) {
	fail := func(status int, msg string, err error) {
		if err != nil {
			s.log.Warn("single sign-on", "err", err)
		}
		s.loginPage(w, status, msg)
	}
	c, err := r.Cookie(ssoCookie)
	if err != nil {
		fail(http.StatusBadRequest, "Phiên đăng nhập một lần đã hết hạn; hãy thử lại.", nil)
		return
	}
	state, nonce, ok := strings.Cut(c.Value, ".")
	if !ok || state == "" || r.URL.Query().Get("state") != state {
		fail(http.StatusBadRequest, "Phiên đăng nhập một lần không khớp; hãy thử lại.", nil)
		return
	}
	if e := r.URL.Query().Get("error"); e != "" {
		fail(http.StatusUnauthorized, "Hệ thống đăng nhập một lần từ chối: "+e, nil)
		return
	}
	ctx := r.Context()
	tok, err := s.sso.oauth.Exchange(ctx, r.URL.Query().Get("code"))
	if err != nil {
		fail(http.StatusBadGateway, "Không đổi được mã đăng nhập với hệ thống đăng nhập một lần.", err)
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	idt, err := s.sso.verifier.Verify(ctx, raw)
	if err != nil || idt.Nonce != nonce {
		fail(http.StatusUnauthorized, "Mã định danh từ hệ thống đăng nhập một lần không hợp lệ.", errors.Join(err, errors.New("nonce")))
		return
	}
	var claims struct {
		PreferredUsername string `json:"preferred_username"`
	}
	if err := idt.Claims(&claims); err != nil {
		fail(http.StatusUnauthorized, "Mã định danh từ hệ thống đăng nhập một lần không đọc được.", err)
		return
	}
	ctx = audit.WithNote(ctx, &audit.Note{Actor: claims.PreferredUsername, Role: "sso", Remote: r.RemoteAddr, Action: "GET /auth/callback",
		Object: "user:" + claims.PreferredUsername})
	u, sec, err := s.Accounts().SignIn(ctx, idt.Subject, claims.PreferredUsername, r.RemoteAddr)
	if errors.Is(err, auth.ErrNoUser) || errors.Is(err, auth.ErrExpired) {
		fail(http.StatusForbidden, "Chưa có tài khoản tinhgon cho người dùng này, hoặc tài khoản đã bị khóa; hãy liên hệ quản trị viên.", err)
		return
	}
	if err != nil {
		fail(http.StatusInternalServerError, "Không đăng nhập được.", err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: ssoCookie, Value: "", Path: "/auth/", MaxAge: -1})
	http.SetCookie(w, &http.Cookie{Name: api.SessionCookie, Value: string(sec), Path: "/", HttpOnly: true, Secure: !s.Insecure,
		SameSite: http.SameSiteLaxMode, MaxAge: int(auth.SessionLife / time.Second)})
	s.log.Info("single sign-on", "user", u.Name)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
