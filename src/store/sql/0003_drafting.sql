-- Schema step 3: drafting and follow-up — recommendation priority, the round's document
-- status, the phrase library and the history of texts.

ALTER TABLE recommendations ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal'
    CHECK (priority IN ('low', 'normal', 'high'));

ALTER TABLE rounds ADD COLUMN draft_status TEXT NOT NULL DEFAULT 'draft'
    CHECK (draft_status IN ('draft', 'review', 'issued'));
ALTER TABLE rounds ADD COLUMN issued_on TEXT;

CREATE TABLE phrases (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    text TEXT NOT NULL,
    position INTEGER NOT NULL
) STRICT;

-- A version survives the text it belongs to (no foreign key on target_id): history is kept.
CREATE TABLE text_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    target_kind TEXT NOT NULL CHECK (target_kind IN ('conclusion', 'recommendation')),
    target_id INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL
) STRICT;
CREATE INDEX text_versions_target ON text_versions (target_kind, target_id);
