-- Staffing: people, their assignments to units, and staff quotas, on the
-- register's two time axes. Rows are never updated or deleted: a belief is
-- withdrawn by a row in retractions, as for units. Sensitive personal data
-- lives in its own table, so that access to it can be granted apart.

-- +goose Up
CREATE TABLE people (
    id                 TEXT PRIMARY KEY,
    province           TEXT NOT NULL,
    person_id          TEXT NOT NULL,
    code               TEXT NOT NULL,
    name               TEXT NOT NULL,
    name_folded        TEXT NOT NULL,
    sex                TEXT NOT NULL,
    birth_date         DATE,
    hometown           TEXT NOT NULL DEFAULT '',
    category           TEXT NOT NULL,
    grade              TEXT NOT NULL DEFAULT '',
    salary_step        INTEGER NOT NULL DEFAULT 0,
    coefficient        BIGINT NOT NULL DEFAULT 0,
    position_allowance BIGINT NOT NULL DEFAULT 0,
    allowances         TEXT NOT NULL DEFAULT '',
    insurance_from     DATE,
    party_member       INTEGER NOT NULL DEFAULT 0,
    party_joined       DATE,
    education          TEXT NOT NULL DEFAULT '',
    political_theory   TEXT NOT NULL DEFAULT '',
    valid_from         DATE,
    valid_to           DATE,
    recorded_at        BIGINT NOT NULL,
    recorded_by        TEXT NOT NULL
);
CREATE INDEX people_person ON people (person_id);
CREATE INDEX people_code ON people (province, code);

CREATE TABLE people_sensitive (
    id          TEXT PRIMARY KEY REFERENCES people (id),
    province    TEXT NOT NULL,
    national_id TEXT NOT NULL DEFAULT '',
    ethnicity   TEXT NOT NULL DEFAULT '',
    religion    TEXT NOT NULL DEFAULT '',
    health      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE assignments (
    id            TEXT PRIMARY KEY,
    province      TEXT NOT NULL,
    assignment_id TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    unit_id       TEXT NOT NULL,
    post          TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    position      TEXT NOT NULL,
    funding       TEXT NOT NULL,
    is_primary    INTEGER NOT NULL,
    surplus       INTEGER NOT NULL DEFAULT 0,
    valid_from    DATE,
    valid_to      DATE,
    recorded_at   BIGINT NOT NULL,
    recorded_by   TEXT NOT NULL,
    operation_id  TEXT,
    decision_id   TEXT,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX assignments_person ON assignments (person_id);
CREATE INDEX assignments_unit ON assignments (unit_id, valid_from);
CREATE INDEX assignments_operation ON assignments (operation_id);
CREATE INDEX assignments_province ON assignments (province, recorded_at);

CREATE TABLE quotas (
    id           TEXT PRIMARY KEY,
    province     TEXT NOT NULL,
    unit_id      TEXT NOT NULL,
    year         INTEGER NOT NULL,
    category     TEXT NOT NULL,
    count        INTEGER NOT NULL,
    decision_id  TEXT,
    recorded_at  BIGINT NOT NULL,
    recorded_by  TEXT NOT NULL,
    operation_id TEXT,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX quotas_unit ON quotas (unit_id, year);
CREATE INDEX quotas_operation ON quotas (operation_id);

-- +goose Down
DROP TABLE quotas;
DROP TABLE assignments;
DROP TABLE people_sensitive;
DROP TABLE people;
