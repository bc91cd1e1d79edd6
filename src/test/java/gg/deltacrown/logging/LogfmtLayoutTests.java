package gg.deltacrown.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class LogfmtLayoutTests {

    private final LogfmtLayout layout = new LogfmtLayout();

    @Test
    void makesEveryCharacterThatWouldBreakAKeyAnUnderscoreAndLeavesCleanKeysAsTheyAre() {
        assertThat(LogfmtLayout.key("a b=c\"d\te\nf\rg\u000Bh\fi")).isEqualTo("a_b_c_d_e_f_g_h_i");
        assertThat(LogfmtLayout.key("event_type")).isEqualTo("event_type");
        assertThat(LogfmtLayout.key("")).isEqualTo("_");
        assertThat(LogfmtLayout.key(null)).isEqualTo("_");
        assertThat(LogfmtLayout.key("ünïcode.key-1")).isEqualTo("ünïcode.key-1");
    }

    @Test
    void printsTheKeyValuePairsInOrderSoTheRunbookGrepsMatch() {
        String line = layout.doLayout(event(
                "Team created: alpha",
                List.of(
                        new KeyValuePair("event_type", "team_created"),
                        new KeyValuePair("team_id", 123),
                        new KeyValuePair("team_slug", "staging-test-team-alpha"),
                        new KeyValuePair("user_id", 456))));

        assertThat(line)
                .matches("ts=\\S+ level=INFO event_type=team_created team_id=123"
                        + " team_slug=staging-test-team-alpha user_id=456 msg=\"Team created: alpha\" logger=test\\R");
        assertThat(line).containsPattern("event_type=team_created.*team_id=123");
    }

    @Test
    void quotesAndEscapesValuesOnlyWhenNeededAndStaysOnOneLine() {
        String line = layout.doLayout(event(
                "two\nlines",
                List.of(
                        new KeyValuePair("error", "DatabaseError: \"x\" = y"),
                        new KeyValuePair("empty", ""),
                        new KeyValuePair("nothing", null))));

        assertThat(line)
                .contains("error=\"DatabaseError: \\\"x\\\" = y\"")
                .contains("empty=\"\"")
                .doesNotContain("nothing=")
                .contains("msg=\"two\\nlines\"");
        assertThat(line.strip()).doesNotContain("\n");
    }

    private static LoggingEvent event(String message, List<KeyValuePair> pairs) {
        LoggingEvent event = new LoggingEvent();
        event.setLoggerContext(new LoggerContext());
        event.setLoggerName("test");
        event.setLevel(Level.INFO);
        event.setMessage(message);
        event.setTimeStamp(0);
        event.setKeyValuePairs(pairs);
        return event;
    }
}
