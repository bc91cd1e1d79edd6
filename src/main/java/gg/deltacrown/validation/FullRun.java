package gg.deltacrown.validation;

import gg.deltacrown.legacy.ShadowCheck;
import gg.deltacrown.legacy.ShadowDifferences;
import gg.deltacrown.legacy.ShadowRequest;
import gg.deltacrown.migration.ShadowStates;
import gg.deltacrown.validation.ValidationReport.DriftSample;
import gg.deltacrown.validation.ValidationReport.FullVerification;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One full verification inside the caller's snapshot transaction: chunk digests, the teams of the
 * differing chunks, then the writer's planner on the teams that differ, in batches. Memory: the
 * ids of the differing chunks (one long per chunk of 16 teams that differs) and of the legacy teams
 * without their owner promotion (one long each), the vNext ids of one
 * statement's chunks (at most {@value #CHUNKS_PER_STATEMENT} chunks), one drill batch, the counts
 * and the samples; every item goes to the sink as it is found.
 */
final class FullRun {

    static final int CHUNKS_PER_STATEMENT = 2048;
    static final int DRILL_BATCH = 1000;

    private static final Comparator<DriftItem> SAMPLE_ORDER = Comparator.comparing(
                    (DriftItem item) -> item.vnextTeamId() == null ? Long.MAX_VALUE : item.vnextTeamId())
            .thenComparing(DriftItem::kind);

    private final JdbcClient jdbc;
    private final ShadowStates states;
    private final ShadowCheck check;
    private final DriftSink sink;
    private final int sampleLimit;

    private final Map<DriftKind, Long> pairs = new EnumMap<>(DriftKind.class);
    private final Map<DriftKind, Long> memberships = new EnumMap<>(DriftKind.class);
    private final PriorityQueue<DriftItem> samples = new PriorityQueue<>(SAMPLE_ORDER.reversed());
    private long driftedPairs;
    private long withoutProfile;
    private long drilled;
    private int statements;

    FullRun(JdbcClient jdbc, ShadowStates states, ShadowCheck check, DriftSink sink, int sampleLimit) {
        this.jdbc = jdbc;
        this.states = states;
        this.check = check;
        this.sink = sink;
        this.sampleLimit = sampleLimit;
        for (DriftKind kind : DriftKind.values()) {
            pairs.put(kind, 0L);
            if (kind.isMembership()) {
                memberships.put(kind, 0L);
            }
        }
    }

    FullVerification run() {
        long started = System.nanoTime();
        long[] totals = new long[4];
        LongList chunks = new LongList();
        statements++;
        jdbc.sql(FullQueries.CHUNKS).query(rs -> {
            long chunk = rs.getLong("chunk");
            if (chunk < 0) {
                totals[0] = rs.getLong("legacy_memberships");
                totals[1] = rs.getLong("legacy_teams");
                totals[2] = rs.getLong("vnext_memberships");
                totals[3] = rs.getLong("vnext_teams");
            } else {
                chunks.add(chunk);
            }
        });
        statements++;
        LongList ownerless = new LongList();
        jdbc.sql(FullQueries.WITHOUT_OWNER).query(rs -> {
            long team = rs.getLong("vnext_team_id");
            ownerless.add(team);
            chunks.add(team >> FullQueries.CHUNK_BITS);
        });
        long[] withoutOwner = ownerless.sortedDistinct();
        long[] differing = chunks.sortedDistinct();
        for (int from = 0; from < differing.length; from += CHUNKS_PER_STATEMENT) {
            long[] group = Arrays.copyOfRange(differing, from, Math.min(differing.length, from + CHUNKS_PER_STATEMENT));
            LongList teams = new LongList();
            statements += 4;
            String[] settings = jdbc.sql(FullQueries.PLANNER_SETTINGS)
                    .query((rs, row) -> new String[] {rs.getString("seqscan"), rs.getString("hashjoin")})
                    .single();
            jdbc.sql(FullQueries.INDEXES_ONLY).query(rs -> {});
            jdbc.sql(FullQueries.TEAMS).param("chunks", group).query(rs -> {
                teams.add(rs.getLong("vnext_team_id"));
            });
            jdbc.sql(FullQueries.PLANNER_DEFAULTS)
                    .param("seqscan", settings[0])
                    .param("hashjoin", settings[1])
                    .query(rs -> {});
            // The group is a run of the sorted chunks, and every ownerless team's chunk is among them.
            long first = group[0] << FullQueries.CHUNK_BITS;
            long end = (group[group.length - 1] + 1) << FullQueries.CHUNK_BITS;
            for (int at = lowerBound(withoutOwner, first); at < withoutOwner.length && withoutOwner[at] < end; at++) {
                teams.add(withoutOwner[at]);
            }
            long[] ids = teams.sortedDistinct();
            for (int at = 0; at < ids.length; at += DRILL_BATCH) {
                drill(Arrays.copyOfRange(ids, at, Math.min(ids.length, at + DRILL_BATCH)));
            }
        }
        long missingVnext = pairs.get(DriftKind.MISSING_VNEXT);
        return new FullVerification(
                totals[1] - missingVnext,
                totals[3],
                totals[1],
                totals[2],
                totals[0],
                driftedPairs,
                byId(pairs),
                byId(memberships),
                withoutProfile,
                samples.stream()
                        .sorted(SAMPLE_ORDER)
                        .map(item -> new DriftSample(item.kind().id(), item.vnextTeamId(), item.legacyTeamId()))
                        .toList(),
                sampleLimit,
                differing.length,
                drilled,
                statements,
                PythonFormat.round((System.nanoTime() - started) / 1e9, 2));
    }

