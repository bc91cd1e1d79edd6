package gg.deltacrown.migration.repair;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The drift ids file {@code vnext_validation_report --full --output-ids FILE} writes: UTF-8, first
 * line {@value #HEADER}, then {@code <kind> <vnext_team_id> <legacy_team_id>} per drifted item,
 * single spaces, {@code -} for a side without an id; lines starting with {@code #} are comments.
 * Read as a stream, so the file may be as long as the database has pairs.
 */
public final class DriftIds {

    public static final String HEADER = "# deltacrown drift ids v1";

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern ID = Pattern.compile("-|[1-9][0-9]{0,18}");

    /** The file cannot be used at all (missing, not UTF-8, not this format). */
    public static final class UnreadableException extends RuntimeException {
        UnreadableException(String message) {
            super(message);
        }
    }

    /** A line that was skipped, and why. */
    public record Unusable(int line, String text, String reason) {}

    /**
     * @param items the usable lines, in file order
     * @param unusable lines that are malformed or have no vNext team to repair from
     */
    public record Contents(List<DriftItem> items, List<Unusable> unusable) {

        /** The distinct vNext teams to repair, in the order they first appear. */
        public Set<Long> vnextTeamIds() {
            Set<Long> ids = new LinkedHashSet<>();
            items.forEach(item -> ids.add(item.vnextTeamId()));
            return ids;
        }
    }

    private DriftIds() {}

    public static Contents read(Path file) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String header = reader.readLine();
            if (header == null || !strip(header).equals(HEADER)) {
                throw new UnreadableException(file + ": not a drift ids file (its first line must be '" + HEADER
                        + "'; write it with vnext_validation_report --full --output-ids FILE)");
            }
            List<DriftItem> items = new ArrayList<>();
            List<Unusable> unusable = new ArrayList<>();
            int number = 1;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                line = strip(line);
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                parse(number, line, items, unusable);
            }
            return new Contents(items, unusable);
        } catch (NoSuchFileException e) {
            throw new UnreadableException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new UnreadableException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new UnreadableException(file + ": " + e.getMessage());
        }
    }

    private static void parse(int number, String line, List<DriftItem> items, List<Unusable> unusable) {
        String[] fields = line.split(" ", -1);
        if (fields.length != 3
                || !KIND.matcher(fields[0]).matches()
                || !ID.matcher(fields[1]).matches()
                || !ID.matcher(fields[2]).matches()) {
            unusable.add(new Unusable(number, shortened(line), "expected '<kind> <vnext_team_id> <legacy_team_id>'"));
            return;
        }
        Long vnext = id(fields[1]);
        Long legacy = id(fields[2]);
        if (vnext == null) {
            unusable.add(new Unusable(
                    number, line, "no vNext team to repair from (a legacy-only item: backfill maps unmapped teams)"));
            return;
        }
        items.add(new DriftItem(fields[0], vnext, legacy));
    }

    private static Long id(String field) {
        return field.equals("-") ? null : Long.valueOf(field);
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String shortened(String line) {
        return line.length() <= 120 ? line : line.substring(0, 120) + "…";
    }
}
