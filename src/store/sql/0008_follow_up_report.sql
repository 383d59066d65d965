-- Schema step 8: a new document, the report on how the recommendations were carried out
-- ('ket_qua_theo_doi'). The kind CHECK changes, so the documents table is rebuilt.

CREATE TABLE documents_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('thong_bao', 'bao_cao', 'tom_tat', 'theo_doi',
        'ket_qua_theo_doi')),
    parent_body TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    issuer_sub TEXT NOT NULL DEFAULT '',
    number TEXT NOT NULL DEFAULT '',
    symbol TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    date TEXT,
    summary TEXT NOT NULL DEFAULT '',
    signer_authority TEXT NOT NULL DEFAULT '',
    signer_title TEXT NOT NULL DEFAULT '',
    signer_name TEXT NOT NULL DEFAULT '',
    -- One recipient per line.
    recipients TEXT NOT NULL DEFAULT '',
    closing TEXT NOT NULL DEFAULT '',
    UNIQUE (round_id, kind)
) STRICT;
INSERT INTO documents_new SELECT * FROM documents;
-- The highest id ever given comes along (see step 5).
DELETE FROM sqlite_sequence WHERE name = 'documents_new';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'documents_new', seq FROM sqlite_sequence WHERE name = 'documents';
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
