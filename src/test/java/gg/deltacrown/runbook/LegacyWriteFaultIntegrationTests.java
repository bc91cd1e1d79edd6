package gg.deltacrown.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.VnextWrites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.TestPropertySource;

/**
 * The failure simulations' fault, with the service running as a plain role: the owner revokes the
 * shadow writer's legacy privileges, the dispatch fails while they are gone, and exactly the
 * revoked privileges come back; without the owner, or with the privileges already gone, it refuses.
 */
@IntegrationTest
@TestPropertySource(properties = {"deltacrown.outbox.initial-backoff=100ms", "deltacrown.outbox.max-backoff=200ms"})
class LegacyWriteFaultIntegrationTests {

    private static final String LEGACY_ACL = """
            SELECT relname || ' ' || coalesce(relacl::text, 'default') FROM pg_class
             WHERE relname IN ('teams_team', 'teams_teammembership') ORDER BY relname
            """;
    private static final String OUTBOX = """
            SELECT status, attempts, coalesce(last_error, '') AS last_error
              FROM organizations_dualwrite_outbox WHERE vnext_team_id = :team
            """;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Flags flags;

    @Autowired
    VnextWrites vnext;

    @Value("${spring.flyway.url}")
    String url;

    @Value("${spring.flyway.user}")
    String owner;

    final List<String> out = new ArrayList<>();

    @Test
    void revokesTheShadowWritersPrivilegesAndGivesBackExactlyThose() {
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "fault");
        LegacyWriteFault.Plan plan = LegacyWriteFault.plan(jdbc, ownerUrl(), out::add);
        assertThat(plan.method()).isEqualTo(LegacyWriteFault.Method.REVOKE);
        // The service's legacy writes are the shadow writer role's (docs/adr/0020).
        assertThat(plan.role()).isEqualTo(LegacyWriteFault.SHADOW_WRITER);
        List<String> aclBefore = owner().sql(LEGACY_ACL).query(String.class).list();

        long team;
        try (LegacyWriteFault fault = LegacyWriteFault.start(plan, Duration.ofMinutes(1), out::add)) {
            team = vnext.createTeam(vnext.user("testuser"), "Faulted Team", 1, "NA")
                    .id();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> (Integer) outbox(team).get("attempts") > 0);
            assertThat(outbox(team))
                    .containsEntry("status", "PENDING")
                    .hasEntrySatisfying(
                            "last_error",
                            error -> assertThat((String) error).contains("permission denied for table teams_team"));
        }

        assertThat(owner().sql(LEGACY_ACL).query(String.class).list()).isEqualTo(aclBefore);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> "DONE".equals(outbox(team).get("status")));
        assertThat(out).anySatisfy(line -> assertThat(line).contains("if this run is interrupted, run GRANT"));
    }

    @Test
    void refusesWithoutAnOwnerOfTheLegacyTablesAndNamesTheOptions() {
        assertThatThrownBy(() -> LegacyWriteFault.plan(jdbc, null, out::add))
                .isInstanceOf(RunbookFailedException.class)
                .hasMessageContaining("needs the owner of teams_team, teams_teammembership")
                .hasMessageContaining("pass --owner-url (or set DATABASE_OWNER_URL)")
                .hasMessageContaining("--skip-strict-smoke --skip-failure-simulation");
    }

    @Test
    void refusesWhenAnInterruptedRunLeftTheShadowWriterWithoutItsPrivileges() {
        String role = LegacyWriteFault.SHADOW_WRITER;
        owner().sql("REVOKE INSERT ON teams_team FROM " + role).update();
        try {
            assertThatThrownBy(() -> LegacyWriteFault.plan(jdbc, ownerUrl(), out::add))
                    .isInstanceOf(RunbookFailedException.class)
                    .hasMessageContaining("cannot write teams_team, teams_teammembership already")
                    .hasMessageContaining(
                            "GRANT INSERT, UPDATE, DELETE ON teams_team, teams_teammembership TO " + role);
        } finally {
            owner().sql("GRANT INSERT ON teams_team TO " + role).update();
        }
    }

    private Map<String, Object> outbox(long team) {
        return jdbc.sql(OUTBOX).param("team", team).query().singleRow();
    }

    private String ownerUrl() {
        return url + (url.contains("?") ? "&" : "?") + "user=" + owner;
    }

    private JdbcClient owner() {
        return JdbcClient.create(new DriverManagerDataSource(ownerUrl()));
    }
}
