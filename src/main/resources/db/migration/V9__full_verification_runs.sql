-- Results of the scheduled full verification (docs/adr/0026-full-verification.md): one row per
-- run, the latest shown on /ops/ and exported as metrics by every instance. Only our object.
CREATE TABLE organizations_verification_run (
    id                          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at                  timestamptz  NOT NULL,
    finished_at                 timestamptz  NOT NULL,
    duration_ms                 bigint       NOT NULL,
    instance                    varchar(100) NOT NULL,
    outcome                     varchar(16)  NOT NULL CONSTRAINT organizations_verification_run_outcome_check
                                CHECK (outcome IN ('CLEAN', 'DRIFT', 'FAILED')),
    compared_pairs              bigint       NOT NULL DEFAULT 0,
    compared_vnext_memberships  bigint       NOT NULL DEFAULT 0,
    compared_legacy_memberships bigint       NOT NULL DEFAULT 0,
    drifted_pairs               bigint       NOT NULL DEFAULT 0,
    -- {"<kind>": <pairs>, ...} for every kind, DriftKind ids
    drift_pairs                 jsonb        NOT NULL DEFAULT '{}'::jsonb,
    -- [{"kind", "vnext_team_id", "legacy_team_id"}, ...] the first items by vNext team id
    samples                     jsonb        NOT NULL DEFAULT '[]'::jsonb,
    error                       text         NULL
);
CREATE INDEX organizations_verification_run_finished_idx ON organizations_verification_run (finished_at DESC);
