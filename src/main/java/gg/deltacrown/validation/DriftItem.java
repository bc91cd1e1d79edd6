package gg.deltacrown.validation;

/**
 * One drifted item of the full verification: a kind and the pair it was found on. A side is null
 * when the pair has no id for it (a vNext team without a map row has no legacy team id).
 */
public record DriftItem(DriftKind kind, Long vnextTeamId, Long legacyTeamId) {

    /** The line of the ids file: {@code <kind> <vnext_team_id> <legacy_team_id>}, {@code -} for no id. */
    public String line() {
        return kind.id() + " " + id(vnextTeamId) + " " + id(legacyTeamId);
    }

    private static String id(Long id) {
        return id == null ? "-" : id.toString();
    }
}
