-- The catalogue of functions (chức năng, nhiệm vụ, lĩnh vực quản lý) and
-- their assignment to units as lead (chủ trì) or coordinating (phối hợp)
-- unit, on the register's two time axes. Rows are never updated or
-- deleted: a belief is withdrawn by a row in retractions, as for units.
-- Indexes lead with their selective column, not province (00002).

-- +goose Up
CREATE TABLE functions (
    id          TEXT PRIMARY KEY,
    province    TEXT NOT NULL,
    function_id TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    field       TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    valid_from  DATE,
    valid_to    DATE,
    recorded_at BIGINT NOT NULL,
    recorded_by TEXT NOT NULL
);
CREATE INDEX functions_function ON functions (function_id, province);
CREATE INDEX functions_code ON functions (code, province);

CREATE TABLE function_assignments (
    id            TEXT PRIMARY KEY,
    province      TEXT NOT NULL,
    assignment_id TEXT NOT NULL,
    function_id   TEXT NOT NULL,
    unit_id       TEXT NOT NULL,
    role          TEXT NOT NULL,
    valid_from    DATE,
    valid_to      DATE,
    recorded_at   BIGINT NOT NULL,
    recorded_by   TEXT NOT NULL,
    operation_id  TEXT,
    decision_id   TEXT,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX function_assignments_function ON function_assignments (function_id, valid_from);
CREATE INDEX function_assignments_unit ON function_assignments (unit_id, valid_from);
CREATE INDEX function_assignments_operation ON function_assignments (operation_id);

-- +goose Down
DROP TABLE function_assignments;
DROP TABLE functions;
