-- Schema step 6: evidence files kept inside the project file, so that one file still holds
-- everything. The bytes are written and read in pieces (incremental blob I/O); their length is
-- checked against the size recorded with them.

-- No foreign key on response_id: a recommendation's responses are rewritten whole when it
-- changes; GiamSat's rules keep a response with files from being removed.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations (id),
    response_id INTEGER,
    event_id INTEGER REFERENCES recommendation_events (id),
    name TEXT NOT NULL CHECK (name <> ''),
    size INTEGER NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    received_on TEXT,
    document_date TEXT,
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    content BLOB NOT NULL,
    CHECK (length(content) = size)
) STRICT;
CREATE INDEX attachments_rec ON attachments (recommendation_id);
