package gg.deltacrown.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** The log events of one logger during a test, with their key-value pairs. */
public final class CapturedLogs implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        appender.start();
        logger.addAppender(appender);
    }

    public static CapturedLogs of(Class<?> source) {
        return new CapturedLogs(source);
    }

    /** The key-value pairs of each event whose event_type is the given one. */
    public List<Map<String, Object>> events(String eventType) {
        return List.copyOf(appender.list).stream()
                .map(CapturedLogs::pairs)
                .filter(pairs -> eventType.equals(pairs.get("event_type")))
                .toList();
    }

    private static Map<String, Object> pairs(ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        return pairs.stream()
                .filter(pair -> pair.value != null)
                .collect(Collectors.toMap(pair -> pair.key, pair -> pair.value, (a, b) -> b));
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
