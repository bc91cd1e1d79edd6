package gg.deltacrown.ops;

import gg.deltacrown.migration.OutboxAdmin;
import gg.deltacrown.migration.OutboxStatus;
import gg.deltacrown.validation.ReportJson;
import gg.deltacrown.validation.ReportRequest;
import gg.deltacrown.validation.ValidationReport;
import gg.deltacrown.validation.ValidationReports;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The migration dashboard (module API of {@code ops}): the latest stored validation report run, the
 * outbox now, and its history per minute. Pages and the admin API show what this returns.
 */
@Service
public class Dashboard {

    /** The report's own default (the original's {@code --sample-size}). */
    static final int REPORT_SAMPLE_SIZE = 50;

    private final ValidationReports reports;
    private final ReportRuns runs;
    private final OutboxAdmin outbox;
    private final DashboardQueries queries;

    Dashboard(ValidationReports reports, ReportRuns runs, OutboxAdmin outbox, DashboardQueries queries) {
        this.reports = reports;
        this.runs = runs;
        this.outbox = outbox;
        this.queries = queries;
    }

    /** The outbox as it is now, with the failed attempts of the last hour. */
    public OutboxNow outboxNow() {
        return new OutboxNow(outbox.status(), queries.failedLastHour());
    }

    public Optional<ReportRun> latestReport() {
        return runs.latest();
    }

    public OutboxSeries series(DashboardWindow window) {
        return queries.series(window);
    }

    /** Runs the validation report (whole scope, default sample) and stores it; returns its id. */
    public long runReport(String requestedBy) {
        ValidationReport report = reports.generate(new ReportRequest(REPORT_SAMPLE_SIZE, null, null));
        return runs.store(requestedBy, report.hasErrors(), ReportJson.write(report));
    }

    /** What the outbox holds now. */
    public record OutboxNow(OutboxStatus status, long failedLastHour) {}
}
