-- Runtime feature flags (DESIGN section 5). A row exists only for a flag that was changed (by
-- the environment at start-up or at runtime); a missing row means "the built-in default".
CREATE TABLE organizations_feature_flag (
    name       varchar(64)  PRIMARY KEY,
    value      varchar(64)  NOT NULL,
    source     varchar(16)  NOT NULL CONSTRAINT organizations_feature_flag_source_check
               CHECK (source IN ('env', 'runtime')),
    changed_by varchar(150) NOT NULL,
    changed_at timestamptz  NOT NULL DEFAULT now(),
    reason     text         NOT NULL DEFAULT ''
);

-- Who changed what, when and why. Append-only.
CREATE TABLE organizations_feature_flag_change (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       varchar(64)  NOT NULL,
    old_value  varchar(64)  NULL,
    new_value  varchar(64)  NOT NULL,
    source     varchar(16)  NOT NULL,
    changed_by varchar(150) NOT NULL,
    changed_at timestamptz  NOT NULL DEFAULT now(),
    reason     text         NOT NULL DEFAULT ''
);
CREATE INDEX organizations_feature_flag_change_name_idx
    ON organizations_feature_flag_change (name, changed_at DESC);

-- Every change (from the app or from raw SQL) wakes the other instances at once.
CREATE FUNCTION deltacrown_flag_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('deltacrown_flags', coalesce(NEW.name, OLD.name));
    RETURN NULL;
END
$$;

CREATE TRIGGER deltacrown_flag_notify
    AFTER INSERT OR UPDATE OR DELETE ON organizations_feature_flag
    FOR EACH ROW EXECUTE FUNCTION deltacrown_flag_notify();

-- Boolean flag as the database sees it; used by the legacy write guard.
CREATE FUNCTION deltacrown_flag_enabled(flag_name text, default_value boolean) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT f.value = 'true' FROM organizations_feature_flag f WHERE f.name = flag_name),
                    default_value)
$$;
