-- Runbook compatibility (DESIGN section 2, spec 2.15 option B). Only additive objects, so this
-- also runs on an existing DeltaCrown database without touching Django's columns or rows.

-- vNext branding is stored, not dropped (the runbook reads branding->>'logo_url').
ALTER TABLE organizations_team ADD COLUMN IF NOT EXISTS branding jsonb NOT NULL DEFAULT '{}'::jsonb;

-- The shadow writer mirrors branding.logo_url here (the runbook reads teams_team.logo_url).
ALTER TABLE teams_team ADD COLUMN IF NOT EXISTS logo_url varchar(500) NULL;

-- Legacy memberships point at a profile; the runbook joins them on user_id. The column is kept
-- equal to the profile's user by a trigger, whoever writes the row (Django included).
ALTER TABLE teams_teammembership ADD COLUMN IF NOT EXISTS user_id bigint NULL;

UPDATE teams_teammembership tm
   SET user_id = p.user_id
  FROM user_profile_userprofile p
 WHERE p.id = tm.profile_id
   AND tm.user_id IS DISTINCT FROM p.user_id;

CREATE OR REPLACE FUNCTION deltacrown_legacy_membership_user_id() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.user_id := (SELECT p.user_id FROM user_profile_userprofile p WHERE p.id = NEW.profile_id);
    RETURN NEW;
END
$$;

-- Django never sets user_id, so its inserts get it here. A writer that knows the user (the shadow
-- writer) sets it itself and skips the per-row lookup; a changed profile or user_id is re-derived.
CREATE TRIGGER deltacrown_legacy_membership_user_id
    BEFORE INSERT ON teams_teammembership
    FOR EACH ROW WHEN (NEW.user_id IS NULL)
    EXECUTE FUNCTION deltacrown_legacy_membership_user_id();

CREATE TRIGGER deltacrown_legacy_membership_user_id_update
    BEFORE UPDATE OF profile_id, user_id ON teams_teammembership
    FOR EACH ROW WHEN (NEW.profile_id IS DISTINCT FROM OLD.profile_id OR NEW.user_id IS DISTINCT FROM OLD.user_id)
    EXECUTE FUNCTION deltacrown_legacy_membership_user_id();

CREATE INDEX IF NOT EXISTS teams_teammembership_user_id_idx ON teams_teammembership (user_id);

-- The names the runbooks query. Single-table views are updatable, so the runbooks' DELETEs work.
CREATE OR REPLACE VIEW organizations_teammigrationmap AS
SELECT id, legacy_team_id, vnext_team_id, legacy_slug, migration_date, migrated_by_id,
       verified, verification_notes,
       migration_date AS created_at,
       migration_date AS updated_at
  FROM organizations_migration_map;

CREATE OR REPLACE VIEW organizations_teammembership AS
SELECT id, team_id, user_id, status, role, roster_slot, player_role, is_tournament_captain,
       joined_at, left_at, left_reason,
       joined_at AS created_at
  FROM organizations_membership;
