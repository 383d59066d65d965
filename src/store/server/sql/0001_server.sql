-- Step 1 of the server schema. Run by `giamsat server init` inside one transaction, under an
-- advisory lock, as the role giamsat_owner (nobody logs in as it). The roles themselves are
-- made before this step runs (they belong to the whole server, not to one database).

CREATE SCHEMA giamsat AUTHORIZATION giamsat_owner;
SET LOCAL ROLE giamsat_owner;
SET LOCAL search_path = giamsat, pg_catalog;
REVOKE ALL ON SCHEMA giamsat FROM PUBLIC;
GRANT USAGE ON SCHEMA giamsat TO giamsat_reader;

CREATE TABLE giamsat.schema_info (
    step integer NOT NULL
);
INSERT INTO giamsat.schema_info (step) VALUES (0);

-- One row per project. last_seq numbers the project's changes: taking the next number locks
-- the row, so a project's changes commit in the order of their numbers and a client catching
-- up by number never skips one.
CREATE TABLE giamsat.projects (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT session_user,
    last_seq bigint NOT NULL DEFAULT 0,
    -- The transaction that took last_seq: only it may write the project's records.
    last_xact xid8
);

-- Who may see and (with the editor role) change a project.
CREATE TABLE giamsat.members (
    project_id bigint NOT NULL REFERENCES giamsat.projects (id),
    role_name text NOT NULL,
    granted_at timestamptz NOT NULL DEFAULT now(),
    granted_by text NOT NULL DEFAULT session_user,
    PRIMARY KEY (project_id, role_name)
);

-- The records that change (areas, figures, texts …), one JSON body each as the model writes
-- it. version is the number of the change that wrote it last.
CREATE TABLE giamsat.records (
    project_id bigint NOT NULL REFERENCES giamsat.projects (id),
    kind text NOT NULL,
    id bigint NOT NULL,
    body jsonb NOT NULL,
    version bigint NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text NOT NULL DEFAULT session_user,
    PRIMARY KEY (project_id, kind, id)
);

-- The records that are only ever added: follow-up history, lock logs, issued documents.
CREATE TABLE giamsat.entries (
    project_id bigint NOT NULL REFERENCES giamsat.projects (id),
    kind text NOT NULL,
    id bigint NOT NULL,
    body jsonb NOT NULL,
    version bigint NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text NOT NULL DEFAULT session_user,
    PRIMARY KEY (project_id, kind, id)
);

-- The bytes of attached files (evidence).
CREATE TABLE giamsat.contents (
    project_id bigint NOT NULL REFERENCES giamsat.projects (id),
    attachment_id bigint NOT NULL,
    bytes bytea NOT NULL,
    PRIMARY KEY (project_id, attachment_id)
);

-- Every change, numbered per project: what it is called, who made it and when (set by the
-- server, not the client), and its edits (kind, id, before, after) for clients catching up.
CREATE TABLE giamsat.changes (
    project_id bigint NOT NULL REFERENCES giamsat.projects (id),
    seq bigint NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    by text NOT NULL DEFAULT session_user,
    label text NOT NULL,
    edits jsonb NOT NULL,
    PRIMARY KEY (project_id, seq)
);

-- Written by the server itself on every change of a record: who, when, old and new.
CREATE TABLE giamsat.audit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id bigint NOT NULL,
    seq bigint NOT NULL,
    kind text NOT NULL,
    record_id bigint NOT NULL,
    old jsonb,
    new jsonb,
    at timestamptz NOT NULL DEFAULT now(),
    by text NOT NULL DEFAULT session_user
);
CREATE INDEX audit_record ON giamsat.audit (project_id, kind, record_id);

-- Who is an administrator; who may see a project. SECURITY DEFINER: they read members past
-- its own row-level security.
CREATE FUNCTION giamsat.is_admin() RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
    AS $$ SELECT pg_has_role(session_user, 'giamsat_admin', 'MEMBER') $$;

CREATE FUNCTION giamsat.may_read(p bigint) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog
    AS $$ SELECT giamsat.is_admin() OR EXISTS (
        SELECT 1 FROM giamsat.members m WHERE m.project_id = p AND m.role_name = session_user) $$;

-- A new project, its creator its first member (an INSERT … RETURNING would have to see the row
-- before the membership exists).
CREATE FUNCTION giamsat.new_project() RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
    AS $$
DECLARE
    p bigint;
BEGIN
    IF NOT pg_has_role(session_user, 'giamsat_editor', 'MEMBER') THEN
        RAISE EXCEPTION 'người dùng % không có quyền tạo dự án trên máy chủ', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO giamsat.projects DEFAULT VALUES RETURNING id INTO p;
    INSERT INTO giamsat.members (project_id, role_name) VALUES (p, session_user);
    RETURN p;
