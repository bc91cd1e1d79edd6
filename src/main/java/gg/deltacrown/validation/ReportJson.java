package gg.deltacrown.validation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report as JSON, laid out as Python's {@code json.dumps(report, indent=2)} lays it out (the
 * original's format): two-space indent, {@code "key": value}, one array element per line,
 * {@code []} and {@code {}} for empty ones. Non-ASCII characters are written as UTF-8 rather than
 * {@code \\uXXXX} escapes; parsed, the value is the same.
 */
public final class ReportJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final ObjectReader FIRST_VALUE =
            MAPPER.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final ObjectWriter PRETTY = MAPPER.writer()
            .with(new DefaultPrettyPrinter(Separators.createDefaultInstance()
                            .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("")
                            .withArrayEmptySeparator(""))
                    .withObjectIndenter(INDENT)
                    .withArrayIndenter(INDENT));

    private ReportJson() {}

    /** A report, a delta or any other document, indented like the original. No trailing newline. */
    public static String write(Object document) {
        return PRETTY.writeValueAsString(document);
    }

    public static JsonNode toTree(Object document) {
        return MAPPER.valueToTree(document);
    }

    /**
     * Parses a report. Text printed by the original around its JSON (banner lines before and after)
     * is tolerated: the document then starts at the first line that starts with
     * {@code {}.
     *
     * @throws MalformedReportException when there is no JSON object to be found
     */
    public static Parsed parse(String text) {
        try {
            return new Parsed(MAPPER.readTree(text), false);
        } catch (JacksonException strict) {
            int start = firstObjectLine(text);
            if (start < 0) {
                throw new MalformedReportException(
                        "is not valid JSON (" + firstLine(strict.getOriginalMessage()) + ")");
            }
            try (JsonParser parser = MAPPER.createParser(text.substring(start))) {
                JsonNode node = FIRST_VALUE.readValue(parser);
                if (node == null) {
                    throw new MalformedReportException("is empty");
                }
                return new Parsed(node, true);
            } catch (JacksonException lenient) {
                throw new MalformedReportException(
                        "is not valid JSON (" + firstLine(lenient.getOriginalMessage()) + ")");
            }
        }
    }

    /** A parsed document; {@code surrounded} when text around the JSON was ignored. */
    public record Parsed(JsonNode document, boolean surrounded) {}

    private static int firstObjectLine(String text) {
        int offset = 0;
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("{")) {
                return offset + line.indexOf('{');
            }
            offset += line.length() + 1;
        }
        return -1;
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse(message);
    }
}
