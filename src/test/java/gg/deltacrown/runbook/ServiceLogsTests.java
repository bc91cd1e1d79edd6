package gg.deltacrown.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook's log greps read the service's lines by field, in either log format and behind any prefix. */
class ServiceLogsTests {

    @TempDir
    Path directory;

    @Test
    void readsLogfmtAndJsonLinesBehindKubectlAndComposePrefixes() {
        ServiceLogs logs = ServiceLogs.of(List.of(
                "ts=2026-12-01T10:00:00Z level=INFO event_type=dual_write_scheduled operation=sync_team_created"
                        + " team_id=7 team_slug=alpha msg=\"Dual-write scheduled for sync_team_created: 7\" logger=x",
                "[pod/deltacrown-web-7f9c/web] {\"@timestamp\":\"2026-12-01T10:00:01.000+00:00\",\"event_type\":"
                        + "\"dual_write_scheduled\",\"operation\":\"sync_team_member_added\",\"team_id\":7,"
                        + "\"membership_id\":3}",
                "web-1  | ts=2026-12-01T10:00:02Z level=WARN event_type=dual_write_failed severity=warning team_id=7"
                        + " error=\"permission denied for table \\\"teams_team\\\"\" logger=y",
                "plain text without fields"));

        assertThat(logs.events("dual_write_scheduled", line -> "7".equals(line.field("team_id"))))
                .extracting(line -> line.field("operation"))
                .containsExactly("sync_team_created", "sync_team_member_added");
        assertThat(logs.events("dual_write_scheduled", line -> "3".equals(line.field("membership_id"))))
                .hasSize(1);
        assertThat(logs.events("dual_write_failed", line -> true))
                .singleElement()
                .satisfies(
                        line -> assertThat(line.field("error")).isEqualTo("permission denied for table \"teams_team\""))
                .satisfies(line -> assertThat(line.field("severity")).isEqualTo("warning"));
        assertThat(logs.size()).isEqualTo(4);
    }

    @Test
    void findsLegacySqlOutsideTheDualWriteOnly() {
        ServiceLogs logs = ServiceLogs.of(List.of(
                "ts=2026-12-01T10:00:00Z level=ERROR msg=\"bad SQL grammar [INSERT INTO teams_team (name) VALUES (?)]\"",
                "ts=2026-12-01T10:00:01Z level=INFO event_type=dual_write_completed msg=\"UPDATE teams_team done\"",
                "ts=2026-12-01T10:00:02Z level=INFO msg=\"SELECT * FROM teams_team\""));

        assertThat(logs.inlineLegacyWrites())
                .singleElement()
                .satisfies(line -> assertThat(line.text()).contains("bad SQL grammar"));
    }

    @Test
    void keepsTheLinesOfTheRunAndTheLinesWithoutATime() throws Exception {
        Path file = Files.writeString(
                directory.resolve("service.log"),
                String.join(
                        "\n",
                        "ts=2026-12-01T09:59:59Z event_type=dual_write_scheduled team_id=1",
                        "ts=2026-12-01T10:00:00Z event_type=dual_write_scheduled team_id=2",
                        "{\"@timestamp\":\"2026-12-01T10:59:59.000+01:00\",\"event_type\":\"dual_write_scheduled\",\"team_id\":3}",
                        "{\"@timestamp\":\"2026-12-01T11:00:01.000+01:00\",\"event_type\":\"dual_write_scheduled\",\"team_id\":4}",
                        "DeltaCrown is running on http://localhost:8000/"));
        StringBuilder raw = new StringBuilder();

        ServiceLogs logs = ServiceLogs.read(
                LogSource.of(file, false, null, null), Instant.parse("2026-12-01T10:00:00Z"), raw::append, line -> {});

        assertThat(logs.events("dual_write_scheduled", line -> true))
                .extracting(line -> line.field("team_id"))
                .containsExactly("2", "4");
        assertThat(logs.size()).isEqualTo(3);
        assertThat(raw.toString()).startsWith("ts=2026-12-01T09:59:59Z");
    }

    @Test
    void aStackTraceOfAHundredThousandCharactersIsOneField() {
        String stack = "at gg.deltacrown.Example.method(Example.java:1)\\n".repeat(2_000);

        ServiceLogs.Line line = ServiceLogs.parse("ts=2026-12-01T10:00:00Z level=ERROR event_type=outbox_dispatch_error"
                + " stack=\"" + stack + "\" logger=z");

        assertThat(line.field("stack")).hasSizeGreaterThan(90_000);
        assertThat(line.field("logger")).isEqualTo("z");
    }

    @Test
    void takesOneSourceOfLogsAtMost() {
        assertThatThrownBy(() -> LogSource.of(Path.of("a.log"), true, "deltacrown", null))
                .isInstanceOf(RunbookFailedException.class)
                .hasMessage("pass one of --log-file, --kubectl-logs and --compose-file");
        assertThat(LogSource.of(null, true, "staging", null).describe())
                .isEqualTo("kubectl logs -l app=deltacrown-web -n staging (every pod)");
        assertThat(LogSource.of(null, false, null, null).present()).isFalse();
    }
}
