package gg.deltacrown.validation;

import gg.deltacrown.database.GuardPosture;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.validation.ValidationReport.Consistency;
import gg.deltacrown.validation.ValidationReport.Coverage;
import gg.deltacrown.validation.ValidationReport.DualWriteHealth;
import gg.deltacrown.validation.ValidationReport.Filters;
import gg.deltacrown.validation.ValidationReport.FullVerification;
import gg.deltacrown.validation.ValidationReport.LegacyWrites;
import gg.deltacrown.validation.ValidationReport.MappingHealth;
import gg.deltacrown.validation.ValidationReport.Meta;
import gg.deltacrown.validation.ValidationReport.OutboxHealth;
import gg.deltacrown.validation.ValidationReport.ShadowHealth;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates the migration validation report (module API).
 *
 * <p>Every number comes from one consistent snapshot: the queries run in a single REPEATABLE READ,
 * READ ONLY transaction, so a report taken while the service writes never mixes states. The
 * number of queries is fixed (see {@link ReportQueries} and {@link ShadowQueries}) and recorded in
 * {@code meta.query_count}.
 */
@Service
public class ValidationReports {

    /** Why {@code --full} refuses {@code --game-id} and {@code --region}. */
    public static final String FULL_WITHOUT_FILTERS =
            "--full compares every pair and takes no --game-id or --region filter";

    private static final int FETCH_SIZE = 500;

    private final JdbcClient whole;
    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;
    private final Flags flags;
    private final GuardPosture guard;
    private final Clock clock;
    private final FullVerifications full;

    @Autowired
    ValidationReports(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            Flags flags,
            GuardPosture guard,
            FullVerifications full) {
        this(dataSource, transactions, flags, guard, Clock.systemUTC(), full);
    }

    /** Without the full verification (tests of the report's own queries). */
    ValidationReports(DataSource dataSource, PlatformTransactionManager transactions, Flags flags, GuardPosture guard) {
        this(dataSource, transactions, flags, guard, Clock.systemUTC(), null);
    }

    ValidationReports(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            Flags flags,
            GuardPosture guard,
            Clock clock) {
        this(dataSource, transactions, flags, guard, clock, null);
    }

    ValidationReports(
            DataSource dataSource,
            PlatformTransactionManager transactions,
            Flags flags,
            GuardPosture guard,
            Clock clock,
            FullVerifications full) {
        this.whole = JdbcClient.create(dataSource);
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(FETCH_SIZE);
        this.jdbc = JdbcClient.create(streaming);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.flags = flags;
        this.guard = guard;
        this.clock = clock;
        this.full = full;
    }

    /**
     * @throws IllegalArgumentException when the request has {@link ReportRequest#problems()}
     */
    public ValidationReport generate(ReportRequest request) {
        return generate(request, null);
    }

