package gg.deltacrown.validation;

import gg.deltacrown.validation.ValidationReport.Consistency;
import gg.deltacrown.validation.ValidationReport.MembershipCountMismatch;
import gg.deltacrown.validation.ValidationReport.NameMismatch;
import gg.deltacrown.validation.ValidationReport.RankingMismatch;
import gg.deltacrown.validation.ValidationReport.Samples;
import gg.deltacrown.validation.ValidationReport.SlugMismatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares the sampled legacy/vNext pairs as they stream in: full mismatch counts, the first five
 * of each kind kept (docs/adr/0011). {@code sampled_teams} counts the pairs actually compared (the
 * original also counted map rows it skipped because a team was missing).
 */
final class ConsistencySample {

    private static final int KEPT = 5;

    private int sampled;
    private int names;
    private int slugs;
    private int memberships;
    private int rankings;
    private final List<NameMismatch> nameSamples = new ArrayList<>();
    private final List<SlugMismatch> slugSamples = new ArrayList<>();
    private final List<MembershipCountMismatch> membershipSamples = new ArrayList<>();
    private final List<RankingMismatch> rankingSamples = new ArrayList<>();
    private final List<ReportQueries.SampledPair> pairs = new ArrayList<>();

    Consistency collect(ReportQueries queries, long rowsWithMissingTeam) {
        queries.sample(rowsWithMissingTeam, rs -> {
            sampled++;
            long mapping = rs.getLong("mapping_id");
            long legacyId = rs.getLong("legacy_team_id");
            long vnextId = rs.getLong("vnext_team_id");
            pairs.add(new ReportQueries.SampledPair(vnextId, legacyId));
            String legacyName = rs.getString("legacy_name");
            String vnextName = rs.getString("vnext_name");
            if (!Objects.equals(legacyName, vnextName) && names++ < KEPT) {
                nameSamples.add(new NameMismatch(mapping, legacyId, vnextId, legacyName, vnextName));
            }
            String legacySlug = rs.getString("legacy_slug");
            String vnextSlug = rs.getString("vnext_slug");
            if (!Objects.equals(legacySlug, vnextSlug) && slugs++ < KEPT) {
                slugSamples.add(new SlugMismatch(mapping, legacyId, vnextId, legacySlug, vnextSlug));
            }
            long legacyCount = rs.getLong("legacy_count");
            long vnextCount = rs.getLong("vnext_count");
            if (legacyCount != vnextCount && memberships++ < KEPT) {
                membershipSamples.add(new MembershipCountMismatch(
                        mapping, legacyId, vnextId, legacyCount, vnextCount, Math.abs(legacyCount - vnextCount)));
            }
            boolean legacyRanking = rs.getBoolean("legacy_has_ranking");
            boolean vnextRanking = rs.getBoolean("vnext_has_ranking");
            if (legacyRanking != vnextRanking && rankings++ < KEPT) {
                rankingSamples.add(new RankingMismatch(mapping, legacyId, vnextId, legacyRanking, vnextRanking));
            }
        });
        return new Consistency(
                sampled,
                names,
                slugs,
                memberships,
                rankings,
                new Samples(nameSamples, slugSamples, membershipSamples, rankingSamples));
    }

    /** The compared pairs (as many as the sample size, at most). */
    List<ReportQueries.SampledPair> pairs() {
        return pairs;
    }
}
