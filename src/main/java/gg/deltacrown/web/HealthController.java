package gg.deltacrown.web;

import gg.deltacrown.database.DatabaseHealth;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /health/}: what the runbooks and load balancers check. No login needed. */
@RestController
class HealthController {

    private final DatabaseHealth database;

    HealthController(DatabaseHealth database) {
        this.database = database;
    }

    @GetMapping({"/health/", "/health"})
    ResponseEntity<Map<String, String>> health() {
        if (database.answers()) {
            return ResponseEntity.ok(Map.of("status", "healthy"));
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", "unhealthy", "reason", "database unreachable"));
    }
}
