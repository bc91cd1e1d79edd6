package gg.deltacrown.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.database.DatabaseRoles;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.CapturedLogs;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.TestPropertySource;

/**
 * The legacy side fails: the app role loses its privileges on the legacy tables. Non-strict
 * requests still succeed and the outbox retries until the grant is back; strict requests fail
 * whole.
 */
@IntegrationTest
@TestPropertySource(
        properties = {
            "deltacrown.outbox.initial-backoff=100ms",
            "deltacrown.outbox.max-backoff=400ms",
            "deltacrown.outbox.max-attempts=4",
        })
class DualWriteFaultIntegrationTests {

    private static final String LEGACY_TABLES = "teams_team, teams_teammembership";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Flags flags;

    @Autowired
    OutboxAdmin outboxAdmin;

    @Value("${spring.flyway.url}")
    String url;

    @Value("${spring.flyway.user}")
    String owner;

    @Autowired
    VnextWrites vnext;

    Account user;
    JdbcTemplate admin;

    @BeforeEach
    void setUp() {
        admin = new JdbcTemplate(new DriverManagerDataSource(url, owner, ""));
        user = vnext.user("testuser");
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "fault tests");
        admin.execute("REVOKE INSERT, UPDATE ON " + LEGACY_TABLES + " FROM " + DatabaseRoles.SHADOW_WRITER);
    }

    @AfterEach
    void restoreGrants() {
        admin.execute("GRANT INSERT, UPDATE ON " + LEGACY_TABLES + " TO " + DatabaseRoles.SHADOW_WRITER);
    }

    @Test
    void requestsSucceedFailuresAreLoggedAndEverythingCompletesOnceTheGrantIsBack() {
        try (CapturedLogs logs = CapturedLogs.of(DualWriteEvents.class)) {
            VnextWrites.Team team = vnext.createTeam(user, "Resilient Team", 1, "NA");
            long member = vnext.addMember(team, user, vnext.user("testmember"), "PLAYER", true);

            assertThat(jdbc.queryForObject("SELECT count(*) FROM organizations_team", Integer.class))
                    .isEqualTo(1);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !logs.events("dual_write_failed").isEmpty());
            Map<String, Object> failure = logs.events("dual_write_failed").stream()
                    .filter(event -> "sync_team_created".equals(event.get("operation")))
                    .findFirst()
                    .orElseThrow();
            assertThat(failure)
                    .containsEntry("severity", "warning")
                    .containsEntry("operation", "sync_team_created")
                    .containsEntry("team_id", team.id())
                    .containsEntry("exception_type", "PSQLException")
                    .containsEntry("attempt", 1);
            assertThat((String) failure.get("error")).contains("permission denied for table teams_team");

            admin.execute("GRANT INSERT, UPDATE ON " + LEGACY_TABLES + " TO " + DatabaseRoles.SHADOW_WRITER);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> outboxAdmin.status().pendingCount() == 0);

            assertThat(jdbc.queryForList("SELECT DISTINCT status FROM organizations_dualwrite_outbox", String.class))
                    .containsExactly("DONE");
            assertThat(jdbc.queryForObject("SELECT verified FROM organizations_migration_map", Boolean.class))
                    .isTrue();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_teammembership", Integer.class))
                    .isEqualTo(2);
            assertThat(logs.events("dual_write_completed"))
                    .extracting(e -> e.get("membership_id"))
                    .contains(member);
        }
    }

    /**
     * Found by the chaos harness (RELIABILITY.md): every newer write on a team dispatched its older
     * rows with it and charged them an attempt, so a 60 s revoke dead-lettered rows whose own
     * backoff was still seconds long.
     */
    @Test
    void aRowWaitingForItsRetryIsNotChargedForTheFailuresOfNewerWritesOnItsTeam() {
        VnextWrites.Team team = vnext.createTeam(user, "Patient Team", 1, "NA");
        long first = jdbc.queryForObject(
                "SELECT id FROM organizations_dualwrite_outbox WHERE vnext_team_id = ?", Long.class, team.id());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> attempts(first) >= 1);
        // As after its first failure with a long backoff (this class's backoff is short, so set it).
        jdbc.update(
                "UPDATE organizations_dualwrite_outbox SET status = 'PENDING', attempts = 1, blocked_reason = NULL,"
                        + " next_attempt_at = clock_timestamp() + interval '1 hour' WHERE id = ?",
                first);
        int waiting = attempts(first);

        for (int write = 0; write < 5; write++) {
            vnext.updateSettings(team, user, "EU", "write " + write, "");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.queryForObject(
                                    "SELECT count(*) FROM organizations_dualwrite_outbox"
                                            + " WHERE vnext_team_id = ? AND id <> ? AND attempts = 0",
                                    Long.class,
                                    team.id(),
                                    first)
                            == 0);
        }

        assertThat(jdbc.queryForMap("SELECT status, attempts FROM organizations_dualwrite_outbox WHERE id = ?", first))
                .containsEntry("status", "PENDING")
                .containsEntry("attempts", waiting);
    }

    private int attempts(long outboxId) {
        return jdbc.queryForObject(
                "SELECT attempts FROM organizations_dualwrite_outbox WHERE id = ?", Integer.class, outboxId);
    }

    @Test
    void blocksAfterTheLastAttemptAndRunsAgainWhenUnblocked() {
        try (CapturedLogs logs = CapturedLogs.of(DualWriteEvents.class)) {
            vnext.createTeam(user, "Doomed Team", 1, "NA");

            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> outboxAdmin.status().blockedCount() == 1);
            assertThat(jdbc.queryForMap("SELECT attempts, blocked_reason FROM organizations_dualwrite_outbox"))
                    .containsEntry("attempts", 4)
                    .containsEntry("blocked_reason", "max_attempts");
            assertThat(logs.events("dual_write_failed"))
                    .extracting(e -> e.get("severity"))
                    .containsExactly("warning", "warning", "warning", "error");

            admin.execute("GRANT INSERT, UPDATE ON " + LEGACY_TABLES + " TO " + DatabaseRoles.SHADOW_WRITER);
            assertThat(outboxAdmin.unblock(List.of(), true)).isEqualTo(1);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> outboxAdmin.status().blockedCount() == 0
                            && outboxAdmin.status().pendingCount() == 0);
            assertThat(jdbc.queryForObject("SELECT status FROM organizations_dualwrite_outbox", String.class))
                    .isEqualTo("DONE");
        }
    }

    @Test
    void strictModeFailsTheRequestAndCommitsNothing() {
        flags.change(Flag.DUAL_WRITE_STRICT_MODE, "true", FlagSource.RUNTIME, "test", "strict");
        try (CapturedLogs logs = CapturedLogs.of(DualWriteEvents.class)) {
            assertThatThrownBy(() -> vnext.createTeam(user, "Strict Team", 1, "NA"))
                    .isInstanceOf(DualWriteFailedException.class);

            assertThat(logs.events("dual_write_failed"))
                    .singleElement()
                    .satisfies(event -> assertThat(event).containsEntry("severity", "error"));
        }
        for (String table : List.of(
                "organizations_team",
                "organizations_membership",
                "organizations_dualwrite_outbox",
                "organizations_migration_map")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class))
                    .as(table)
                    .isZero();
        }
    }
}
