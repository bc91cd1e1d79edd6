package gg.deltacrown.web;

import gg.deltacrown.database.DatabaseHealth;
import java.util.Map;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health/}: what the runbooks and load balancers check. No login needed. Healthy only
 * once start-up work is done (migrations, demo accounts: Spring Boot's readiness, set after the
 * application runners) and until shutdown begins, so a script that waits for it can log in at once.
 * Without a database it answers 503 within about two seconds ({@link DatabaseHealth#answers}).
 */
@RestController
class HealthController {

    private final DatabaseHealth database;
    private final ApplicationAvailability availability;

    HealthController(DatabaseHealth database, ApplicationAvailability availability) {
        this.database = database;
        this.availability = availability;
    }

    @GetMapping({"/health/", "/health"})
    ResponseEntity<Map<String, String>> health() {
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("status", "unhealthy", "reason", "not ready: starting up or shutting down"));
        }
        if (database.answers()) {
            return ResponseEntity.ok(Map.of("status", "healthy"));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(Map.of("status", "unhealthy", "reason", "database unreachable"));
    }
}
