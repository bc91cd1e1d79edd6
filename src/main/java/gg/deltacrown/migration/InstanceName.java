package gg.deltacrown.migration;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who completed an outbox row: {@code host:pid}, so two instances can be told apart. */
final class InstanceName {

    static final String CURRENT = host() + ":" + ProcessHandle.current().pid();

    private InstanceName() {}

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
