-- Accounts, API tokens and browser sessions; the audit log, chained by
-- hashes, and its head (the last entry's number and hash), which a
-- writer locks to append and which shows entries cut from the end.
-- Tokens and sessions are kept by the SHA-256 of their secret only.

-- +goose Up
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    full_name     TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    scope_unit    TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL DEFAULT '',
    subject       TEXT NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_name ON users (name);
CREATE UNIQUE INDEX users_subject ON users (subject) WHERE subject <> '';

CREATE TABLE api_tokens (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    label      TEXT NOT NULL DEFAULT '',
    digest     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX api_tokens_digest ON api_tokens (digest);

CREATE TABLE sessions (
    digest     TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    remote     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE audit_log (
    seq        BIGINT PRIMARY KEY,
    at         BIGINT NOT NULL,
    province   TEXT NOT NULL,
    actor      TEXT NOT NULL,
    role       TEXT NOT NULL,
    remote     TEXT NOT NULL,
    action     TEXT NOT NULL,
    object     TEXT NOT NULL,
    decision   TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    before_doc TEXT NOT NULL,
    after_doc  TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_object ON audit_log (object);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');

-- +goose Down
DROP TABLE audit_head;
DROP TABLE audit_log;
DROP TABLE sessions;
DROP TABLE api_tokens;
DROP TABLE users;
