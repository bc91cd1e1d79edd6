package gg.deltacrown.validation;

import gg.deltacrown.validation.ValidationReport.MembershipShadow;
import gg.deltacrown.validation.ValidationReport.MembershipShadowSamples;
import gg.deltacrown.validation.ValidationReport.MembershipShadows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Counts the membership shadows that are missing, differ or are held back as the rows stream in, keeping the five
 * with the lowest vNext membership ids of each kind (deterministic whatever order the rows come in,
 * in bounded memory however many rows are wrong).
 */
final class MembershipShadowCheck {

    private static final int KEPT = 5;
    private static final Comparator<MembershipShadow> BY_ID =
            Comparator.comparingLong(MembershipShadow::vnextMembershipId);

    private long checkedTeams;
    private long checkedMemberships;
    private long missing;
    private long differing;
    private long heldBack;
    private final PriorityQueue<MembershipShadow> missingSamples = new PriorityQueue<>(BY_ID.reversed());
    private final PriorityQueue<MembershipShadow> differingSamples = new PriorityQueue<>(BY_ID.reversed());
    private final PriorityQueue<MembershipShadow> heldBackSamples = new PriorityQueue<>(BY_ID.reversed());

    MembershipShadows collect(ShadowQueries queries, List<ReportQueries.SampledPair> sampled) {
        queries.membershipShadows(sampled, rs -> {
            checkedTeams = rs.getLong("checked_teams");
            checkedMemberships = rs.getLong("checked_memberships");
            if (rs.getObject("vnext_membership_id") == null) {
                return; // the totals alone: nothing is wrong
            }
            MembershipShadow shadow = map(rs);
            if (shadow.legacyMembershipId() == null) {
                missing++;
                keep(missingSamples, shadow);
            } else if (rs.getBoolean("held_back")) {
                heldBack++;
                keep(heldBackSamples, shadow);
            } else {
                differing++;
                keep(differingSamples, shadow);
            }
        });
        return new MembershipShadows(
                checkedTeams,
                checkedMemberships,
                missing,
                differing,
                heldBack,
                new MembershipShadowSamples(sorted(missingSamples), sorted(differingSamples), sorted(heldBackSamples)));
    }

    private static void keep(PriorityQueue<MembershipShadow> kept, MembershipShadow shadow) {
        kept.add(shadow);
        if (kept.size() > KEPT) {
            kept.poll();
        }
    }

    private static List<MembershipShadow> sorted(PriorityQueue<MembershipShadow> kept) {
        return kept.stream().sorted(BY_ID).toList();
    }

    private static MembershipShadow map(ResultSet rs) throws SQLException {
        return new MembershipShadow(
                rs.getLong("vnext_membership_id"),
                rs.getLong("vnext_team_id"),
                rs.getLong("legacy_team_id"),
                rs.getLong("user_id"),
                rs.getString("role"),
                rs.getString("status"),
                rs.getString("expected_legacy_role"),
                rs.getString("expected_legacy_status"),
                rs.getObject("legacy_membership_id", Long.class),
                rs.getString("legacy_role"),
                rs.getString("legacy_status"));
    }
}
