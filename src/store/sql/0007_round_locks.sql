-- Schema step 7: each round's lock log. Issuing a round's notice locks its texts and figures;
-- unlocking needs a reason. Entries are only ever added, like a recommendation's history.

CREATE TABLE round_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL CHECK (recorded_by <> ''),
    action TEXT NOT NULL CHECK (action IN ('issued', 'unlocked')),
    reason TEXT NOT NULL DEFAULT '',
    CHECK (action <> 'unlocked' OR reason <> '')
) STRICT;
CREATE INDEX round_events_round ON round_events (round_id);

CREATE TRIGGER round_events_keep_update BEFORE UPDATE ON round_events
BEGIN
    SELECT RAISE(ABORT, 'GiamSat: a round''s lock log is append-only');
END;
CREATE TRIGGER round_events_keep_delete BEFORE DELETE ON round_events
BEGIN
    SELECT RAISE(ABORT, 'GiamSat: a round''s lock log is append-only');
END;
