package gg.deltacrown.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chaos run's short version (bench/chaos.sh runs the long one): three instances on one
 * PostgreSQL 15, 20 {@code kill -9} of serving instances, an immediate PostgreSQL restart, the shadow
 * dual-write and strict mode flipped, all during a burst of writes;
 * then nothing is lost, doubled or partial. The checker itself is then shown to catch a lost outbox
 * row, a doubled one, a partial membership and a shadow that drifted.
 */
class ChaosProcessTests {

    @Test
    void aShortChaosRunLosesNothingAndDuplicatesNothing() {
        ChaosOptions options = new ChaosOptions(
                20,
                1,
                Duration.ofSeconds(60),
                // The revoke is back since the long run of 2026-12-02 (60 s revoke, 0 BLOCKED;
                // RELIABILITY.md): a waiting row is no longer charged for newer rows' failures.
                Duration.ofSeconds(8),
                // Flips on: the immediate restart falls inside the strict-mode window, where runs of
                // 2026-12-02 found 200s with an empty body for writes the service never ran (a lost
                // JDBC connection taken for a gone client; docs/adr/0030), fixed since.
                true,
                4,
                10,
                Duration.ofMinutes(15),
                System.nanoTime(),
                Path.of("target", "chaos-test"),
                // Correctness, not speed, is the point here: C1 only and a class cache cut the
                // instances' start-up (RELIABILITY.md), so the 20 kills take a minute, not five.
                List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"),
                Path.of("target", "chaos-test-aot"));
        List<HistoryChecker.Result> tampered = new ArrayList<>();
        ChaosHarness harness = new ChaosHarness(options);
        harness.afterCheck(run -> {
            String canary = run.canaryTeam().replace("'", "''");
            run.asSuperuser("""
                    DELETE FROM organizations_dualwrite_outbox
                     WHERE operation = 'sync_team_created'
                       AND vnext_team_id = (SELECT id FROM organizations_team WHERE name = '%s')""".formatted(canary));
            tampered.add(run.check());
            run.asSuperuser("""
                    INSERT INTO organizations_dualwrite_outbox (operation, vnext_team_id, vnext_membership_id, status)
                    SELECT operation, vnext_team_id, vnext_membership_id, 'DONE' FROM organizations_dualwrite_outbox
                     WHERE operation = 'sync_team_member_added' ORDER BY id DESC LIMIT 1""");
            tampered.add(run.check());
            run.asSuperuser("""
                    UPDATE organizations_membership SET left_at = NULL
                     WHERE id = (SELECT min(id) FROM organizations_membership WHERE status = 'INACTIVE')""");
            tampered.add(run.check());
            run.asSuperuser("""
                    SET session_replication_role = replica;
                    UPDATE teams_team SET description = 'drifted'
                     WHERE id = (SELECT m.legacy_team_id FROM organizations_migration_map m
                                   JOIN organizations_team t ON t.id = m.vnext_team_id WHERE t.name = '%s')""".formatted(canary));
            tampered.add(run.check());
        });

        ChaosHarness.Report report = harness.run();

        assertThat(report.problems).as(report.text()).isEmpty();
        // Every kind of violation must be absent. The suite's runs of 2026-12-02 found 1 "lost" (a
        // 2xx write without its outbox row) in about 14,000 writes, twice: 200s with an empty body for
        // writes the service never ran, before the harness checked 2xx bodies (docs/adr/0030).
        for (String kind : List.of(
                HistoryChecker.LOST,
                HistoryChecker.DUPLICATED,
                HistoryChecker.PARTIAL,
                HistoryChecker.PHANTOM,
                HistoryChecker.WRONG_STATE,
                HistoryChecker.SHADOW_MISSING,
                HistoryChecker.SHADOW_DIFFERS,
                HistoryChecker.OUTBOX_STUCK,
                HistoryChecker.FOREIGN_ANSWER)) {
            assertThat(report.check.count(kind)).as(kind + "\n" + report.text()).isZero();
        }
        assertThat(report.figures)
                .as(report.text())
                .containsEntry("kills", 20)
                .containsEntry("kills_of_a_serving_instance", 20);
        assertThat(report.databaseRecoveryMs).hasSize(1);
        assertThat(report.check.figures())
                .as(report.text())
                .hasEntrySatisfying("writes_ok", ok -> assertThat(ok).isGreaterThan(100))
                .hasEntrySatisfying("writes_in_doubt", n -> assertThat(n).isPositive())
                .hasEntrySatisfying(
                        "writes_while_dual_write_certainly_on",
                        n -> assertThat(n).isPositive())
                .hasEntrySatisfying(
                        "shadows_compared_with_final_vnext_state",
                        n -> assertThat(n).isPositive());
        assertThat(report.propagation.all()).hasSize(30);

        assertThat(tampered).hasSize(4);
        assertThat(tampered.get(0).count(HistoryChecker.LOST)).isEqualTo(1);
        assertThat(tampered.get(1).count(HistoryChecker.DUPLICATED)).isEqualTo(1);
        assertThat(tampered.get(2).count(HistoryChecker.PARTIAL)).isEqualTo(1);
        assertThat(tampered.get(3).count(HistoryChecker.SHADOW_DIFFERS))
                .isEqualTo(tampered.get(2).count(HistoryChecker.SHADOW_DIFFERS) + 1);
    }
}
