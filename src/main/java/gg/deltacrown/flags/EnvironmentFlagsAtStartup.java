package gg.deltacrown.flags;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Applies the flags explicitly set in the environment when {@code serve} starts, as changes with
 * source {@code env}, so the runbooks' "set the variable and restart" works as written. Other
 * subcommands only read the effective state (README, Configuration).
 */
@Component
@ConditionalOnProperty(name = "deltacrown.mode", havingValue = "serve")
class EnvironmentFlagsAtStartup {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentFlagsAtStartup.class);

    EnvironmentFlagsAtStartup(Flags flags, Environment environment) {
        Map<Flag, String> fromEnvironment = EnvironmentFlags.read(environment::getProperty);
        String who = "env@" + hostname();
        fromEnvironment.forEach((flag, value) -> {
            boolean changed = flags.change(flag, value, FlagSource.ENV, who, "set in the environment at start-up");
            if (changed) {
                log.atInfo()
                        .addKeyValue("event_type", "flag_applied_from_env")
                        .addKeyValue("flag", flag.variable())
                        .addKeyValue("value", value)
                        .log("Applied {}={} from the environment", flag.variable(), value);
            }
        });
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
