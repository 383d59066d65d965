-- Step 2 of the server schema: who has which record open in an editor, so that others see
-- "Anh/Chị X đang sửa mục này". One row per open window (client); a window refreshes its row
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
