-- Rows recorded or retracted since a register clock, read by the
-- in-memory beliefs of internal/store/skeleton.go to stay up to date.

-- +goose Up
CREATE INDEX unit_versions_recorded ON unit_versions (recorded_at);
CREATE INDEX retractions_at ON retractions (retracted_at);

-- +goose Down
DROP INDEX retractions_at;
DROP INDEX unit_versions_recorded;
