package gg.deltacrown.validation;

import gg.deltacrown.migration.repair.EveryPairCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/** The full verification as the check a {@code repair} starts from and ends with. */
@Component
class FullVerificationDrift implements EveryPairCheck {

    private final FullVerifications verifications;

    FullVerificationDrift(FullVerifications verifications) {
        this.verifications = verifications;
    }

    @Override
    public List<gg.deltacrown.migration.repair.DriftItem> find() {
        List<gg.deltacrown.migration.repair.DriftItem> items = new ArrayList<>();
        verifications.run(0, item -> items.add(converted(item)));
        return items;
    }

    @Override
    public List<gg.deltacrown.migration.repair.DriftItem> find(Collection<Long> vnextTeamIds) {
        List<gg.deltacrown.migration.repair.DriftItem> items = new ArrayList<>();
        verifications.check(vnextTeamIds, item -> items.add(converted(item)));
        return items;
    }

    private static gg.deltacrown.migration.repair.DriftItem converted(DriftItem item) {
        return new gg.deltacrown.migration.repair.DriftItem(item.kind().id(), item.vnextTeamId(), item.legacyTeamId());
    }
}
