-- Indexes that SQLite's planner uses well without statistics.
--
-- The application never runs ANALYZE, so SQLite plans without
-- sqlite_stat1 and takes an equality on an index's first column to match
-- a handful of rows. Every query filters on province, which holds a single
-- value in a province's database (and in the national one), so an index led
-- by province looked best to every query while it matched every row:
-- resolving a unit by id or code, reading a unit's versions, the units of
-- a tree and a unit's operations each walked the whole table through
-- unit_versions_province or operations_date and fetched every row.
-- On 230,000 version rows a unit's lineage took 306 ms instead of well
-- under a millisecond (docs/performance.md). Province now follows the
-- selective column; a query that filters on nothing else (the tree's
-- skeleton, a snapshot, a search) scans the table, which is faster than
-- walking an index over all of it. PostgreSQL, which keeps statistics,
-- plans these queries the same either way.

-- +goose Up
DROP INDEX unit_versions_province;
DROP INDEX unit_versions_code;
CREATE INDEX unit_versions_code_province ON unit_versions (code, province);
DROP INDEX operations_date;
CREATE INDEX operations_effective ON operations (effective_date, province);

-- +goose Down
DROP INDEX operations_effective;
CREATE INDEX operations_date ON operations (province, effective_date);
DROP INDEX unit_versions_code_province;
CREATE INDEX unit_versions_code ON unit_versions (province, code);
CREATE INDEX unit_versions_province ON unit_versions (province, valid_from);
