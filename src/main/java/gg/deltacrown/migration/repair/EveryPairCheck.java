package gg.deltacrown.migration.repair;

import java.util.Collection;
import java.util.List;

/**
 * The full verification's comparison ({@code vnext_validation_report --full}) as the check a repair
 * starts from and ends with: the validation module implements it, so a repair finds exactly what
 * the report finds without this module depending on the report's.
 */
public interface EveryPairCheck {

    /** Every drifted item of every mapped pair, membership and ranking. */
    List<DriftItem> find();

    /** The drifted items of these vNext teams. */
    List<DriftItem> find(Collection<Long> vnextTeamIds);
}
