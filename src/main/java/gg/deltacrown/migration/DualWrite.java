package gg.deltacrown.migration;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.Flags;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dual-write's entry point for vNext writes (module API).
 *
 * <p>Call {@link #record} inside the transaction of every vNext write. With dual-write off it does
 * nothing. Otherwise it stores an outbox row in that same transaction (so the change and the
 * promise to mirror it commit or roll back together) and logs {@code dual_write_scheduled}; the
 * dispatcher mirrors it after commit. In strict mode the shadow write runs right here, inside the
 * transaction, and a failure throws {@link DualWriteFailedException} so the whole request rolls
 * back.
 */
@Service
public class DualWrite {

    private final Flags flags;
    private final Outbox outbox;

    DualWrite(Flags flags, Outbox outbox) {
        this.flags = flags;
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(ShadowChange change) {
        if (!flags.isOn(Flag.DUAL_WRITE_ENABLED)) {
            return;
        }
        outbox.enqueue(change, flags.isOn(Flag.DUAL_WRITE_STRICT_MODE));
    }
}
