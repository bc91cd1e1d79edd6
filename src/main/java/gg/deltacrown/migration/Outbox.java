package gg.deltacrown.migration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code organizations_dualwrite_outbox} table: enqueue, claim, complete, fail, resubmit. */
@Repository
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    private static final String INSERT = """
            INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, vnext_membership_id, actor_user_id)
            VALUES (:operation, :teamId, :membershipId, :actorUserId)
            RETURNING id
            """;

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long enqueue(ShadowChange change, boolean strict) {
        long id = jdbc.sql(INSERT)
                .param("operation", change.operation().logName())
                .param("teamId", change.teamId())
                .param("membershipId", change.membershipId())
                .param("actorUserId", change.actorUserId())
                .query(Long.class)
                .single();
        log.atInfo()
                .addKeyValue("event_type", "dual_write_scheduled")
                .addKeyValue("operation", change.operation().logName())
                .addKeyValue("team_id", change.teamId())
                .addKeyValue("membership_id", change.membershipId())
                .addKeyValue("team_slug", change.teamSlug())
                .addKeyValue("user_id", change.actorUserId())
                .addKeyValue("outbox_id", id)
                .addKeyValue("strict_mode", strict)
                .log("Dual-write scheduled for {}: {}", change.operation().logName(), change.teamId());
        return id;
    }
}
