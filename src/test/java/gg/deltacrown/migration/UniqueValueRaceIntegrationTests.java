package gg.deltacrown.migration;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.legacy.LegacyTeams;
import gg.deltacrown.legacy.LegacyWriteReason;
import gg.deltacrown.legacy.NewLegacyTeam;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A batch that loses a legacy value to another writer between reading it free and inserting it
 * (another dispatcher's batch, in practice; here a transaction holding a legacy team with that
 * tag) fails on the unique index, and is dispatched again whole, seeing the value taken: one
 * transaction for the batch, not one per team (docs/adr/0031).
 */
@IntegrationTest
class UniqueValueRaceIntegrationTests {

    /** The natural legacy tag of the three teams below: their slugs' first ten letters. */
    private static final String TAG = "RACETAGTEA";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Flags flags;

    @Autowired
    VnextWrites vnext;

    @Autowired
    LegacyTeams legacyTeams;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aBatchThatLosesItsLegacyTagWhileItWritesIsDispatchedAgainWholeNotTeamByTeam() throws Exception {
        List<Long> teams = List.of("A", "B", "C").stream()
                .map(letter -> {
                    Account owner = vnext.user("racer" + letter.toLowerCase());
                    return vnext.createTeam(owner, "Racetag Team " + letter, 1, "NA")
                            .id();
                })
                .toList();

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> otherWriter = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
            legacyTeams.insertTeam(
                    LegacyWriteReason.TEST_FIXTURE,
                    new NewLegacyTeam(
                            "Another Writer", TAG, "another-writer", "valorant", "NA", "", null, null, null, true),
                    OffsetDateTime.now());
            holding.countDown();
            try {
                assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }));
        assertThat(holding.await(20, TimeUnit.SECONDS)).isTrue();

        // The three rows in one transaction: the dispatcher claims them as one batch.
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "unique value race");
        jdbc.update("""
                INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, actor_user_id)
                SELECT 'sync_team_created', id, owner_id FROM organizations_team WHERE id = ANY(?) ORDER BY id""", (Object) teams.toArray(Long[]::new));
        // The batch read the tag free and now waits for the other writer's uncommitted row.
        Awaitility.await("the dispatcher waiting on the other writer's tag")
                .atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject("""
                                SELECT count(*) FROM pg_stat_activity
                                 WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO teams_team (%'""", Integer.class) > 0);
        release.countDown();
        otherWriter.get(20, TimeUnit.SECONDS);

        Awaitility.await("outbox drained")
                .atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status <> 'DONE'",
                                Integer.class)
                        == 0);
        assertThat(jdbc.queryForList(
                        "SELECT attempts FROM organizations_dualwrite_outbox WHERE vnext_team_id = ANY(?)",
                        Integer.class,
                        (Object) teams.toArray(Long[]::new)))
                .as("no failed attempt charged to the rows")
                .containsExactly(1, 1, 1);
        assertThat(jdbc.queryForObject("""
                        SELECT count(DISTINCT migration_date) FROM organizations_migration_map
                         WHERE vnext_team_id = ANY(?) AND verified""", Integer.class, (Object) teams.toArray(Long[]::new)))
                .as("the three teams mirrored and verified in one transaction (one now())")
                .isEqualTo(1);
        List<String> tags = jdbc.queryForList("""
                SELECT t.tag FROM teams_team t JOIN organizations_migration_map m ON m.legacy_team_id = t.id
                 WHERE m.vnext_team_id = ANY(?)""", String.class, (Object) teams.toArray(Long[]::new));
        assertThat(tags).hasSize(3).doesNotContain(TAG);
        assertThat(tags.stream().collect(Collectors.toSet())).hasSize(3);
    }
}
