package gg.deltacrown.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.event.KeyValuePair;

/**
 * One line per event in logfmt: {@code ts=… level=INFO event_type=team_created team_id=7 …
 * msg="…" logger=…}. The fields are the SLF4J key-value pairs of the event, in the order they were
 * added, so {@code grep "event_type=dual_write_scheduled.*team_id=7"} finds what the runbook wants.
 * A value is quoted only when it must be (spaces, quotes, {@code =}, control characters).
 */
public class LogfmtLayout extends LayoutBase<ILoggingEvent> {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(256);
        line.append("ts=").append(TIMESTAMP.format(Instant.ofEpochMilli(event.getTimeStamp())));
        line.append(" level=").append(event.getLevel());
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                if (pair.value == null) {
                    continue; // an absent id (membership_id of a team operation) is left out, not printed empty
                }
                line.append(' ').append(key(pair.key)).append('=');
                appendValue(line, String.valueOf(pair.value));
            }
        }
        line.append(" msg=");
        appendValue(line, event.getFormattedMessage());
        line.append(" logger=").append(event.getLoggerName());
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            line.append(" exception_class=").append(error.getClassName());
            line.append(" exception_message=");
            appendValue(line, error.getMessage() == null ? "" : error.getMessage());
            line.append(" stack=");
            appendValue(line, stackTrace(error));
        }
        return line.append(CoreConstants.LINE_SEPARATOR).toString();
    }

    /** The key with whitespace, '=' and '"' made '_' (no regex: it runs for every key of every line). */
    static String key(String key) {
        if (key == null || key.isEmpty()) {
            return "_";
        }
        char[] chars = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == '=' || c == '"') {
                if (chars == null) {
                    chars = key.toCharArray();
                }
                chars[i] = '_';
            }
        }
        return chars == null ? key : new String(chars);
    }

    static void appendValue(StringBuilder line, String value) {
        if (!value.isEmpty() && value.chars().noneMatch(LogfmtLayout::needsQuoting)) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    private static boolean needsQuoting(int c) {
        return c <= ' ' || c == '"' || c == '=' || c == '\\';
    }

    private static String stackTrace(IThrowableProxy error) {
        StringBuilder trace = new StringBuilder();
        IThrowableProxy current = error;
        int depth = 0;
        while (current != null && depth < 5) {
            if (depth > 0) {
                trace.append("\nCaused by: ");
            }
            trace.append(current.getClassName()).append(": ").append(current.getMessage());
            StackTraceElementProxy[] frames = current.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(frames.length, 12); i++) {
                trace.append("\n\tat ").append(frames[i].getSTEAsString());
            }
            current = current.getCause();
            depth++;
        }
        return trace.toString();
    }
}
