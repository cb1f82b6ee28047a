-- A scheme's code names one scheme of the province: checked when saved,
-- and made sure here against two saves at once.

-- +goose Up
CREATE UNIQUE INDEX schemes_code ON schemes (province, code) WHERE code <> '';

-- +goose Down
DROP INDEX schemes_code;
