package gg.deltacrown.validation.web;

import gg.deltacrown.validation.FullRequest;
import gg.deltacrown.validation.FullVerifications;
import gg.deltacrown.validation.ReportJson;
import gg.deltacrown.validation.ReportRequest;
import gg.deltacrown.validation.ReportText;
import gg.deltacrown.validation.ValidationReport;
import gg.deltacrown.validation.ValidationReports;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/validation-report/}: the validation report for operators, the same document
 * as {@code vnext_validation_report}. Who may call it is the security configuration's business
 * (staff only under {@code /api/admin/**}); this class only binds, validates and delegates.
 */
@RestController
@ConditionalOnWebApplication
class ValidationReportController {

    static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final ValidationReports reports;

    ValidationReportController(ValidationReports reports) {
        this.reports = reports;
    }

    @GetMapping({"/api/admin/validation-report/", "/api/admin/validation-report"})
    ResponseEntity<?> report(
            @RequestParam(name = "format", defaultValue = "json") String format,
            @RequestParam(name = "sample_size", required = false) String sampleSize,
            @RequestParam(name = "game_id", required = false) String gameId,
            @RequestParam(name = "region", required = false) String region,
            @RequestParam(name = "full", defaultValue = "false") String full,
            @RequestParam(name = "drift_samples", required = false) String driftSamples) {
        if (!format.equals("json") && !format.equals("text")) {
            return invalid("format must be json or text (got '" + format + "')");
        }
        Integer size = sampleSize == null ? Integer.valueOf(ReportRequest.DEFAULT_SAMPLE_SIZE) : integer(sampleSize);
        if (size == null) {
            return invalid("sample_size must be a whole number (got '" + sampleSize + "')");
        }
        Integer game = gameId == null ? null : integer(gameId);
        if (gameId != null && game == null) {
            return invalid("game_id must be a whole number (got '" + gameId + "')");
        }
        ReportRequest request = new ReportRequest(size, game, region);
        if (!request.problems().isEmpty()) {
            return invalid(request.problems().get(0).asParameter());
        }
        if (!full.equals("true") && !full.equals("false")) {
            return invalid("full must be true or false (got '" + full + "')");
        }
        FullRequest fullRequest = null;
        if (full.equals("true")) {
            Integer samples =
                    driftSamples == null ? Integer.valueOf(FullVerifications.DEFAULT_SAMPLES) : integer(driftSamples);
            if (samples == null || samples < 0) {
                return invalid("drift_samples must be a whole number, 0 or more (got '" + driftSamples + "')");
            }
            if (request.filtered()) {
                return invalid("full=true compares every pair and takes no game_id or region filter");
            }
            fullRequest = new FullRequest(samples, null);
        } else if (driftSamples != null) {
            return invalid("drift_samples needs full=true");
        }
        ValidationReport report = reports.generate(request, fullRequest);
        return format.equals("text")
                ? ResponseEntity.ok().contentType(TEXT).body(ReportText.render(report))
                : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ReportJson.write(report));
    }

    /** The framework error envelope (docs/adr/0007). */
    record Error(String error, String code) {}

    private static ResponseEntity<Error> invalid(String message) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new Error(message, "INVALID_PARAMETER"));
    }

    private static Integer integer(String value) {
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
