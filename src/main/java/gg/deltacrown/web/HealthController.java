package gg.deltacrown.web;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /health/}: what the runbooks and load balancers check. No login needed. */
@RestController
class HealthController {

    private final JdbcClient jdbc;

    HealthController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping({"/health/", "/health"})
    ResponseEntity<Map<String, String>> health() {
        try {
            jdbc.sql("SELECT 1").withQueryTimeout(2).query(Integer.class).single();
            return ResponseEntity.ok(Map.of("status", "healthy"));
        } catch (RuntimeException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("status", "unhealthy", "reason", "database unreachable"));
        }
    }
}
