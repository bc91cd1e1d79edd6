package gg.deltacrown.migration.repair;

/**
 * One drifted item, as the ids file of {@code vnext_validation_report --full --output-ids} has it.
 *
 * @param kind lower_snake_case, e.g. {@code name}, {@code membership_role}, {@code missing_shadow}
 * @param vnextTeamId null when the item has no vNext side
 * @param legacyTeamId null when the item has no legacy side
 */
public record DriftItem(String kind, Long vnextTeamId, Long legacyTeamId) {

    /** Repair can start from this item: it has a vNext team, and that team is not gone ({@code missing_vnext}). */
    public boolean repairable() {
        return vnextTeamId != null && !kind.equals("missing_vnext");
    }
}
