package gg.deltacrown.legacy;

import java.util.List;
import java.util.Set;

/**
 * The legacy shadow after a write, as read back.
 *
 * @param verified the rows read back match the intended state
 * @param notes what a reader of {@code verification_notes} should know: values adjusted for legacy
 *     uniqueness or length, members that could not be mirrored, differences found
 * @param membershipsWithoutProfile vNext memberships whose user has no profile (never mirrored)
 */
public record ShadowResult(
        long vnextTeamId,
        long legacyTeamId,
        String legacySlug,
        boolean verified,
        List<String> notes,
        Set<Long> membershipsWithoutProfile) {

    public String notesText() {
        return String.join("; ", notes);
    }
}
