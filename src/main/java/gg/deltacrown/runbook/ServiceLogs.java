package gg.deltacrown.runbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's log lines of the run, read from where {@link LogSource} says, each parsed into
 * its fields whatever {@code LOG_FORMAT} the service uses (logfmt {@code key=value} or one JSON
 * object per line; a {@code kubectl --prefix} or compose prefix is skipped), so the runbook's
 * greps ({@code dual_write_scheduled.*team_id=7}) are answered by field, not by substring.
 */
final class ServiceLogs {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern LOGFMT_FIELD =
            Pattern.compile("(?:^|\\s)([A-Za-z_][\\w.]*+)=(\"(?:[^\"\\\\]++|\\\\.)*+\"|\\S*+)");
    /** Phase 5.3's grep, as the runbook writes it (lines naming dual-write are excluded after). */
    static final Pattern INLINE_LEGACY_SQL = Pattern.compile("(INSERT INTO|UPDATE) teams_team");

    /** One log line: the text as printed and its fields (event_type, operation, team_id, ...). */
    record Line(String text, Map<String, String> fields) {

        String field(String name) {
            return fields.getOrDefault(name, "");
        }

        boolean is(String eventType) {
            return eventType.equals(field("event_type"));
        }
    }

    private final List<Line> lines;

    private ServiceLogs(List<Line> lines) {
        this.lines = lines;
    }

    /**
     * Reads the logs written since {@code since} (lines with an older timestamp are dropped; lines
     * without one are kept). The raw text is handed to {@code raw} to be kept as an artifact.
     */
    static ServiceLogs read(LogSource source, Instant since, Consumer<String> raw, Consumer<String> out) {
        String text = switch (source.kind()) {
            case NONE -> "";
            case FILE -> file(source);
            case KUBECTL ->
                RemoteCommand.run(
                        List.of(
                                "kubectl",
                                "logs",
                                "-n",
                                source.namespace(),
                                "-l",
                                LogSource.POD_SELECTOR,
                                "--since=" + secondsSince(since) + "s",
                                "--tail=-1",
                                "--prefix",
                                "--max-log-requests=20"),
                        out);
            case COMPOSE ->
                RemoteCommand.run(
                        List.of(
                                "docker",
                                "compose",
                                "-f",
                                source.composeFile().toString(),
                                "logs",
                                "--no-color",
                                "--since",
                                since.toString(),
                                "web"),
                        out);
        };
        raw.accept(text);
        List<Line> lines = new ArrayList<>();
        text.lines()
                .map(ServiceLogs::parse)
                .filter(line -> !before(line, since))
                .forEach(lines::add);
        return new ServiceLogs(lines);
    }

    static ServiceLogs of(List<String> text) {
        return new ServiceLogs(text.stream().map(ServiceLogs::parse).toList());
    }

    List<Line> events(String eventType, Predicate<Line> filter) {
        return lines.stream().filter(line -> line.is(eventType)).filter(filter).toList();
    }

    /** Phase 5.3: lines with legacy SQL that do not name the dual-write (the runbook's grep -v). */
    List<Line> inlineLegacyWrites() {
        return lines.stream()
                .filter(line -> INLINE_LEGACY_SQL.matcher(line.text()).find())
                .filter(line -> !line.text().contains("dual_write"))
                .toList();
    }

    int size() {
        return lines.size();
    }

    static Line parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        int brace = text.indexOf('{');
        if (brace >= 0 && text.stripTrailing().endsWith("}")) {
            try {
                JsonNode node = JSON.readTree(text.substring(brace));
                if (node.isObject()) {
                    node.properties().forEach(entry -> fields.put(entry.getKey(), scalar(entry.getValue())));
                    return new Line(text, fields);
                }
            } catch (JacksonException e) {
                // not JSON after all: read it as logfmt
            }
        }
        Matcher matcher = LOGFMT_FIELD.matcher(text);
        while (matcher.find()) {
            fields.putIfAbsent(matcher.group(1), unquote(matcher.group(2)));
        }
        return new Line(text, fields);
    }

    private static String scalar(JsonNode value) {
        return value.isValueNode() ? value.asString() : value.toString();
    }

    private static String unquote(String value) {
        if (value.length() < 2 || !value.startsWith("\"")) {
            return value;
        }
        return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static boolean before(Line line, Instant since) {
        String ts = line.fields().getOrDefault("ts", line.fields().getOrDefault("@timestamp", ""));
        if (ts.isEmpty()) {
            return false;
        }
        try {
            return Instant.parse(ts).isBefore(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static long secondsSince(Instant since) {
        return Math.max(1, Duration.between(since, Instant.now()).toSeconds() + 5);
    }

    private static String file(LogSource source) {
        try {
            return Files.readString(source.file(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunbookFailedException(
                    "cannot read the log file " + source.file() + ": " + RemoteCommand.rootMessage(e));
        }
    }
}
