-- The legacy write guard, made unforgeable (docs/adr/0020-database-roles-and-write-guard.md).
--
-- V4 let any session through that set deltacrown.legacy_write_bypass, skipped the audit for reasons
-- starting with 'dual_write', and resolved its tables through the caller's search_path (a
-- temporary table could stand in for the flags or the audit). Now:
--   * the bypass is honoured for one role only, deltacrown_shadow_writer: a NOLOGIN role that the
--     service's runtime role takes with SET LOCAL ROLE inside a dispatch transaction. The reason
--     setting stays, as the text of the audit row;
--   * every other write that passes while blocking is on is audited first: the emergency flag
--     TEAM_LEGACY_WRITE_BYPASS_ENABLED, or a member of deltacrown_legacy_maintainer (a role the
--     operator grants explicitly). No reason skips the audit;
--   * guard and audit functions are SECURITY DEFINER with a fixed search_path (pg_temp last);
--   * flags change only through deltacrown_change_flag(), which records who, when and why; the
--     flag tables and the audit are writable only by their owner (and that function).
-- The roles are created and granted by the grants step (gg.deltacrown.database.DatabaseGrants), not
-- here: this file only names them, so it runs whatever the migrating role may do with roles.

-- Boolean flag as the database sees it (replaces V3's, which resolved the table through the
-- caller's search_path).
CREATE OR REPLACE FUNCTION deltacrown_flag_enabled(flag_name text, default_value boolean) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, "${flyway:defaultSchema}", pg_temp
AS $$
    SELECT coalesce((SELECT f.value = 'true' FROM organizations_feature_flag f WHERE f.name = flag_name),
                    default_value)
$$;

ALTER TABLE organizations_legacy_write_audit
    DROP CONSTRAINT organizations_legacy_write_audit_allowed_by_check,
    -- 'bypass_reason' only on rows written before this migration (V4 audited reasons).
    ADD CONSTRAINT organizations_legacy_write_audit_allowed_by_check
        CHECK (allowed_by IN ('bypass_enabled', 'allowed_role', 'bypass_reason')),
    ADD COLUMN login_role  text NULL,
    ADD COLUMN client_addr inet NULL;
COMMENT ON COLUMN organizations_legacy_write_audit.db_user IS
    'the writing role: the role taken with SET ROLE, else the login role';
COMMENT ON COLUMN organizations_legacy_write_audit.bypass_reason IS
    'deltacrown.legacy_write_bypass of the transaction, if it set one (text only: it allows nothing)';

CREATE OR REPLACE FUNCTION deltacrown_legacy_write_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, "${flyway:defaultSchema}", pg_temp
AS $$
DECLARE
    -- Who writes. current_user is this function's owner (SECURITY DEFINER), so the guard asks for
    -- the role the session took with SET ROLE (PostgreSQL lets only members take it), else the
    -- login role.
    writer text := CASE WHEN current_setting('role') = 'none' THEN session_user::text
                        ELSE current_setting('role') END;
    reason text := nullif(current_setting('deltacrown.legacy_write_bypass', true), '');
    allowed_by text;
BEGIN
    -- The dual-write's own writes (and the service's data tools'): recorded in the outbox and the map.
    IF writer = 'deltacrown_shadow_writer' THEN
        RETURN NULL;
    END IF;
    IF NOT deltacrown_flag_enabled('TEAM_LEGACY_WRITE_BLOCKED', true) THEN
        RETURN NULL;
    END IF;
    -- A role the operator granted deltacrown_legacy_maintainer to (USAGE: it holds the role's rights;
    -- the ADMIN-only membership PostgreSQL 16 gives a role's creator does not count). Superusers
    -- hold every role; they are blocked like anyone else unless the flag is on.
    IF EXISTS (SELECT 1
                 FROM pg_roles w, pg_roles m
                WHERE w.rolname = writer AND NOT w.rolsuper
                  AND m.rolname = 'deltacrown_legacy_maintainer'
                  AND pg_has_role(w.oid, m.oid, 'USAGE')) THEN
        allowed_by := 'allowed_role';
    ELSIF deltacrown_flag_enabled('TEAM_LEGACY_WRITE_BYPASS_ENABLED', false) THEN
        allowed_by := 'bypass_enabled';
    ELSE
        RAISE EXCEPTION 'LEGACY_WRITE_BLOCKED: % on % is blocked during Phase 5 (Data Migration). Legacy tables are read-only; use the vNext API.',
            TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'DC403',
                  DETAIL = CASE WHEN reason IS NULL THEN 'writer: ' || writer
                                ELSE 'writer: ' || writer || '; deltacrown.legacy_write_bypass is honoured only for the role deltacrown_shadow_writer'
                           END,
                  HINT = 'Set TEAM_LEGACY_WRITE_BYPASS_ENABLED=true for an emergency bypass (every write is audited).';
    END IF;
    RAISE WARNING 'LEGACY_WRITE_BYPASSED: % on % by % allowed because %', TG_OP, TG_TABLE_NAME, writer,
        CASE allowed_by WHEN 'allowed_role' THEN writer || ' is a member of deltacrown_legacy_maintainer'
                        ELSE 'TEAM_LEGACY_WRITE_BYPASS_ENABLED is on' END;
    INSERT INTO organizations_legacy_write_audit
           (table_name, operation, allowed_by, bypass_reason, db_user, login_role, application_name, client_addr)
    VALUES (TG_TABLE_NAME, TG_OP, allowed_by, reason, writer, session_user, current_setting('application_name', true),
            inet_client_addr());
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION deltacrown_legacy_write_guard() FROM PUBLIC;

-- Tables only their owner writes (and the SECURITY DEFINER functions the owner wrote). SECURITY
-- INVOKER on purpose: current_user is then the writer, or the owner inside those functions.
CREATE FUNCTION deltacrown_owner_only_write() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = TG_RELID), 'USAGE') THEN
        RAISE EXCEPTION 'PROTECTED_TABLE: % on % by % is refused: %', TG_OP, TG_TABLE_NAME, current_user, TG_ARGV[0]
            USING ERRCODE = '42501';
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION deltacrown_owner_only_write() FROM PUBLIC;

