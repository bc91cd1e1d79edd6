package gg.deltacrown.validation;

import gg.deltacrown.validation.ValidationReport.BlockedEntry;
import gg.deltacrown.validation.ValidationReport.Consistency;
import gg.deltacrown.validation.ValidationReport.Coverage;
import gg.deltacrown.validation.ValidationReport.DualWriteHealth;
import gg.deltacrown.validation.ValidationReport.Filters;
import gg.deltacrown.validation.ValidationReport.LegacyWrite;
import gg.deltacrown.validation.ValidationReport.LegacyWrites;
import gg.deltacrown.validation.ValidationReport.MappingHealth;
import gg.deltacrown.validation.ValidationReport.MembershipCountMismatch;
import gg.deltacrown.validation.ValidationReport.MembershipShadow;
import gg.deltacrown.validation.ValidationReport.MembershipShadowSamples;
import gg.deltacrown.validation.ValidationReport.MembershipShadows;
import gg.deltacrown.validation.ValidationReport.Meta;
import gg.deltacrown.validation.ValidationReport.MissingShadow;
import gg.deltacrown.validation.ValidationReport.NameMismatch;
import gg.deltacrown.validation.ValidationReport.OrphanMapping;
import gg.deltacrown.validation.ValidationReport.OutboxHealth;
import gg.deltacrown.validation.ValidationReport.RankingMismatch;
import gg.deltacrown.validation.ValidationReport.Samples;
import gg.deltacrown.validation.ValidationReport.ShadowHealth;
import gg.deltacrown.validation.ValidationReport.SlugMismatch;
import java.util.List;

/** Hand-built reports with known values, for the layout tests. */
public final class ReportSamples {

    static final ValidationReport.WriteGuard ENFORCED = new ValidationReport.WriteGuard(
            true, "enforced", "guard enforced: the service's role (deltacrown_app) cannot disable it", List.of());

    private ReportSamples() {}

    /** The original's own sample ({@code logs/validation_report.json}), as this service reports it. */
    public static ValidationReport originalSample() {
        Coverage coverage = new Coverage(1, 0, 0, 0, 1, 0.0);
        MappingHealth mapping = new MappingHealth(0, List.of(), 0, List.of(), 0, List.of(), 0, 0);
        Consistency consistency =
                new Consistency(0, 0, 0, 0, 0, new Samples(List.of(), List.of(), List.of(), List.of()));
        ShadowHealth shadow = healthyShadow();
        return new ValidationReport(
                new Meta("2026-01-25T14:06:48.715523+00:00", 5, new Filters(null, null), false, false, true, 0.5, 9),
                coverage,
                mapping,
                consistency,
                null,
                Recommendations.of(coverage, mapping, consistency, null, shadow),
                shadow);
    }

    static ShadowHealth healthyShadow() {
        return new ShadowHealth(
                new OutboxHealth(0, 0, null, List.of()),
                new MembershipShadows(0, 0, 0, 0, 0, new MembershipShadowSamples(List.of(), List.of(), List.of())),
                new LegacyWrites(0, List.of()),
                ENFORCED);
    }

    /** Something in every section and every optional block of the text layout. */
    public static ValidationReport everything() {
        Coverage coverage = new Coverage(1234567, 1200000, 1100003, 1100000, 134567, 89.1);
        MappingHealth mapping = new MappingHealth(
                1100003,
                List.of(11L, 12L, 13L, 14L, 15L, 16L),
                6,
                List.of(21L),
                1,
                List.of(
                        new OrphanMapping(901, "missing_legacy_team", 999001, 77),
                        new OrphanMapping(902, "missing_legacy_team", 999002, 78),
                        new OrphanMapping(903, "missing_legacy_team", 999003, 79),
                        new OrphanMapping(904, "missing_vnext_team", 80, 888001)),
                4,
                12);
        Consistency consistency = new Consistency(
                100,
                2,
                1,
                1,
                3,
                new Samples(
                        List.of(
                                new NameMismatch(1, 10, 20, "Crimson Wolves (old)", "Crimson Wolves"),
                                new NameMismatch(2, 11, 21, "Azure", "Azure Dragons")),
                        List.of(new SlugMismatch(3, 12, 22, "jade-old", "jade-tigers")),
                        List.of(new MembershipCountMismatch(4, 13, 23, 4, 5, 1)),
                        List.of(new RankingMismatch(5, 14, 24, false, true))));
        DualWriteHealth dualWrite = new DualWriteHealth(
                7,
                2,
                List.of(
                        new MissingShadow(
                                31,
                                "Staging Test Team Alpha",
                                "staging-test-team-alpha",
                                "2026-01-25T14:00:00+00:00",
                                "missing_mapping"),
                        new MissingShadow(
                                30,
                                "Perf Test Team 1",
                                "perf-test-team-1",
                                "2026-01-25T13:59:58.120000+00:00",
                                "missing_legacy_team")),
                "ERROR");
        ShadowHealth shadow = new ShadowHealth(
                new OutboxHealth(
                        3,
                        1,
                        1200L,
                        List.of(new BlockedEntry(
                                41,
                                "sync_team_member_added",
                                31,
                                501L,
                                8,
                                "user_profile_not_found",
                                "no profile for user 9"))),
                new MembershipShadows(
                        12,
                        58,
                        1,
                        1,
                        1,
                        new MembershipShadowSamples(
                                List.of(new MembershipShadow(
                                        501, 31, 60, 9, "PLAYER", "ACTIVE", "PLAYER", "ACTIVE", null, null, null)),
                                List.of(new MembershipShadow(
                                        502,
                                        23,
                                        13,
                                        8,
                                        "PLAYER",
                                        "INACTIVE",
                                        "PLAYER",
                                        "REMOVED",
                                        702L,
                                        "PLAYER",
                                        "ACTIVE")),
                                List.of(new MembershipShadow(
                                        503, 23, 13, 7, "PLAYER", "ACTIVE", "PLAYER", "ACTIVE", 703L, "PLAYER",
                                        "PENDING")))),
                new LegacyWrites(
                        2,
                        List.of(new LegacyWrite(
                                "2026-01-25T13:00:00+00:00",
                                "teams_team",
                                "UPDATE",
                                "bypass_reason",
                                "manual_fix",
                                "postgres"))),
                ENFORCED);
        return new ValidationReport(
                new Meta("2026-01-25T14:06:48+00:00", 100, new Filters(0, "EU"), true, true, true, 3.25, 11),
                coverage,
                mapping,
                consistency,
                dualWrite,
                Recommendations.of(coverage, mapping, consistency, dualWrite, shadow),
                shadow);
    }
}
