package gg.deltacrown.database;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.Catalog;
import gg.deltacrown.support.DjangoDatabase;
import gg.deltacrown.support.LegacyModelRules;
import gg.deltacrown.support.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service started on the database Django made ({@code src/test/resources/django}, loaded as
 * Django's role, which owns every table), as a user of both systems runs it: Flyway baselines and
 * adds only our objects, the seeded Django users log in with their Django passwords, the staging
 * runbook's five flows run with dual-write on and every shadow passes the legacy model's rules,
 * {@code users create} makes the profile Django would, and no row Django wrote changes.
 */
class DjangoDatabaseProcessTests {

    static final Duration CLI = Duration.ofSeconds(180);
    static final JsonMapper JSON = JsonMapper.builder().build();

    static DatabaseUrl url;
    static JdbcTemplate jdbc;
    static Map<String, String> catalogBefore;
    static Map<String, List<String>> rowsBefore;
    static ServiceProcess service;
    static ApiClient api;
    static int port;

    @BeforeAll
    static void startOnTheFixture() {
        url = DjangoDatabase.create("process");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url.jdbcUrl(), url.username(), url.password()));
        catalogBefore = Catalog.of(jdbc, true);
        rowsBefore = rows(catalogBefore);
        // Django's role cannot create or grant roles; a DBA runs what 'grants' prints (as the
        // start-up warning of a one-role database says), so the service can take the shadow
        // writer role the legacy write guard honours.
        ServiceProcess.Streams plan = ServiceProcess.runSeparately(environment(url), CLI, "grants");
        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("-- Run it as the schema owner (" + DjangoDatabase.OWNER + ")");
        DjangoDatabase.asAdministrator(url, plan.stdout());
        port = ServiceProcess.freePort();
        Map<String, String> environment = new HashMap<>(environment(url));
        environment.put("PORT", Integer.toString(port));
        service = ServiceProcess.start(environment, "serve");
        service.awaitOutput("DeltaCrown is running", Duration.ofSeconds(180));
        api = new ApiClient(port);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void baselinesAndAddsOnlyOurObjectsWithoutChangingAnyOfDjangos() {
        assertThat(jdbc.queryForList(
                        "SELECT version || ' ' || type FROM flyway_schema_history ORDER BY installed_rank",
                        String.class))
                .first()
                .isEqualTo("1 BASELINE");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE NOT success", Long.class))
                .isZero();

        Map<String, String> after = Catalog.of(jdbc, true);
        assertThat(Catalog.objectsOf(after, catalogBefore))
                .as("every Django object as it was")
                .isEqualTo(catalogBefore);
        Map<String, String> added = Catalog.addedToTablesOf(after, catalogBefore);
        assertThat(added)
                .as("on Django's tables, only the documented additive objects")
                .containsExactlyInAnyOrderEntriesOf(DjangoSchemaIntegrationTests.ADDED_TO_DJANGO_TABLES);
    }

    @Test
    void theSeededDjangoUsersLogInWithTheirDjangoPasswords() {
        assertThat(api.login("arafat", "Crown#2024!")).isNotBlank();
        assertThat(api.login("nadia", "valorant-queen-88")).isNotBlank();
        assertThat(api.login("tanvir", "Dhaka$Esports1")).isNotBlank();
        assertThat(api.post("/api/auth/login/", "{\"username\":\"nadia\",\"password\":\"Crown#2024!\"}")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void runsTheRunbookFlowsWithShadowsTheLegacyAppAcceptsAndKeepsDjangosRows(@TempDir Path artifacts)
            throws Exception {
        Map<String, String> cli = new HashMap<>(environment(url));
        cli.put("RUNBOOK_PASSWORD", "Crown#2024!");
        ServiceProcess.Streams runbook = ServiceProcess.runSeparately(
                cli,
                CLI,
                "staging_runbook",
                "--base-url",
                "http://localhost:" + port,
                "--username",
                "arafat",
                "--member",
                "tanvir",
                "--out-dir",
                artifacts.toString(),
                "--latency-samples",
                "2",
                // Latency is the benchmarks' business (bench/); a loaded CI machine must not decide it.
                "--latency-max-avg-ms",
                "5000",
                "--latency-max-p95-ms",
                "10000",
                "--latency-max-increase-pct",
                "1000",
                "--by",
                "test");

        assertThat(runbook.exitCode()).as(runbook.stdout() + runbook.stderr()).isZero();
        assertThat(runbook.stdout()).contains("Flow 5:", "GO - every success criterion passed");
        JsonNode baseline = JSON.readTree(Files.readString(artifacts.resolve("baseline/validation_before.json")));
        assertThat(baseline.path("coverage").path("legacy_team_count").asLong()).isEqualTo(2);
        assertThat(baseline.path("coverage").path("vnext_team_count").asLong()).isEqualTo(1);
        assertThat(baseline.path("coverage").path("mapped_team_count").asLong()).isEqualTo(1);
        assertThat(baseline.path("coverage").path("unmapped_legacy_count").asLong())
                .isEqualTo(1);

        // A member ACTIVE in a second team of a game: nadia owns a new PUBG team and adds arafat, both
        // ACTIVE in Django's own PUBG team (Sylhet Strikers). vNext allows it; the legacy app does not.
        String staff = api.login("tanvir", "Dhaka$Esports1");
        assertThat(api.post(
                                "/api/admin/flags/TEAM_VNEXT_DUAL_WRITE_ENABLED/",
                                "{\"value\":\"true\",\"reason\":\"one active team per game\"}",
                                staff)
                        .status())
                .isEqualTo(200);
        Awaitility.await("dual-write applied")
                .atMost(Duration.ofSeconds(20))
                .until(() -> api.get("/actuator/prometheus", null)
                        .body()
                        .contains("deltacrown_flag_enabled{flag=\"TEAM_VNEXT_DUAL_WRITE_ENABLED\"} 1.0"));
        String nadia = api.login("nadia", "valorant-queen-88");
        ApiClient.Reply created = api.post(
                "/api/vnext/teams/create/", "{\"name\":\"Nadia Squad\",\"game_id\":4,\"region\":\"SA\"}", nadia);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String slug = created.json().get("team_slug").asString();
        assertThat(api.post(
                                "/api/vnext/teams/" + slug + "/members/add/",
                                "{\"user_lookup\":\"arafat\",\"role\":\"PLAYER\"}",
                                nadia)
                        .status())
                .isEqualTo(200);
        Awaitility.await("outbox drained")
                .atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "SELECT count(*) FROM organizations_dualwrite_outbox WHERE status <> 'DONE'",
                                Long.class)
                        == 0);

        assertThat(jdbc.queryForList("""
                SELECT u.username || ' ' || l.role || ' ' || l.status || ' ' || (l.role_metadata ->> 'held_back')
                  FROM organizations_migration_map m
                  JOIN organizations_team v ON v.id = m.vnext_team_id
                  JOIN teams_teammembership l ON l.team_id = m.legacy_team_id
                  JOIN accounts_user u ON u.id = l.user_id
                 WHERE v.slug = ? ORDER BY u.username""", String.class, slug))
                .containsExactly("arafat PLAYER PENDING true", "nadia PLAYER PENDING true");
        JsonNode report =
                api.get("/api/admin/validation-report/?format=json", staff).json();
        JsonNode memberships = report.path("shadow_health").path("memberships");
        assertThat(memberships.path("held_back_count").asLong()).isEqualTo(2);
        assertThat(memberships.path("differing_count").asLong()).isZero();
        assertThat(memberships.path("missing_count").asLong()).isZero();

        assertThat(LegacyModelRules.violations(jdbc))
                .as("every legacy row, Django's and the shadows, passes the legacy model's rules")
                .isEmpty();
        assertThat(jdbc.queryForObject("""
                        SELECT count(*) FROM teams_team t
                         WHERE NOT EXISTS (SELECT FROM organizations_migration_map m WHERE m.legacy_team_id = t.id)""", Long.class))
                .as("every legacy team but Django's unmapped one is a shadow with its map row")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM teams_team", Long.class))
                .as("Django's two teams and at least the flows' two shadows")
                .isGreaterThanOrEqualTo(4);
        rowsBefore.forEach((table, rows) -> assertThat(rows(table))
                .as("the rows Django wrote in %s, byte for byte", table)
                .containsAll(rows));
    }

    @Test
    void usersCreateFillsTheProfileRowAsDjangoWould() {
        ServiceProcess.Result created = ServiceProcess.run(
                environment(url),
                CLI,
                "users",
                "create",
                "--username",
                "rumana",
                "--email",
                "rumana@deltacrown.gg",
                "--password",
                "rumana-pass-1");

        assertThat(created.exitCode()).as(created.output()).isZero();
        Map<String, Object> profile = jdbc.queryForMap("""
                SELECT p.display_name, p.slug, p.public_id, p.uuid IS NOT NULL AS has_uuid, p.kyc_status, p.region,
                       p.level, p.reputation_score, p.lft_status, p.game_profiles::text AS game_profiles,
                       p.avatar, p.created_at = p.updated_at AS fresh
                  FROM user_profile_userprofile p JOIN accounts_user u ON u.id = p.user_id
                 WHERE u.username = 'rumana'""");
        int year =
                jdbc.queryForObject("SELECT extract(year FROM now() AT TIME ZONE 'UTC')::integer % 100", Integer.class);
        assertThat(profile)
                .containsEntry("display_name", "rumana")
                .containsEntry("slug", "rumana")
                .containsEntry("has_uuid", true)
                .containsEntry("kyc_status", "unverified")
                .containsEntry("region", "BD")
                .containsEntry("level", 1)
                .containsEntry("reputation_score", 100)
                .containsEntry("lft_status", "NOT_LOOKING")
                .containsEntry("game_profiles", "[]")
                .containsEntry("avatar", "")
                .containsEntry("fresh", true);
        assertThat((String) profile.get("public_id")).matches("DC-" + String.format("%02d", year) + "-\\d{6}");
        assertThat(jdbc.queryForObject(
                        "SELECT counter FROM user_profile_publicidcounter WHERE year = ?", Integer.class, year))
                .isEqualTo(Integer.parseInt(((String) profile.get("public_id")).substring(6)));
    }

    private static Map<String, String> environment(DatabaseUrl database) {
        return Map.of(
                "DATABASE_URL",
                database.jdbcUrl() + "?user=" + database.username() + "&password=" + database.password());
    }

    /** Every row of every Django table, as text over Django's own columns. */
    private static Map<String, List<String>> rows(Map<String, String> catalog) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        catalog.keySet().stream()
                .filter(key -> key.startsWith("relation ") && catalog.get(key).startsWith("r "))
                .map(Catalog::tableOf)
                .forEach(table -> rows.put(table, rows(table)));
        return rows;
    }

    private static List<String> rows(String table) {
        List<String> columns = catalogBefore.keySet().stream()
                .filter(key -> key.startsWith("column " + table + "."))
                .map(key -> "\"" + key.substring(key.indexOf('.') + 1) + "\"")
                .toList();
        return jdbc.queryForList("SELECT row(" + String.join(", ", columns) + ")::text FROM " + table, String.class);
    }
}