CREATE TRIGGER deltacrown_owner_only_write
    BEFORE INSERT OR UPDATE OR DELETE ON organizations_legacy_write_audit
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_owner_only_write('the legacy write audit is append-only');
CREATE TRIGGER deltacrown_owner_only_write_truncate
    BEFORE TRUNCATE ON organizations_legacy_write_audit
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_owner_only_write('the legacy write audit is append-only');
CREATE TRIGGER deltacrown_owner_only_write
    BEFORE INSERT OR UPDATE OR DELETE ON organizations_feature_flag
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_owner_only_write('change flags with deltacrown_change_flag()');
CREATE TRIGGER deltacrown_owner_only_write_truncate
    BEFORE TRUNCATE ON organizations_feature_flag
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_owner_only_write('change flags with deltacrown_change_flag()');
CREATE TRIGGER deltacrown_owner_only_write
    BEFORE INSERT OR UPDATE OR DELETE ON organizations_feature_flag_change
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_owner_only_write('the flag history is append-only');
CREATE TRIGGER deltacrown_owner_only_write_truncate
    BEFORE TRUNCATE ON organizations_feature_flag_change
    FOR EACH STATEMENT EXECUTE FUNCTION deltacrown_owner_only_write('the flag history is append-only');

ALTER TABLE organizations_feature_flag_change ADD COLUMN login_role text NULL;
COMMENT ON COLUMN organizations_feature_flag_change.login_role IS
    'the database role that made the change (changed_by is the person or process it acted for)';

-- The only way to change a flag for a role that is not the owner. Returns false when an
-- environment value is applied again unchanged (nothing stored), true when it stored a change.
CREATE FUNCTION deltacrown_change_flag(
    flag_name text, new_value text, default_value text, change_source text, changed_by text, change_reason text)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, "${flyway:defaultSchema}", pg_temp
AS $$
DECLARE
    current_value text;
    current_source text;
