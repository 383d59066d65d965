-- Schema step 2: supervision rounds, conclusions, recommendations and their follow-up.
-- Dates are TEXT 'YYYY-MM-DD'. Lists inside a record keep their order in `position`.

CREATE TABLE rounds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    plan_ref TEXT NOT NULL DEFAULT '',
    supervising_body TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    end_date TEXT,
    notes TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE round_projects (
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (round_id, project_id)
) STRICT;

CREATE TABLE round_subjects (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    area_id INTEGER REFERENCES areas (id),
    position INTEGER NOT NULL
) STRICT;
CREATE INDEX round_subjects_round ON round_subjects (round_id);

CREATE TABLE round_members (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    person TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
) STRICT;
CREATE INDEX round_members_round ON round_members (round_id);

CREATE TABLE work_sessions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    subject_id INTEGER REFERENCES round_subjects (id),
    topics TEXT NOT NULL DEFAULT '',
    documents TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
) STRICT;
CREATE INDEX work_sessions_round ON work_sessions (round_id);

CREATE TABLE conclusions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    area_id INTEGER REFERENCES areas (id),
    kind TEXT NOT NULL CHECK (kind IN ('strength', 'shortcoming', 'cause', 'overall')),
    text TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL
) STRICT;
CREATE INDEX conclusions_round ON conclusions (round_id);

CREATE TABLE recommendations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    text TEXT NOT NULL DEFAULT '',
    deadline TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'not_accepted')),
    position INTEGER NOT NULL
) STRICT;
CREATE INDEX recommendations_round ON recommendations (round_id);

CREATE TABLE recommendation_addressees (
    recommendation_id INTEGER NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    addressee TEXT NOT NULL CHECK (addressee <> ''),
    PRIMARY KEY (recommendation_id, position)
) STRICT;

CREATE TABLE recommendation_areas (
    recommendation_id INTEGER NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    area_id INTEGER NOT NULL REFERENCES areas (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (recommendation_id, area_id)
) STRICT;

CREATE TABLE recommendation_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recommendation_id INTEGER NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX recommendation_responses_rec ON recommendation_responses (recommendation_id);
