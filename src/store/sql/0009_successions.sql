-- Schema step 9: where former units went. From 1 July 2025 districts no longer exist and
-- communes were merged; each line says that one unit passed (wholly or in part) to another on
-- a date, by a legal act. Lines never carry shares: figures are not split along them.

CREATE TABLE area_successions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    from_area_id INTEGER NOT NULL REFERENCES areas (id),
    to_area_id INTEGER NOT NULL REFERENCES areas (id),
    date TEXT NOT NULL,
    act TEXT NOT NULL DEFAULT '',
    CHECK (from_area_id <> to_area_id),
    UNIQUE (from_area_id, to_area_id)
) STRICT;
CREATE INDEX area_successions_to ON area_successions (to_area_id);
