-- Schema step 13: where a copy pulled from a server came from, so that what was changed in it
-- offline can be checked back in: the server's address (never its password), the project and
-- the number of the last change the copy holds. No row: not a pulled copy.

CREATE TABLE server_origin (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    address TEXT NOT NULL CHECK (address <> ''),
    project INTEGER NOT NULL CHECK (project > 0),
    seq INTEGER NOT NULL CHECK (seq >= 0)
);
