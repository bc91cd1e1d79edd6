package gg.deltacrown.legacy;

import java.util.Collection;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ranking side of a shadow (module API): a vNext team with a ranking has a
 * {@code teams_ranking_breakdown} row. The row is created with every component at zero, which is
 * what Django's save hook computes its totals from (copying the vNext points would be undone by
 * that hook); an existing legacy row is never changed or deleted.
 */
@Service
public class LegacyRankings {

    private final LegacyRankingRows rows;
    private final LegacyWriteBypass bypass;

    LegacyRankings(LegacyRankingRows rows, LegacyWriteBypass bypass) {
        this.rows = rows;
        this.bypass = bypass;
    }

    /** Gives these legacy teams a ranking row where they have none; returns how many were added. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int ensure(Collection<Long> legacyTeamIds, LegacyWriteReason bypassReason) {
        if (legacyTeamIds.isEmpty()) {
            return 0;
        }
        bypass.open(bypassReason);
        return rows.insertMissing(legacyTeamIds);
    }
}