END $$;

-- Holds a project's row until the transaction ends, so that a change is checked against
-- records no one else is writing (readers and non-members are refused).
CREATE FUNCTION giamsat.lock_project(p bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
    AS $$
BEGIN
    IF NOT giamsat.may_read(p) OR NOT pg_has_role(session_user, 'giamsat_editor', 'MEMBER') THEN
        RAISE EXCEPTION 'người dùng % không được sửa dự án %', session_user, p
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM 1 FROM giamsat.projects WHERE id = p FOR UPDATE;
END $$;

-- Numbers a change, and says who made it and when, whatever the client sent.
CREATE FUNCTION giamsat.stamp_change() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
    AS $$
BEGIN
    UPDATE giamsat.projects SET last_seq = last_seq + 1, last_xact = pg_current_xact_id()
        WHERE id = NEW.project_id RETURNING last_seq INTO NEW.seq;
    IF NEW.seq IS NULL THEN
        RAISE EXCEPTION 'không có dự án %', NEW.project_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    NEW.at := now();
    NEW.by := session_user;
    RETURN NEW;
END $$;
CREATE TRIGGER stamp BEFORE INSERT ON giamsat.changes
    FOR EACH ROW EXECUTE FUNCTION giamsat.stamp_change();

-- Tells every listening client a project changed (delivered at commit, never for a rollback).
CREATE FUNCTION giamsat.notify_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$
BEGIN
    PERFORM pg_notify('giamsat', NEW.project_id || ':' || NEW.seq);
    RETURN NULL;
END $$;
CREATE TRIGGER notify AFTER INSERT ON giamsat.changes
    FOR EACH ROW EXECUTE FUNCTION giamsat.notify_change();

-- A project's records are written only by the transaction holding its newest change number:
-- nothing reaches them around the numbering, the version checks and the change log.
CREATE FUNCTION giamsat.check_numbered(p bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
    AS $$
BEGIN
    IF (SELECT last_xact FROM giamsat.projects WHERE id = p) IS DISTINCT FROM pg_current_xact_id() THEN
        RAISE EXCEPTION 'dự án % chỉ được sửa qua một thay đổi có đánh số (giamsat.changes)', p
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END $$;

-- A record carries the number of the change that wrote it, who and when; it never moves to
-- another project, kind or id.
CREATE FUNCTION giamsat.stamp_record() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
    AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM giamsat.check_numbered(OLD.project_id);
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.project_id, NEW.kind, NEW.id) IS DISTINCT FROM (OLD.project_id, OLD.kind, OLD.id) THEN
        RAISE EXCEPTION 'bản ghi không được chuyển sang dự án, loại hay mã khác'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM giamsat.check_numbered(NEW.project_id);
    SELECT last_seq INTO NEW.version FROM giamsat.projects WHERE id = NEW.project_id;
    NEW.changed_at := now();
    NEW.changed_by := session_user;
    RETURN NEW;
END $$;
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE OR DELETE ON giamsat.records
    FOR EACH ROW EXECUTE FUNCTION giamsat.stamp_record();
CREATE TRIGGER stamp BEFORE INSERT ON giamsat.entries
    FOR EACH ROW EXECUTE FUNCTION giamsat.stamp_record();

-- Attached files' bytes: written only within a numbered change, and audited (size and SHA-256).
CREATE FUNCTION giamsat.guard_content() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
    AS $$
DECLARE
    p bigint;
    a bigint;
    o jsonb;
    n jsonb;
    s bigint;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'nội dung tệp đính kèm không được sửa' USING ERRCODE = 'insufficient_privilege';
    ELSIF TG_OP = 'DELETE' THEN
        p := OLD.project_id; a := OLD.attachment_id;
        o := jsonb_build_object('bytes', length(OLD.bytes), 'sha256', encode(sha256(OLD.bytes), 'hex'));
    ELSE
        p := NEW.project_id; a := NEW.attachment_id;
        n := jsonb_build_object('bytes', length(NEW.bytes), 'sha256', encode(sha256(NEW.bytes), 'hex'));
    END IF;
    PERFORM giamsat.check_numbered(p);
    SELECT last_seq INTO s FROM giamsat.projects WHERE id = p;
    INSERT INTO giamsat.audit (project_id, seq, kind, record_id, old, new)
    VALUES (p, s, 'Content', a, o, n);
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER guard BEFORE INSERT OR UPDATE OR DELETE ON giamsat.contents
    FOR EACH ROW EXECUTE FUNCTION giamsat.guard_content();

-- The audit trail: written here, by the server, for every row of records and entries.
CREATE FUNCTION giamsat.audit_record() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
    AS $$
DECLARE
    p bigint;
    k text;
    i bigint;
    o jsonb;
    n jsonb;
    s bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        p := NEW.project_id; k := NEW.kind; i := NEW.id; n := NEW.body;
    ELSIF TG_OP = 'UPDATE' THEN
        p := NEW.project_id; k := NEW.kind; i := NEW.id; o := OLD.body; n := NEW.body;
    ELSE
        p := OLD.project_id; k := OLD.kind; i := OLD.id; o := OLD.body;
    END IF;
    SELECT last_seq INTO s FROM giamsat.projects WHERE id = p;
    INSERT INTO giamsat.audit (project_id, seq, kind, record_id, old, new)
    VALUES (p, s, k, i, o, n);
    RETURN NULL;
END $$;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON giamsat.records
    FOR EACH ROW EXECUTE FUNCTION giamsat.audit_record();
CREATE TRIGGER audit AFTER INSERT ON giamsat.entries
    FOR EACH ROW EXECUTE FUNCTION giamsat.audit_record();

-- History is kept: no one, not even the tables' owner, updates or deletes it.
CREATE FUNCTION giamsat.refuse_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$
BEGIN
    RAISE EXCEPTION 'bảng % chỉ được thêm, không được sửa hay xóa', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER keep BEFORE UPDATE OR DELETE ON giamsat.entries
    FOR EACH ROW EXECUTE FUNCTION giamsat.refuse_change();
CREATE TRIGGER keep BEFORE UPDATE OR DELETE ON giamsat.changes
    FOR EACH ROW EXECUTE FUNCTION giamsat.refuse_change();
CREATE TRIGGER keep BEFORE UPDATE OR DELETE ON giamsat.audit
    FOR EACH ROW EXECUTE FUNCTION giamsat.refuse_change();
CREATE TRIGGER keep_all BEFORE TRUNCATE ON giamsat.entries
    FOR EACH STATEMENT EXECUTE FUNCTION giamsat.refuse_change();
CREATE TRIGGER keep_all BEFORE TRUNCATE ON giamsat.changes
    FOR EACH STATEMENT EXECUTE FUNCTION giamsat.refuse_change();
CREATE TRIGGER keep_all BEFORE TRUNCATE ON giamsat.audit
    FOR EACH STATEMENT EXECUTE FUNCTION giamsat.refuse_change();

-- Row-level security: a person sees the projects they are a member of (administrators all).
ALTER TABLE giamsat.projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE giamsat.members ENABLE ROW LEVEL SECURITY;
ALTER TABLE giamsat.records ENABLE ROW LEVEL SECURITY;
ALTER TABLE giamsat.entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE giamsat.contents ENABLE ROW LEVEL SECURITY;
ALTER TABLE giamsat.changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE giamsat.audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY member ON giamsat.projects FOR SELECT USING (giamsat.may_read(id));
CREATE POLICY member ON giamsat.members
    USING (role_name = session_user OR giamsat.is_admin())
    WITH CHECK (giamsat.is_admin());
CREATE POLICY member ON giamsat.records
    USING (giamsat.may_read(project_id)) WITH CHECK (giamsat.may_read(project_id));
CREATE POLICY member ON giamsat.entries
    USING (giamsat.may_read(project_id)) WITH CHECK (giamsat.may_read(project_id));
CREATE POLICY member ON giamsat.contents
    USING (giamsat.may_read(project_id)) WITH CHECK (giamsat.may_read(project_id));
CREATE POLICY member ON giamsat.changes
    USING (giamsat.may_read(project_id)) WITH CHECK (giamsat.may_read(project_id));
CREATE POLICY member ON giamsat.audit USING (giamsat.may_read(project_id));

-- What each group may do. Readers read; editors add and change (history only added);
-- administrators also say who belongs to which project.
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA giamsat FROM PUBLIC;
GRANT EXECUTE ON FUNCTION giamsat.is_admin(), giamsat.may_read(bigint) TO giamsat_reader;
GRANT EXECUTE ON FUNCTION giamsat.new_project(), giamsat.lock_project(bigint) TO giamsat_editor;
GRANT SELECT ON ALL TABLES IN SCHEMA giamsat TO giamsat_reader;
GRANT INSERT, DELETE, UPDATE (body) ON giamsat.records TO giamsat_editor;
GRANT INSERT ON giamsat.entries, giamsat.changes TO giamsat_editor;
GRANT INSERT, DELETE ON giamsat.contents TO giamsat_editor;
GRANT INSERT, DELETE ON giamsat.members TO giamsat_admin;
