package gg.deltacrown.validation;

import gg.deltacrown.validation.ValidationReport.DriftSample;
import gg.deltacrown.validation.ValidationReport.FullVerification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Stored full verifications (module API): run one now, under a database lock so that one instance
 * at a time runs it, and read the latest. The lock is a transaction-level advisory lock held by the
 * transaction that stores the result, so it is released however that transaction ends (a crashed
 * instance included).
 */
@Service
public class VerificationRuns {

    /** The advisory lock key of the full verification ("dcfv"). */
    static final long LOCK_KEY = 0x64636676L;

    static final String INSTANCE = host() + ":" + ProcessHandle.current().pid();

    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(:key)";

    private static final String LAST_FINISHED = "SELECT max(finished_at) FROM organizations_verification_run";

    private static final String INSERT = """
            INSERT INTO organizations_verification_run (started_at, finished_at, duration_ms, instance, outcome,
                compared_pairs, compared_vnext_memberships, compared_legacy_memberships, drifted_pairs, drift_pairs,
                samples, error)
            VALUES (:startedAt, :finishedAt, :durationMs, :instance, :outcome, :pairs, :vnextMemberships,
                    :legacyMemberships, :drifted, CAST(:driftPairs AS jsonb), CAST(:samples AS jsonb), :error)
            """;

    private static final String PURGE = "DELETE FROM organizations_verification_run WHERE finished_at < :before";

    private static final String LATEST = """
            SELECT id, started_at, finished_at, duration_ms, instance, outcome, compared_pairs,
                   compared_vnext_memberships, compared_legacy_memberships, drifted_pairs, drift_pairs::text,
                   samples::text, error
              FROM organizations_verification_run
             ORDER BY finished_at DESC, id DESC
             LIMIT 1
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final FullVerifications full;
    private final VerificationProperties properties;

    VerificationRuns(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            FullVerifications full,
            VerificationProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.full = full;
        this.properties = properties;
    }

    public VerificationProperties properties() {
        return properties;
    }

    /**
     * Runs and stores a full verification unless another instance is running one, or (with
     * {@code onlyWhenDue}) the latest stored run is younger than the interval.
     *
     * @return the stored run; empty when nothing ran
     */
    public Optional<VerificationRun> run(boolean onlyWhenDue) {
        return transactions.execute(status -> {
            if (!jdbc.sql(TRY_LOCK).param("key", LOCK_KEY).query(Boolean.class).single()) {
                return Optional.empty();
            }
            if (onlyWhenDue && !due()) {
                return Optional.empty();
            }
            store(verify());
            return latest();
        });
    }

    public Optional<VerificationRun> latest() {
        return jdbc.sql(LATEST).query(VerificationRuns::run).optional();
    }

    private boolean due() {
        OffsetDateTime last =
                jdbc.sql(LAST_FINISHED).query(OffsetDateTime.class).optional().orElse(null);
        return last == null || !last.plus(properties.interval()).isAfter(OffsetDateTime.now());
    }

    private record Outcome(OffsetDateTime startedAt, long nanos, FullVerification result, String error) {}

    private Outcome verify() {
        OffsetDateTime startedAt = OffsetDateTime.now();
        long started = System.nanoTime();
        try {
            FullVerification result = full.run(properties.samples(), DriftSink.NONE);
            return new Outcome(startedAt, System.nanoTime() - started, result, null);
        } catch (RuntimeException e) {
            return new Outcome(
                    startedAt, System.nanoTime() - started, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void store(Outcome outcome) {
        FullVerification result = outcome.result();
        OffsetDateTime finished = outcome.startedAt().plusNanos(outcome.nanos());
        jdbc.sql(INSERT)
                .param("startedAt", outcome.startedAt())
                .param("finishedAt", finished)
                .param("durationMs", outcome.nanos() / 1_000_000)
                .param("instance", INSTANCE)
                .param("outcome", result == null ? "FAILED" : result.driftedPairs() == 0 ? "CLEAN" : "DRIFT")
                .param("pairs", result == null ? 0 : result.comparedPairs())
                .param("vnextMemberships", result == null ? 0 : result.vnextMemberships())
                .param("legacyMemberships", result == null ? 0 : result.legacyMemberships())
                .param("drifted", result == null ? 0 : result.driftedPairs())
                .param("driftPairs", ReportJson.write(result == null ? Map.of() : result.driftPairs()))
                .param("samples", ReportJson.write(result == null ? List.of() : result.samples()))
                .param("error", outcome.error())
                .update();
        jdbc.sql(PURGE).param("before", finished.minus(properties.retention())).update();
    }

    private static VerificationRun run(ResultSet rs, int row) throws SQLException {
        Map<String, Long> driftPairs = new LinkedHashMap<>();
        ReportJson.parse(rs.getString("drift_pairs"))
                .document()
                .properties()
                .forEach(
                        entry -> driftPairs.put(entry.getKey(), entry.getValue().asLong()));
        List<DriftSample> samples = new ArrayList<>();
        for (JsonNode sample : ReportJson.parse(rs.getString("samples")).document()) {
            samples.add(new DriftSample(
                    sample.get("kind").asString(), id(sample, "vnext_team_id"), id(sample, "legacy_team_id")));
        }
        return new VerificationRun(
                rs.getLong("id"),
                rs.getObject("started_at", OffsetDateTime.class),
                rs.getObject("finished_at", OffsetDateTime.class),
                rs.getLong("duration_ms"),
                rs.getString("instance"),
                rs.getString("outcome"),
                rs.getLong("compared_pairs"),
                rs.getLong("compared_vnext_memberships"),
                rs.getLong("compared_legacy_memberships"),
                rs.getLong("drifted_pairs"),
                driftPairs,
                samples,
                rs.getString("error"));
    }

    private static Long id(JsonNode sample, String field) {
        JsonNode value = sample.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** How long ago, in words an operator reads at a glance. */
    public static String ago(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 120) {
            return seconds + " s ago";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 172800) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86400 + " days ago";
    }
}
