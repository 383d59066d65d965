-- The roles GiamSat's schema uses, made when missing (they belong to the whole PostgreSQL
-- server). giamsat_owner owns the tables and nobody logs in as it; people are login roles in
-- one of reader, editor (who is a reader too) or admin (who is an editor too).
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['giamsat_owner', 'giamsat_reader', 'giamsat_editor', 'giamsat_admin'] LOOP
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- made at the same moment by another init
        END;
    END LOOP;
    BEGIN
        IF NOT pg_has_role('giamsat_editor', 'giamsat_reader', 'MEMBER') THEN
            GRANT giamsat_reader TO giamsat_editor;
        END IF;
        IF NOT pg_has_role('giamsat_admin', 'giamsat_editor', 'MEMBER') THEN
            GRANT giamsat_editor TO giamsat_admin;
        END IF;
    EXCEPTION WHEN unique_violation OR duplicate_object OR internal_error THEN
        NULL; -- granted at the same moment by another init ("tuple concurrently updated")
    END;
END $$;
