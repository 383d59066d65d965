-- Schema step 1: the dossier, programs and projects, areas, and the reported figures.
-- Money is whole đồng as INTEGER; NULL means "reported, amount not given".
-- AUTOINCREMENT so that an id is never reused: undo and references may still hold it.

CREATE TABLE dossier_info (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    supervising_body TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE programs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    decision TEXT NOT NULL DEFAULT '',
    from_year INTEGER CHECK (from_year IS NULL OR from_year BETWEEN 1990 AND 2100),
    to_year INTEGER CHECK (to_year IS NULL OR to_year BETWEEN 1990 AND 2100)
) STRICT;

CREATE TABLE projects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    program_id INTEGER NOT NULL REFERENCES programs (id),
    parent_id INTEGER REFERENCES projects (id),
    code TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL
) STRICT;
CREATE INDEX projects_program ON projects (program_id);

CREATE TABLE areas (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('tinh', 'thanh_pho_tw', 'thanh_pho', 'quan', 'huyen',
        'thi_xa', 'xa', 'phuong', 'thi_tran', 'dac_khu')),
    parent_id INTEGER REFERENCES areas (id),
    valid_from INTEGER CHECK (valid_from IS NULL OR valid_from BETWEEN 1990 AND 2100),
    valid_to INTEGER CHECK (valid_to IS NULL OR valid_to BETWEEN 1990 AND 2100)
) STRICT;
CREATE INDEX areas_parent ON areas (parent_id);

CREATE TABLE funding_sources (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE allocations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    area_id INTEGER NOT NULL REFERENCES areas (id),
    project_id INTEGER NOT NULL REFERENCES projects (id),
    from_year INTEGER NOT NULL CHECK (from_year BETWEEN 1990 AND 2100),
    to_year INTEGER NOT NULL CHECK (to_year BETWEEN 1990 AND 2100),
    kind TEXT NOT NULL CHECK (kind IN ('allocated', 'carried_over', 'disbursed')),
    funding_source_id INTEGER REFERENCES funding_sources (id),
    amount_dong INTEGER CHECK (amount_dong IS NULL OR amount_dong >= 0),
    note TEXT NOT NULL DEFAULT '',
    source_doc TEXT NOT NULL DEFAULT '',
    CHECK (from_year <= to_year)
) STRICT;
CREATE INDEX allocations_area ON allocations (area_id);
CREATE INDEX allocations_project ON allocations (project_id);

CREATE TABLE indicators (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    unit TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('number', 'month'))
) STRICT;

CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id),
    area_id INTEGER NOT NULL REFERENCES areas (id),
    from_year INTEGER NOT NULL CHECK (from_year BETWEEN 1990 AND 2100),
    to_year INTEGER NOT NULL CHECK (to_year BETWEEN 1990 AND 2100),
    -- number: value_milli holds thousandths; month: value_month holds 'YYYY-MM'; unknown: neither.
    value_kind TEXT NOT NULL CHECK (value_kind IN ('number', 'month', 'unknown')),
    value_milli INTEGER,
    value_month TEXT,
    note TEXT NOT NULL DEFAULT '',
    source_doc TEXT NOT NULL DEFAULT '',
    CHECK (from_year <= to_year),
    CHECK ((value_kind = 'number') = (value_milli IS NOT NULL)),
    CHECK ((value_kind = 'month') = (value_month IS NOT NULL))
) STRICT;
CREATE INDEX indicator_values_area ON indicator_values (area_id);
