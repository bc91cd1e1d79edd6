package gg.deltacrown.migration.backfill;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a backfill run did, over all its batches (and, for a resumed run, over the batches of this
 * process only: {@link Run#resumedAfter} says where it took over).
 *
 * @param unverified map rows left unverified (the pair differs: see the conflicts)
 * @param rowsWritten rows inserted or updated in both schemas
 */
public record BackfillSummary(
        Run run,
        boolean dryRun,
        long teams,
        long created,
        long memberships,
        long rankings,
        long organizations,
        long verified,
        long synced,
        long unverified,
        Map<String, Long> skipped,
        Map<String, Long> conflicts,
        List<Conflict> firstConflicts,
        long batches,
        double elapsedSeconds,
        long rowsWritten) {

    /**
     * The run: its id (null for a dry run), and whether it took over a run a killed process left.
     *
     * @param resumedAfter the legacy team id the dead run had reached (null: a new run)
     */
    public record Run(Long id, Long resumedAfter) {}

    public double rowsPerSecond() {
        return elapsedSeconds <= 0 ? 0 : rowsWritten / elapsedSeconds;
    }

    public double teamsPerSecond() {
        return elapsedSeconds <= 0 ? 0 : teams / elapsedSeconds;
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Adds up batches. */
    static final class Totals {
        private final Run run;
        private final boolean dryRun;
        private long teams;
        private long created;
        private long memberships;
        private long rankings;
        private long organizations;
        private long verified;
        private long synced;
        private long syncedVerified;
        private long batches;
        private long rowsWritten;
        private final Map<String, Long> skipped = new TreeMap<>();
        private final Map<String, Long> conflicts = new TreeMap<>();
        private final List<Conflict> firstConflicts = new ArrayList<>();

        Totals(Run run, boolean dryRun) {
            this.run = run;
            this.dryRun = dryRun;
        }

        void add(BatchResult batch) {
            teams += batch.teams();
            created += batch.created();
            memberships += batch.memberships();
            rankings += batch.rankings();
            organizations += batch.organizations();
            verified += batch.verified();
            synced += batch.synced();
            syncedVerified += batch.syncedVerified();
            rowsWritten += batch.rowsWritten();
            batches++;
            batch.skipped().forEach((reason, count) -> skipped.merge(reason, count, Long::sum));
            batch.conflicts().forEach((kind, count) -> conflicts.merge(kind, count, Long::sum));
            for (Conflict conflict : batch.firstConflicts()) {
                if (firstConflicts.size() < BatchResult.KEPT) {
                    firstConflicts.add(conflict);
                }
            }
        }

        long teams() {
            return teams;
        }

        BackfillSummary summary(double elapsedSeconds) {
            return new BackfillSummary(
                    run,
                    dryRun,
                    teams,
                    created,
                    memberships,
                    rankings,
                    organizations,
                    verified,
                    synced,
                    created - verified - syncedVerified,
                    Collections.unmodifiableMap(new TreeMap<>(skipped)),
                    Collections.unmodifiableMap(new TreeMap<>(conflicts)),
                    List.copyOf(firstConflicts),
                    batches,
                    elapsedSeconds,
                    rowsWritten);
        }
    }
}