    /**
     * The report with the full verification appended ({@code full_verification}, in the same
     * snapshot) when {@code fullRequest} is given; the full verification compares every pair, so it
     * takes no filter.
     *
     * @throws IllegalArgumentException when the request has {@link ReportRequest#problems()}, or
     *     filters together with a full verification
     */
    public ValidationReport generate(ReportRequest request, FullRequest fullRequest) {
        if (fullRequest != null && request.filtered()) {
            throw new IllegalArgumentException(FULL_WITHOUT_FILTERS);
        }
        if (!request.problems().isEmpty()) {
            throw new IllegalArgumentException(request.problems().stream()
                    .map(ReportRequest.Problem::asOption)
                    .collect(Collectors.joining("; ")));
        }
        long started = System.nanoTime();
        String generatedAt = PythonFormat.isoTimestamp(OffsetDateTime.now(clock));
        boolean dualWriteEnabled = flags.isOn(Flag.DUAL_WRITE_ENABLED);
        boolean strict = flags.isOn(Flag.DUAL_WRITE_STRICT_MODE);
        // Read beside the snapshot (it is about roles, not data), so meta.query_count stays fixed.
        ValidationReport.WriteGuard guardState = guardState(flags.isOn(Flag.LEGACY_WRITE_BLOCKED), guard.status());
        ValidationReport draft = snapshot.execute(status -> {
            ReportSession session = new ReportSession(whole, jdbc, request);
            session.tune();
            ReportQueries queries = new ReportQueries(session);
            ReportQueries.TeamCounts teams = queries.teamCounts();
            ReportQueries.MapPass maps = queries.mapPass();
            Coverage coverage = coverage(teams, maps);
            MappingHealth mapping = mappingHealth(maps, queries.duplicates());
            ConsistencySample sample = new ConsistencySample();
            Consistency consistency = sample.collect(queries, maps.rowsWithMissingTeam());
            DualWriteHealth dualWrite = dualWriteEnabled ? dualWriteHealth(queries, strict) : null;
            ShadowHealth shadow = shadowHealth(new ShadowQueries(session), sample.pairs(), guardState);
            FullVerification fullResult = fullRequest == null
                    ? null
                    : full.runInCurrentTransaction(fullRequest.samples(), fullRequest.sink());
            List<String> recommendations = Recommendations.withFull(
                    Recommendations.of(coverage, mapping, consistency, dualWrite, shadow), fullResult);
            Meta meta = new Meta(
                    generatedAt,
                    request.sampleSize(),
                    new Filters(request.gameId(), request.region()),
                    dualWriteEnabled,
                    strict,
                    flags.isOn(Flag.LEGACY_WRITE_BLOCKED),
                    0,
                    session.count() + (fullResult == null ? 0 : fullResult.queryCount()));
            return new ValidationReport(
                    meta, coverage, mapping, consistency, dualWrite, recommendations, shadow, fullResult);
        });
        double elapsed = PythonFormat.round((System.nanoTime() - started) / 1e9, 2);
        Meta meta = draft.meta();
        return new ValidationReport(
                new Meta(
                        meta.generatedAt(),
                        meta.sampleSize(),
                        meta.filters(),
                        meta.dualWriteEnabled(),
                        meta.dualWriteStrictMode(),
                        meta.legacyWriteBlocked(),
                        elapsed,
                        meta.queryCount()),
                draft.coverage(),
                draft.mappingHealth(),
                draft.consistency(),
                draft.dualWriteHealth(),
                draft.recommendations(),
                draft.shadowHealth(),
                draft.fullVerification());
    }

    /**
     * Coverage with no active legacy team in scope is 100%: nothing is left to map. (The original
     * said 0% and reported a CRITICAL "0 legacy teams unmapped (100.0% missing)".)
     */
    private static Coverage coverage(ReportQueries.TeamCounts teams, ReportQueries.MapPass maps) {
        long legacy = teams.legacyTeams();
        long withMapping = maps.withActiveLegacy();
        double percentage = legacy == 0 ? 100.0 : PythonFormat.round((double) withMapping / legacy * 100, 2);
        return new Coverage(legacy, teams.vnextTeams(), maps.mappings(), withMapping, legacy - withMapping, percentage);
    }

    private static MappingHealth mappingHealth(ReportQueries.MapPass maps, ReportQueries.Duplicates duplicates) {
        return new MappingHealth(
                maps.mappings(),
                duplicates.legacyIds(),
                duplicates.legacyCount(),
                duplicates.vnextIds(),
                duplicates.vnextCount(),
                maps.orphans(),
                maps.orphanCount(),
                maps.unverified());
    }

    private static DualWriteHealth dualWriteHealth(ReportQueries queries, boolean strict) {
        long recent = queries.recentTeams();
        ReportQueries.MissingShadows missing = queries.missingShadows();
        String severity = missing.total() == 0 ? "OK" : strict ? "ERROR" : "WARNING";
        return new DualWriteHealth(recent, missing.total(), missing.first(), severity);
    }

    private static ValidationReport.WriteGuard guardState(boolean blocking, GuardPosture.Status status) {
        return new ValidationReport.WriteGuard(
                blocking, status.advisory() ? "advisory" : "enforced", status.describe(), status.advisoryReasons());
    }

    private static ShadowHealth shadowHealth(
            ShadowQueries queries, List<ReportQueries.SampledPair> sampled, ValidationReport.WriteGuard guardState) {
        ShadowQueries.OutboxCounts outbox = queries.outbox();
        OutboxHealth outboxHealth = new OutboxHealth(
                outbox.pending(), outbox.blocked(), outbox.oldestPendingAgeSeconds(), queries.blockedOutbox());
        ShadowQueries.LegacyWrites writes = queries.legacyWrites();
        return new ShadowHealth(
                outboxHealth,
                new MembershipShadowCheck().collect(queries, sampled),
                new LegacyWrites(writes.total(), writes.latest()),
                guardState);
    }
}
