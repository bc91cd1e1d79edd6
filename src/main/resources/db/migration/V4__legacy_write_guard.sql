-- Legacy write blocking enforced by the database (DESIGN section 4). While
-- TEAM_LEGACY_WRITE_BLOCKED is on, any INSERT, UPDATE, DELETE or TRUNCATE on a legacy table we
-- write is rejected, from this service, from Django or from psql, unless the transaction carries
--   SET LOCAL deltacrown.legacy_write_bypass = '<reason>'
-- or TEAM_LEGACY_WRITE_BYPASS_ENABLED is on. Reads are never affected.

-- Writes that got through while blocking was on, other than the dual-write's own.
CREATE TABLE organizations_legacy_write_audit (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name       varchar(64) NOT NULL,
    operation        varchar(16) NOT NULL,
    allowed_by       varchar(32) NOT NULL CONSTRAINT organizations_legacy_write_audit_allowed_by_check
                     CHECK (allowed_by IN ('bypass_enabled', 'bypass_reason')),
    bypass_reason    text        NULL,
    db_user          text        NOT NULL DEFAULT current_user,
    application_name text        NULL,
    occurred_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organizations_legacy_write_audit_time_idx ON organizations_legacy_write_audit (occurred_at);

CREATE FUNCTION deltacrown_legacy_write_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    bypass_reason text := nullif(current_setting('deltacrown.legacy_write_bypass', true), '');
BEGIN
    IF bypass_reason IS NOT NULL THEN
        IF bypass_reason NOT LIKE 'dual_write%' AND deltacrown_flag_enabled('TEAM_LEGACY_WRITE_BLOCKED', true) THEN
            INSERT INTO organizations_legacy_write_audit (table_name, operation, allowed_by, bypass_reason, application_name)
            VALUES (TG_TABLE_NAME, TG_OP, 'bypass_reason', bypass_reason, current_setting('application_name', true));
        END IF;
        RETURN NULL;
    END IF;
    IF NOT deltacrown_flag_enabled('TEAM_LEGACY_WRITE_BLOCKED', true) THEN
        RETURN NULL;
    END IF;
    IF deltacrown_flag_enabled('TEAM_LEGACY_WRITE_BYPASS_ENABLED', false) THEN
        RAISE WARNING 'LEGACY_WRITE_BYPASSED: % on % allowed because TEAM_LEGACY_WRITE_BYPASS_ENABLED is on',
            TG_OP, TG_TABLE_NAME;
        INSERT INTO organizations_legacy_write_audit (table_name, operation, allowed_by, application_name)
        VALUES (TG_TABLE_NAME, TG_OP, 'bypass_enabled', current_setting('application_name', true));
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'LEGACY_WRITE_BLOCKED: % on % is blocked during Phase 5 (Data Migration). Legacy tables are read-only; use the vNext API.',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'DC403',
              HINT = 'Set TEAM_LEGACY_WRITE_BYPASS_ENABLED=true for an emergency bypass.';
END
$$;

CREATE TRIGGER deltacrown_legacy_write_guard
    BEFORE INSERT OR UPDATE OR DELETE ON teams_team
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_legacy_write_guard();
CREATE TRIGGER deltacrown_legacy_write_guard_truncate
    BEFORE TRUNCATE ON teams_team
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_legacy_write_guard();

CREATE TRIGGER deltacrown_legacy_write_guard
    BEFORE INSERT OR UPDATE OR DELETE ON teams_teammembership
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_legacy_write_guard();
CREATE TRIGGER deltacrown_legacy_write_guard_truncate
    BEFORE TRUNCATE ON teams_teammembership
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_legacy_write_guard();

CREATE TRIGGER deltacrown_legacy_write_guard
    BEFORE INSERT OR UPDATE OR DELETE ON teams_ranking_breakdown
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_legacy_write_guard();
CREATE TRIGGER deltacrown_legacy_write_guard_truncate
    BEFORE TRUNCATE ON teams_ranking_breakdown
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_legacy_write_guard();
