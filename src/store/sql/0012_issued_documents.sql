-- Schema step 12: documents as they were issued, and figures in drafts tied to the data.
-- Documents as they were issued. Issuing a round stores the bytes signed and
-- sent (PDF, and Word for the kinds that have it) with their SHA-256, number, date, signer and
-- the figures they quote. Rows are only ever added: a correction is a new document.

CREATE TABLE issued_documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    round_id INTEGER NOT NULL REFERENCES rounds (id),
    kind TEXT NOT NULL CHECK (kind IN ('thong_bao', 'bao_cao', 'tom_tat', 'theo_doi', 'ket_qua_theo_doi')),
    number TEXT NOT NULL DEFAULT '',
    number_line TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL,
    signer TEXT NOT NULL DEFAULT '',
    issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL CHECK (issued_by <> ''),
    unit TEXT NOT NULL CHECK (unit IN ('dong', 'nghin', 'trieu', 'ty')),
    pages INTEGER NOT NULL CHECK (pages >= 0),
    pdf BLOB NOT NULL CHECK (length(pdf) > 0),
    pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
    docx BLOB,
    docx_sha256 TEXT NOT NULL DEFAULT '',
    -- The figures it quotes, as JSON: [{area, project, kind, period, value}].
    quoted TEXT NOT NULL DEFAULT '[]',
    corrects INTEGER REFERENCES issued_documents (id)
) STRICT;
CREATE INDEX issued_documents_round ON issued_documents (round_id, kind);

CREATE TRIGGER issued_documents_keep_update BEFORE UPDATE ON issued_documents
BEGIN
    SELECT RAISE(ABORT, 'GiamSat: an issued document is kept as issued');
END;
CREATE TRIGGER issued_documents_keep_delete BEFORE DELETE ON issued_documents
BEGIN
    SELECT RAISE(ABORT, 'GiamSat: an issued document is kept as issued');
END;

-- The figures inserted into a text from the data, as JSON: what each counts, the words it was
-- written as and where they stand, and what was counted then.
ALTER TABLE conclusions ADD COLUMN figures TEXT NOT NULL DEFAULT '[]';
ALTER TABLE recommendations ADD COLUMN figures TEXT NOT NULL DEFAULT '[]';
ALTER TABLE text_versions ADD COLUMN figures TEXT NOT NULL DEFAULT '[]';
