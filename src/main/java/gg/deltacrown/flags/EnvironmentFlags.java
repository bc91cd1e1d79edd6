package gg.deltacrown.flags;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/** The flags explicitly set in the environment, validated (README, Configuration). */
public final class EnvironmentFlags {

    private EnvironmentFlags() {}

    /**
     * Reads every flag variable (and alias) that is set.
     *
     * @throws InvalidFlagValueException for a value the flag does not accept, or when a flag and
     *     its alias are both set to different values
     */
    public static Map<Flag, String> read(Function<String, String> environment) {
        Map<Flag, String> values = new EnumMap<>(Flag.class);
        for (Flag flag : Flag.values()) {
            String direct = environment.apply(flag.variable());
            String viaAlias = flag.alias().map(environment).orElse(null);
            String value = null;
            if (direct != null) {
                value = flag.normalize(direct);
            }
            if (viaAlias != null) {
                String aliasValue = normalizeAs(flag, flag.alias().orElseThrow(), viaAlias);
                if (value != null && !value.equals(aliasValue)) {
                    throw new InvalidFlagValueException(flag.variable() + "=" + direct + " and its alias "
                            + flag.alias().orElseThrow() + "=" + viaAlias + " disagree; set only one of them");
                }
                value = aliasValue;
            }
            if (value != null) {
                values.put(flag, value);
            }
        }
        return values;
    }

    private static String normalizeAs(Flag flag, String name, String raw) {
        try {
            return flag.normalize(raw);
        } catch (InvalidFlagValueException e) {
            throw new InvalidFlagValueException(e.getMessage().replace(flag.variable(), name));
        }
    }
}
