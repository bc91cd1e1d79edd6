-- Transactional outbox of the dual-write (DESIGN section 3). A vNext write stores one row here in
-- its own transaction; dispatchers bring the legacy shadow to the current vNext state and mark the
-- row DONE in one transaction. BLOCKED rows are the dead letters: they wait for an operator.
CREATE TABLE organizations_dualwrite_outbox (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operation           varchar(40)  NOT NULL CONSTRAINT organizations_dualwrite_outbox_operation_check
                        CHECK (operation IN ('sync_team_created', 'sync_team_member_added',
                                             'sync_team_member_updated', 'sync_team_member_removed',
                                             'sync_team_settings_updated')),
    vnext_team_id       bigint       NOT NULL,
    vnext_membership_id bigint       NULL,
    actor_user_id       bigint       NULL,
    status              varchar(16)  NOT NULL DEFAULT 'PENDING'
                        CONSTRAINT organizations_dualwrite_outbox_status_check
                        CHECK (status IN ('PENDING', 'DONE', 'BLOCKED')),
    attempts            integer      NOT NULL DEFAULT 0,
    next_attempt_at     timestamptz  NOT NULL DEFAULT now(),
    last_error          text         NULL,
    blocked_reason      varchar(64)  NULL,
    created_at          timestamptz  NOT NULL DEFAULT clock_timestamp(),
    completed_at        timestamptz  NULL,
    completed_by        varchar(100) NULL
);
-- Claiming: pending rows in id order, the due test read from the index, so a claim stops after the
-- first batch of due rows however long the backlog is.
CREATE INDEX organizations_dualwrite_outbox_due_idx
    ON organizations_dualwrite_outbox (id) INCLUDE (next_attempt_at) WHERE status = 'PENDING';
-- Per-team order: a row waits while an older row of the same team is pending.
CREATE INDEX organizations_dualwrite_outbox_team_idx
    ON organizations_dualwrite_outbox (vnext_team_id, id) WHERE status <> 'DONE';
-- Retention purge of completed rows.
CREATE INDEX organizations_dualwrite_outbox_done_idx
    ON organizations_dualwrite_outbox (completed_at) WHERE status = 'DONE';
