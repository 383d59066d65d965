-- Schema step 5: follow-up as a state audit office does it — each recommendation's kind,
-- amount and the earlier one it repeats; the lifecycle's new statuses; an append-only
-- history of status changes.

-- The status CHECK changes, so the table is rebuilt (sqlite.org/lang_altertable.html,
-- "other kinds of table schema changes"). Foreign keys are off while a file is upgraded.
CREATE TABLE recommendations_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    text TEXT NOT NULL DEFAULT '',
    deadline TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'reported', 'partly_done',
        'done', 'closed', 'not_accepted')),
    position INTEGER NOT NULL,
    priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
    kind TEXT NOT NULL DEFAULT 'other'
        CHECK (kind IN ('financial', 'policy', 'organisation', 'other')),
    amount_dong INTEGER CHECK (amount_dong >= 0),
    repeats_id INTEGER REFERENCES recommendations (id)
) STRICT;
INSERT INTO recommendations_new (id, round_id, text, deadline, status, position, priority)
    SELECT id, round_id, text, deadline, status, position, priority FROM recommendations;
-- The highest id ever given (deleted recommendations included) comes along, so no new
-- recommendation takes a deleted one's id and its text history.
DELETE FROM sqlite_sequence WHERE name = 'recommendations_new';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'recommendations_new', seq FROM sqlite_sequence WHERE name = 'recommendations';
DROP TABLE recommendations;
ALTER TABLE recommendations_new RENAME TO recommendations;
CREATE INDEX recommendations_round ON recommendations (round_id);

-- Every status change, never changed or removed: a mistake is corrected by a later entry.
-- No cascade: a recommendation with a history cannot be deleted.
CREATE TABLE recommendation_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations (id),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL CHECK (recorded_by <> ''),
    date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'reported', 'partly_done',
        'done', 'closed', 'not_accepted')),
    note TEXT NOT NULL DEFAULT '',
    method TEXT CHECK (method IN ('document', 'site_visit', 'next_supervision')),
    verifier TEXT NOT NULL DEFAULT '',
    reason TEXT CHECK (reason IN ('addressee', 'front', 'third_party', 'objective')),
    explanation TEXT NOT NULL DEFAULT '',
    amount_done_dong INTEGER CHECK (amount_done_dong >= 0),
    share_percent INTEGER CHECK (share_percent BETWEEN 1 AND 99)
) STRICT;
CREATE INDEX recommendation_events_rec ON recommendation_events (recommendation_id);

CREATE TRIGGER recommendation_events_keep_update BEFORE UPDATE ON recommendation_events
BEGIN
    SELECT RAISE(ABORT, 'GiamSat: follow-up history is append-only');
END;
CREATE TRIGGER recommendation_events_keep_delete BEFORE DELETE ON recommendation_events
BEGIN
    SELECT RAISE(ABORT, 'GiamSat: follow-up history is append-only');
END;
