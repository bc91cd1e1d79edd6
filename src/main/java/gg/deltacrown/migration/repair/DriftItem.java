package gg.deltacrown.migration.repair;

/**
 * One drifted item, as the ids file of {@code vnext_validation_report --full --output-ids} has it.
 *
 * @param kind lower_snake_case, e.g. {@code name}, {@code membership_shadow}, {@code missing_shadow}
 * @param vnextTeamId null when the item has no vNext side
 * @param legacyTeamId null when the item has no legacy side
 */
public record DriftItem(String kind, Long vnextTeamId, Long legacyTeamId) {

    /** Kinds repair cannot fix from vNext: the vNext side is gone, or only legacy has the row. */
    public boolean repairable() {
        return vnextTeamId != null && !kind.equals("orphan") && !kind.equals("ranking_legacy_only");
    }
}
