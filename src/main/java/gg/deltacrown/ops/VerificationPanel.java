package gg.deltacrown.ops;

import gg.deltacrown.validation.VerificationRun;
import gg.deltacrown.validation.VerificationRuns;
import java.time.OffsetDateTime;

/**
 * What the "Full verification" panel of {@code /ops/} shows: the latest stored run with its age, and
 * the schedule.
 *
 * @param run the latest run, or null before the first one
 * @param schedule "every 15m", or how to turn the schedule on
 */
record VerificationPanel(VerificationRun run, String age, String schedule) {

    static VerificationPanel of(VerificationRuns runs) {
        VerificationRun run = runs.latest().orElse(null);
        String schedule = runs.properties().enabled()
                ? "every "
                        + runs.properties().interval().toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                : "off (set VERIFICATION_INTERVAL, e.g. 15m)";
        return new VerificationPanel(
                run, run == null ? null : VerificationRuns.ago(run.age(OffsetDateTime.now())), schedule);
    }
}
