package gg.deltacrown.seeding;

import gg.deltacrown.accounts.Profiles;
import gg.deltacrown.games.Games;
import gg.deltacrown.legacy.LegacyTeams;
import gg.deltacrown.legacy.LegacyWriteReason;
import gg.deltacrown.teams.TeamRows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills a database with legacy and vNext teams, map rows and memberships at scale, with drift in
 * known numbers, for benchmarks and tests of the validation report (module API).
 *
 * <p>Its legacy rows are written through {@link LegacyTeams} with the bypass reason
 * {@link LegacyWriteReason#SEED_SCALE}, so they are the shadow writer's and not audited as legacy
 * writes made while blocking was on. Rows are generated
 * set-based ({@code INSERT … SELECT} over {@code generate_series}), one batch of teams per
 * transaction, so an interrupted run keeps whole batches only.
 */
@Service
public class ScaleSeeder {

    private static final LegacyWriteReason BYPASS_REASON = LegacyWriteReason.SEED_SCALE;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TeamRows teamRows;
    private final LegacyTeams legacyTeams;
    private final Profiles profiles;

    ScaleSeeder(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            TeamRows teamRows,
            LegacyTeams legacyTeams,
            Profiles profiles) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.teamRows = teamRows;
        this.legacyTeams = legacyTeams;
        this.profiles = profiles;
    }

    public SeedResult seed(SeedPlan plan, SeedProgress progress) {
        if (!plan.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", plan.problems()));
        }
        String run = Long.toString(Instant.now().toEpochMilli(), 36);
        SeedStatements sql = new SeedStatements(run, plan, legacyGameSql());
        progress.started(plan.totalTeams());
        long organizationId = transactions.execute(status -> {
            for (int from = 1; from <= plan.users(); from += plan.batchSize()) {
                Map<String, Integer> range =
                        Map.of("from", from, "to", Math.min(plan.users(), from + plan.batchSize() - 1));
                jdbc.sql(sql.users()).params(range).update();
                profiles.insert(sql.profiles(), range);
            }
            return jdbc.sql(sql.organization()).query(Long.class).single();
        });
        batches(plan.teams(), plan, progress, (from, to) -> sql.mappedBatch(from, to, organizationId));
        batches(plan.legacyOnlyTeams(), plan, progress, (from, to) -> sql.legacyOnlyBatch(from, to));
        batches(plan.vnextOnlyTeams(), plan, progress, (from, to) -> sql.vnextOnlyBatch(from, to, organizationId));
        if (plan.orphanMaps() > 0) {
            transactions.executeWithoutResult(
                    status -> jdbc.sql(sql.orphanMaps()).update());
        }
        for (String table : SeedStatements.TABLES) {
            jdbc.sql("ANALYZE " + table).update();
        }
        return new SeedResult(plan, run);
    }

    private interface Batch {
        List<SeedStatements.Step> steps(int from, int to);
    }

    private void batches(int count, SeedPlan plan, SeedProgress progress, Batch batch) {
        for (int start = 1; start <= count; start += plan.batchSize()) {
            int from = start;
            int to = Math.min(count, from + plan.batchSize() - 1);
            transactions.executeWithoutResult(status -> batch.steps(from, to).forEach(this::run));
            progress.advanced(to - from + 1);
        }
    }

    private void run(SeedStatements.Step step) {
        switch (step.writer()) {
            case SEEDING -> jdbc.sql(step.sql()).update();
            case VNEXT_TEAMS -> teamRows.insertFrom(step.sql());
            case LEGACY_TEAMS -> legacyTeams.insertTeams(BYPASS_REASON, step.sql());
            case LEGACY_MEMBERSHIPS -> legacyTeams.insertMemberships(BYPASS_REASON, step.sql());
            case LEGACY_UPDATE -> legacyTeams.update(BYPASS_REASON, step.sql());
        }
    }

    private static String legacyGameSql() {
        return Games.all().stream()
                .map(game -> "WHEN " + game.id() + " THEN '" + game.legacySlug() + "'")
                .collect(Collectors.joining(" ", "CASE game_id ", " ELSE '' END"));
    }
}