BEGIN
    IF flag_name IS NULL OR flag_name !~ '^[A-Z][A-Z0-9_]{0,63}$' THEN
        RAISE EXCEPTION 'invalid flag name %', quote_nullable(flag_name) USING ERRCODE = '22023';
    END IF;
    -- The default is what the history shows as the old value of a flag never changed before.
    IF flag_name = 'TEAM_VNEXT_ROUTING_MODE' THEN
        IF new_value IS NULL OR new_value NOT IN ('legacy_only', 'auto', 'vnext_primary', 'vnext_only')
           OR default_value IS NULL OR default_value NOT IN ('legacy_only', 'auto', 'vnext_primary', 'vnext_only') THEN
            RAISE EXCEPTION 'invalid value % or default % for %', quote_nullable(new_value),
                quote_nullable(default_value), flag_name USING ERRCODE = '22023';
        END IF;
    ELSIF new_value IS NULL OR new_value NOT IN ('true', 'false')
          OR default_value IS NULL OR default_value NOT IN ('true', 'false') THEN
        RAISE EXCEPTION 'invalid value % or default % for % (true or false)', quote_nullable(new_value),
            quote_nullable(default_value), flag_name USING ERRCODE = '22023';
    END IF;
    IF change_source IS NULL OR change_source NOT IN ('env', 'runtime') THEN
        RAISE EXCEPTION 'invalid flag source %', quote_nullable(change_source) USING ERRCODE = '22023';
    END IF;
    IF changed_by IS NULL OR btrim(changed_by) = '' OR length(changed_by) > 150 THEN
        RAISE EXCEPTION 'a flag change needs the name of who made it (at most 150 characters)' USING ERRCODE = '22023';
    END IF;

    SELECT f.value, f.source INTO current_value, current_source
      FROM organizations_feature_flag f WHERE f.name = flag_name FOR UPDATE;
    IF change_source = 'env' AND current_source = 'env' AND current_value = new_value THEN
        RETURN false;
    END IF;
    INSERT INTO organizations_feature_flag (name, value, source, changed_by, changed_at, reason)
    VALUES (flag_name, new_value, change_source, changed_by, now(), coalesce(change_reason, ''))
    ON CONFLICT (name) DO UPDATE
       SET value = EXCLUDED.value, source = EXCLUDED.source, changed_by = EXCLUDED.changed_by,
           changed_at = EXCLUDED.changed_at, reason = EXCLUDED.reason;
    INSERT INTO organizations_feature_flag_change (name, old_value, new_value, source, changed_by, reason, login_role)
    VALUES (flag_name, coalesce(current_value, default_value), new_value, change_source, changed_by,
            coalesce(change_reason, ''), session_user);
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION deltacrown_change_flag(text, text, text, text, text, text) FROM PUBLIC;

-- Returns a flag whose value came from the environment to its default (serve, when the variable is
-- gone); a runtime value is kept. True when it removed the value, recorded like any change.
CREATE FUNCTION deltacrown_drop_env_flag(flag_name text, default_value text, changed_by text, change_reason text)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, "${flyway:defaultSchema}", pg_temp
AS $$
DECLARE
    current_value text;
BEGIN
    IF changed_by IS NULL OR btrim(changed_by) = '' OR length(changed_by) > 150 THEN
        RAISE EXCEPTION 'a flag change needs the name of who made it (at most 150 characters)' USING ERRCODE = '22023';
    END IF;
    SELECT f.value INTO current_value
      FROM organizations_feature_flag f WHERE f.name = flag_name AND f.source = 'env' FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;
    DELETE FROM organizations_feature_flag f WHERE f.name = flag_name;
    INSERT INTO organizations_feature_flag_change (name, old_value, new_value, source, changed_by, reason, login_role)
    VALUES (flag_name, current_value, default_value, 'default', changed_by, coalesce(change_reason, ''), session_user);
    RETURN true;
END
$$;
REVOKE ALL ON FUNCTION deltacrown_drop_env_flag(text, text, text, text) FROM PUBLIC;

-- V2's and V3's trigger functions: fixed search_path too, so a temporary table cannot stand in for
-- the profile table in another role's insert.
ALTER FUNCTION deltacrown_legacy_membership_user_id() SECURITY DEFINER
    SET search_path = pg_catalog, "${flyway:defaultSchema}", pg_temp;
ALTER FUNCTION deltacrown_flag_notify() SET search_path = pg_catalog, pg_temp;
