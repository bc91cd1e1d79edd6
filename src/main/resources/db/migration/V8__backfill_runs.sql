-- Backfill of unmapped legacy teams into vNext (docs/adr/0024-backfill-and-repair.md). Only new
-- objects, so this also runs on an existing DeltaCrown database.

-- One row per `backfill` run. Each batch updates its run row in the batch's own transaction, so
-- after a crash (kill -9, lost connection) the row says exactly which batches committed: a
-- restart resumes after `last_legacy_team_id` and redoes at most the batch that was in flight.
CREATE TABLE organizations_backfill_run (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    status              varchar(16) NOT NULL DEFAULT 'RUNNING'
                        CONSTRAINT organizations_backfill_run_status_check
                        CHECK (status IN ('RUNNING', 'DONE', 'FAILED', 'ABANDONED')),
    options             jsonb       NOT NULL,
    last_legacy_team_id bigint      NOT NULL DEFAULT 0,
    batches             integer     NOT NULL DEFAULT 0,
    teams_created       bigint      NOT NULL DEFAULT 0,
    memberships_created bigint      NOT NULL DEFAULT 0,
    rows_written        bigint      NOT NULL DEFAULT 0,
    teams_skipped       bigint      NOT NULL DEFAULT 0,
    conflicts           bigint      NOT NULL DEFAULT 0,
    resumes             integer     NOT NULL DEFAULT 0,
    started_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    finished_at         timestamptz NULL,
    db_user             text        NOT NULL DEFAULT current_user,
    last_error          text        NULL
);

-- Every conflict a run met and how it was resolved (or why the team was skipped), written in the
-- transaction of the batch that met it: the summary shows the first ones, this table all of them.
CREATE TABLE organizations_backfill_conflict (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id         bigint      NOT NULL CONSTRAINT organizations_backfill_conflict_run_fk
                   REFERENCES organizations_backfill_run (id) DEFERRABLE INITIALLY DEFERRED,
    legacy_team_id bigint      NOT NULL,
    vnext_team_id  bigint      NULL,
    kind           varchar(40) NOT NULL,
    detail         text        NOT NULL,
    resolution     text        NOT NULL,
    occurred_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organizations_backfill_conflict_run_idx ON organizations_backfill_conflict (run_id, kind, legacy_team_id);
