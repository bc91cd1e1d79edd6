package gg.deltacrown.validation;

import gg.deltacrown.legacy.ShadowCheck;
import gg.deltacrown.migration.ShadowStates;
import gg.deltacrown.validation.ValidationReport.FullVerification;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The full verification (module API): every mapped pair, every membership and the rankings of both
 * sides compared in one consistent snapshot, with exact counts per {@link DriftKind} and every
 * drifted item passed to a {@link DriftSink} (docs/adr/0026-full-verification.md).
 * {@code vnext_validation_report --full} runs it inside the report's snapshot; the scheduled run
 * ({@link VerificationRuns}) on its own.
 */
@Service
public class FullVerifications {

    /** How many drifted items a result lists by default (all of them go to the sink). */
    public static final int DEFAULT_SAMPLES = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;
    private final ShadowStates states;
    private final ShadowCheck check;

    FullVerifications(
            DataSource dataSource, PlatformTransactionManager transactions, ShadowStates states, ShadowCheck check) {
        // No fetch size: PostgreSQL runs a statement read in pieces (a portal with a row limit)
        // without parallel workers, which doubled the chunk digests' time (bench/RESULTS.md). Every
        // statement's rows are few: differing chunks, or the teams of at most CHUNKS_PER_STATEMENT.
        this.jdbc = JdbcClient.create(dataSource);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.states = states;
        this.check = check;
    }

    /** In a snapshot of its own (REPEATABLE READ, READ ONLY), whatever transaction the caller is in. */
    public FullVerification run(int sampleLimit, DriftSink sink) {
        return snapshot.execute(status -> runInCurrentTransaction(sampleLimit, sink));
    }

    /**
     * The same comparison on these vNext teams only (e.g. the ones a repair has just synced), in a
     * snapshot of its own; every drifted item goes to the sink.
     */
    public void check(java.util.Collection<Long> vnextTeamIds, DriftSink sink) {
        snapshot.executeWithoutResult(status -> new FullRun(jdbc, states, check, sink, 0).drillTeams(vnextTeamIds));
    }

    /** Inside the caller's snapshot transaction (the report's). */
    FullVerification runInCurrentTransaction(int sampleLimit, DriftSink sink) {
        if (sampleLimit < 0) {
            throw new IllegalArgumentException(
                    "the number of drift samples must be 0 or more (got " + sampleLimit + ")");
        }
        return new FullRun(jdbc, states, check, sink, sampleLimit).run();
    }
}
