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
 * source {@code env}, so the runbooks' "set the variable and restart" works as written; a flag whose
 * stored value came from the environment and whose variable is no longer set returns to its
 * default (a runtime change stays). Other subcommands only read the effective state (README, Configuration).
 */
@Component
@ConditionalOnProperty(name = "deltacrown.mode", havingValue = "serve")
class EnvironmentFlagsAtStartup {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentFlagsAtStartup.class);

    EnvironmentFlagsAtStartup(Flags flags, Environment environment) {
        apply(flags, EnvironmentFlags.read(environment::getProperty), "env@" + hostname());
    }

    static void apply(Flags flags, Map<Flag, String> fromEnvironment, String who) {
        for (Flag flag : Flag.values()) {
            String value = fromEnvironment.get(flag);
            if (value != null) {
                if (flags.change(flag, value, FlagSource.ENV, who, "set in the environment at start-up")) {
                    log.atInfo()
                            .addKeyValue("event_type", "flag_applied_from_env")
                            .addKeyValue("flag", flag.variable())
                            .addKeyValue("value", value)
                            .log("Applied {}={} from the environment", flag.variable(), value);
                }
            } else if (flags.dropEnvironmentValue(
                    flag, who, "no longer set in the environment at start-up: back to the default")) {
                log.atInfo()
                        .addKeyValue("event_type", "flag_returned_to_default")
                        .addKeyValue("flag", flag.variable())
                        .addKeyValue("value", flag.defaultValue())
                        .log("{} is no longer set in the environment: back to its default", flag.variable());
            }
        }
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