    /** The writer's planner on these vNext teams, whether or not their chunks differ. */
    void drillTeams(java.util.Collection<Long> vnextTeamIds) {
        long[] ids = vnextTeamIds.stream()
                .mapToLong(Long::longValue)
                .sorted()
                .distinct()
                .toArray();
        for (int at = 0; at < ids.length; at += DRILL_BATCH) {
            drill(Arrays.copyOfRange(ids, at, Math.min(ids.length, at + DRILL_BATCH)));
        }
    }

    /** The writer's planner on a batch of vNext ids whose rows differ somewhere. */
    private void drill(long[] ids) {
        drilled += ids.length;
        List<Long> batch = Arrays.stream(ids).boxed().toList();
        List<ShadowRequest> requests = states.of(batch);
        Set<Long> existing = new HashSet<>();
        requests.forEach(request -> existing.add(request.team().vnextTeamId()));
        if (existing.size() < batch.size()) {
            missingVnextTeams(
                    batch.stream().filter(id -> !existing.contains(id)).toList());
        }
        Map<Long, Boolean> rankingDiffers = rankings(batch);
        for (ShadowRequest request : requests) {
            if (request.legacyTeamId() == null) {
                pair(request.team().vnextTeamId(), null, EnumSet.of(DriftKind.MISSING_SHADOW), Map.of());
            }
        }
        for (ShadowDifferences found : check.compare(requests)) {
            Set<DriftKind> kinds = EnumSet.noneOf(DriftKind.class);
            Map<DriftKind, Long> members = new EnumMap<>(DriftKind.class);
            if (found.legacyTeamMissing()) {
                kinds.add(DriftKind.MISSING_SHADOW);
            } else {
                found.teamColumns().forEach(column -> kinds.add(DriftKind.ofTeamColumn(column)));
                found.members()
                        .forEach(member -> members.merge(DriftKind.ofMemberColumn(member.column()), 1L, Long::sum));
                kinds.addAll(members.keySet());
                if (Boolean.TRUE.equals(rankingDiffers.get(found.vnextTeamId()))) {
                    kinds.add(DriftKind.RANKING);
                }
                withoutProfile += found.membershipsWithoutProfile();
            }
            pair(found.vnextTeamId(), found.legacyTeamId(), kinds, members);
        }
    }

    private void missingVnextTeams(List<Long> ids) {
        statements++;
        jdbc.sql(FullQueries.MAP_ROWS)
                .param("ids", ids.stream().map(Long::intValue).toArray(Integer[]::new))
                .query(rs -> {
                    if (rs.getBoolean("legacy_exists")) {
                        pair(
                                rs.getLong("vnext_team_id"),
                                rs.getLong("legacy_team_id"),
                                EnumSet.of(DriftKind.MISSING_VNEXT),
                                Map.of());
                    }
                });
    }

    private Map<Long, Boolean> rankings(List<Long> ids) {
        Map<Long, Boolean> differs = new HashMap<>();
        statements++;
        jdbc.sql(FullQueries.RANKINGS)
                .param("ids", ids.stream().map(Long::intValue).toArray(Integer[]::new))
                .query(rs -> {
                    differs.put(
                            rs.getLong("vnext_team_id"),
                            rs.getBoolean("vnext_ranking") != rs.getBoolean("legacy_ranking"));
                });
        return differs;
    }

    private void pair(long vnextTeamId, Long legacyTeamId, Set<DriftKind> kinds, Map<DriftKind, Long> members) {
        if (kinds.isEmpty()) {
            return;
        }
        driftedPairs++;
        for (DriftKind kind : kinds) {
            pairs.merge(kind, 1L, Long::sum);
            DriftItem item = new DriftItem(kind, vnextTeamId, legacyTeamId);
            sink.accept(item);
            samples.add(item);
            if (samples.size() > sampleLimit) {
                samples.poll();
            }
        }
        members.forEach((kind, count) -> memberships.merge(kind, count, Long::sum));
    }

    /** The first index whose value is at least {@code value}. */
    private static int lowerBound(long[] sorted, long value) {
        int at = Arrays.binarySearch(sorted, value);
        return at >= 0 ? at : -at - 1;
    }

    private static Map<String, Long> byId(Map<DriftKind, Long> counts) {
        Map<String, Long> byId = new LinkedHashMap<>();
        counts.forEach((kind, count) -> byId.put(kind.id(), count));
        return byId;
    }

    /** A growable list of longs (a boxed list of every differing chunk would cost 4 times the memory). */
    private static final class LongList {
        private long[] values = new long[64];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] sortedDistinct() {
            long[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return Arrays.stream(sorted).distinct().toArray();
        }
    }
}
