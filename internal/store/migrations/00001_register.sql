-- The register: decisions, operations, unit versions on two time axes,
-- lineage edges, and retractions. One text for SQLite and PostgreSQL: only
-- types and statements both engines (and PG-wire distributed engines) run.
-- Every table carries the province it belongs to. Rows are never updated
-- or deleted: a belief is withdrawn by a row in retractions.

-- +goose Up
CREATE TABLE decisions (
    id             TEXT PRIMARY KEY,
    province       TEXT NOT NULL,
    number         TEXT NOT NULL,
    issuer         TEXT NOT NULL DEFAULT '',
    signed_date    DATE,
    effective_date DATE,
    summary        TEXT NOT NULL DEFAULT '',
    recorded_at    BIGINT NOT NULL,
    recorded_by    TEXT NOT NULL
);
CREATE INDEX decisions_number ON decisions (province, number);

CREATE TABLE operations (
    id             TEXT PRIMARY KEY,
    province       TEXT NOT NULL,
    kind           TEXT NOT NULL,
    effective_date DATE NOT NULL,
    decision_id    TEXT NOT NULL REFERENCES decisions (id),
    summary        TEXT NOT NULL DEFAULT '',
    spec           TEXT NOT NULL,
    recorded_at    BIGINT NOT NULL,
    recorded_by    TEXT NOT NULL
);
CREATE INDEX operations_date ON operations (province, effective_date);

CREATE TABLE operation_units (
    operation_id TEXT NOT NULL REFERENCES operations (id),
    province     TEXT NOT NULL,
    unit_id      TEXT NOT NULL,
    role         TEXT NOT NULL,
    PRIMARY KEY (operation_id, unit_id)
);
CREATE INDEX operation_units_unit ON operation_units (unit_id);

CREATE TABLE unit_versions (
    id           TEXT PRIMARY KEY,
    province     TEXT NOT NULL,
    unit_id      TEXT NOT NULL,
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    short_name   TEXT NOT NULL DEFAULT '',
    name_folded  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    pillar       TEXT NOT NULL,
    level        TEXT NOT NULL,
    parent_id    TEXT,
    area_code    TEXT NOT NULL DEFAULT '',
    valid_from   DATE,
    valid_to     DATE,
    recorded_at  BIGINT NOT NULL,
    recorded_by  TEXT NOT NULL,
    operation_id TEXT,
    decision_id  TEXT,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX unit_versions_unit ON unit_versions (unit_id, valid_from);
CREATE INDEX unit_versions_parent ON unit_versions (parent_id);
CREATE INDEX unit_versions_code ON unit_versions (province, code);
CREATE INDEX unit_versions_operation ON unit_versions (operation_id);
CREATE INDEX unit_versions_province ON unit_versions (province, valid_from);

CREATE TABLE lineage_edges (
    id           TEXT PRIMARY KEY,
    province     TEXT NOT NULL,
    operation_id TEXT NOT NULL REFERENCES operations (id),
    kind         TEXT NOT NULL,
    from_unit    TEXT NOT NULL,
    to_unit      TEXT NOT NULL,
    date         DATE NOT NULL,
    decision_id  TEXT NOT NULL,
    recorded_at  BIGINT NOT NULL
);
CREATE INDEX lineage_edges_from ON lineage_edges (from_unit, date);
CREATE INDEX lineage_edges_to ON lineage_edges (to_unit, date);
CREATE INDEX lineage_edges_operation ON lineage_edges (operation_id);

-- A row (version, edge, operation) stops being believed at retracted_at.
-- The primary key lets a row be retracted once: two concurrent edits of the
-- same version cannot both succeed.
CREATE TABLE retractions (
    row_id       TEXT PRIMARY KEY,
    province     TEXT NOT NULL,
    retracted_at BIGINT NOT NULL,
    retracted_by TEXT NOT NULL,
    operation_id TEXT,
    reason       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX retractions_operation ON retractions (operation_id);

-- The transaction clock of each province: every write takes its row lock
-- first, so writes of a province are serialised on every engine, and
-- recorded times strictly increase.
CREATE TABLE register_clock (
    province TEXT PRIMARY KEY,
    clock    BIGINT NOT NULL
);

-- +goose Down
DROP TABLE register_clock;
DROP TABLE retractions;
DROP TABLE lineage_edges;
DROP TABLE unit_versions;
DROP TABLE operation_units;
DROP TABLE operations;
DROP TABLE decisions;
