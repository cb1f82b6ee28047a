-- Restructuring schemes: a workflow document each, kept whole as JSON with
-- its status and version. Every save appends a revision, so no earlier
-- state of a scheme is ever lost; the schemes row is the current one.

-- +goose Up
CREATE TABLE schemes (
    id             TEXT PRIMARY KEY,
    province       TEXT NOT NULL,
    code           TEXT NOT NULL DEFAULT '',
    name           TEXT NOT NULL,
    name_folded    TEXT NOT NULL,
    status         TEXT NOT NULL,
    effective_date DATE NOT NULL,
    version        INTEGER NOT NULL,
    body           TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL
);
CREATE INDEX schemes_province ON schemes (province, effective_date);

CREATE TABLE scheme_revisions (
    id          TEXT PRIMARY KEY,
    province    TEXT NOT NULL,
    scheme_id   TEXT NOT NULL REFERENCES schemes (id),
    version     INTEGER NOT NULL,
    status      TEXT NOT NULL,
    body        TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE UNIQUE INDEX scheme_revisions_version ON scheme_revisions (scheme_id, version);

-- +goose Down
DROP TABLE scheme_revisions;
DROP TABLE schemes;
