-- Step 2 of the server schema: who has which record open in an editor, so that others see
-- "Anh/Chị X đang sửa mục này"; and blocks of ids reserved by each window, so that two people
-- adding records at once never number them alike. One row per open window (client); a window refreshes its row
-- while the person edits and removes it when they stop. Rows not refreshed for a while (a
-- window that crashed) are ignored by readers. Nothing here is history: rows come and go.

SET LOCAL ROLE giamsat_owner;
SET LOCAL search_path = giamsat, pg_catalog;

CREATE TABLE giamsat.presence (
    project_id bigint NOT NULL REFERENCES giamsat.projects (id),
    client text NOT NULL,
    person text NOT NULL DEFAULT session_user,
    kind text NOT NULL,
    id bigint NOT NULL,
    since timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, client)
);

-- Others learn of it as of a change: the project's number only, as for changes.
CREATE FUNCTION giamsat.notify_presence() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog
    AS $$
DECLARE
    p bigint;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.kind = NEW.kind AND OLD.id = NEW.id THEN
        RETURN NULL;  -- a refresh: nothing new to tell
    END IF;
    p := CASE WHEN TG_OP = 'DELETE' THEN OLD.project_id ELSE NEW.project_id END;
    PERFORM pg_notify('giamsat', p || ':presence');
    RETURN NULL;
END $$;
CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON giamsat.presence
    FOR EACH ROW EXECUTE FUNCTION giamsat.notify_presence();

-- A member sees who edits in their projects; each person writes only their own rows.
ALTER TABLE giamsat.presence ENABLE ROW LEVEL SECURITY;
CREATE POLICY see ON giamsat.presence FOR SELECT USING (giamsat.may_read(project_id));
CREATE POLICY own ON giamsat.presence
    USING (person = session_user AND giamsat.may_read(project_id))
    WITH CHECK (person = session_user AND giamsat.may_read(project_id));
GRANT SELECT ON giamsat.presence TO giamsat_reader;
GRANT INSERT, UPDATE, DELETE ON giamsat.presence TO giamsat_editor;

-- The next id of each kind not yet reserved, per project. Only reserve_ids writes it.
CREATE TABLE giamsat.id_blocks (
    project_id bigint NOT NULL REFERENCES giamsat.projects (id),
    kind text NOT NULL,
    next bigint NOT NULL,
    PRIMARY KEY (project_id, kind)
);
ALTER TABLE giamsat.id_blocks ENABLE ROW LEVEL SECURITY;
CREATE POLICY member ON giamsat.id_blocks USING (giamsat.may_read(project_id));
GRANT SELECT ON giamsat.id_blocks TO giamsat_reader;

-- Reserves n ids of a kind for one window and returns the first: nobody else is given any of
-- them, and none is below floor (the window's own next id, from the records it holds).
CREATE FUNCTION giamsat.reserve_ids(p bigint, k text, n integer, floor bigint) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
    AS $$
DECLARE
    first bigint;
BEGIN
    IF NOT giamsat.may_read(p) OR NOT pg_has_role(session_user, 'giamsat_editor', 'MEMBER') THEN
        RAISE EXCEPTION 'không có quyền thêm bản ghi vào dự án %', p
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF n < 1 OR n > 1000 OR floor > 1000000000000 THEN
        RAISE EXCEPTION 'xin giữ % mã từ % là không hợp lệ', n, floor;
    END IF;
    INSERT INTO giamsat.id_blocks AS b (project_id, kind, next)
        VALUES (p, k, greatest(floor, 1) + n)
        ON CONFLICT (project_id, kind)
        DO UPDATE SET next = greatest(b.next, floor) + n
        RETURNING b.next - n INTO first;
    RETURN first;
END $$;
REVOKE EXECUTE ON FUNCTION giamsat.reserve_ids(bigint, text, integer, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION giamsat.reserve_ids(bigint, text, integer, bigint) TO giamsat_editor;
