-- What the operators' dashboard (/ops/) reads besides the outbox itself (docs/adr/0027): the stored
-- validation report runs, and one row per failed dual-write attempt, so "failed per minute" is
-- computed from the database and every instance shows the same picture.

-- A validation report run, stored whole (the report's JSON document), newest first.
CREATE TABLE organizations_validation_report_run (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    generated_at timestamptz  NOT NULL DEFAULT clock_timestamp(),
    requested_by varchar(150) NOT NULL,
    has_errors   boolean      NOT NULL,
    report       jsonb        NOT NULL
);
CREATE INDEX organizations_validation_report_run_generated_idx
    ON organizations_validation_report_run (generated_at DESC);

-- A failed dispatch attempt of an outbox row (retried later, or the row became BLOCKED). Written by
-- the trigger below, so whatever code records a failure, it is counted. No foreign key (the outbox
-- purge stays a plain DELETE): the trigger removes failures older than a week, the charts show a day.
CREATE TABLE organizations_dualwrite_failure (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outbox_id bigint      NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    attempt   integer     NOT NULL,
    blocked   boolean     NOT NULL,
    error     text        NULL
);
CREATE INDEX organizations_dualwrite_failure_failed_at_idx ON organizations_dualwrite_failure (failed_at);

-- An attempt that counts up without completing the row is a failure. Completing (status DONE) and
-- resubmitting (attempts back to 0) are not; the WHEN clause keeps the trigger off the hot path.
CREATE FUNCTION deltacrown_record_dualwrite_failure() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM organizations_dualwrite_failure WHERE failed_at < clock_timestamp() - interval '7 days';
    INSERT INTO organizations_dualwrite_failure (outbox_id, attempt, blocked, error)
    VALUES (NEW.id, NEW.attempts, NEW.status = 'BLOCKED', NEW.last_error);
    RETURN NULL;
END
$$;

CREATE TRIGGER deltacrown_record_dualwrite_failure
    AFTER UPDATE OF attempts ON organizations_dualwrite_outbox
    FOR EACH ROW
    WHEN (NEW.attempts > OLD.attempts AND NEW.status <> 'DONE')
    EXECUTE FUNCTION deltacrown_record_dualwrite_failure();
