package gg.deltacrown.teams.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.DeltacrownApplication;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.TestDatabaseInitializer;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Random and malformed bodies at every team endpoint (jqwik): never a 5xx, a refused request
 * changes no row, and an accepted one leaves exactly one dual-write record per change.
 * jqwik has no Spring extension, so the service is started once for the container.
 */
class MalformedRequestIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> FIELDS = List.of(
            "name",
            "game_id",
            "region",
            "branding",
            "organization_id",
            "user_lookup",
            "role",
            "slot",
            "is_active",
            "description",
            "preferred_server",
            "logo_url",
            "banner_url",
            "slug",
            "primary_color",
            "tagline");

    private static ConfigurableApplicationContext service;
    private static ApiClient api;
    private static JdbcTemplate jdbc;
    private static String token;
    private static List<String> paths;

    @BeforeContainer
    static void startService() {
        service = new SpringApplicationBuilder(DeltacrownApplication.class)
                .initializers(new TestDatabaseInitializer())
                // Arguments, not default properties: application.yml's server.port would win over those.
                .run(
                        "--server.port=0",
                        "--deltacrown.mode=serve",
                        "--deltacrown.accounts.password-iterations=1000",
                        "--spring.datasource.hikari.maximum-pool-size=5",
                        "--deltacrown.api.throttle-anon=off",
                        "--deltacrown.api.throttle-user=off");
        api = new ApiClient(Integer.parseInt(service.getEnvironment().getProperty("local.server.port")));
        jdbc = service.getBean(JdbcTemplate.class);
        service.getBean(Flags.class)
                .change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "property test");
        AccountFixture accounts = new AccountFixture(service.getBean(Accounts.class));
        accounts.player("testuser");
        accounts.player("testmember");
        token = api.login("testuser", "testpass");
        TeamApi teams = new TeamApi(api);
        String slug = teams.createTeam(token, "Fuzz Team", 9);
        long membershipId = teams.addMember(token, slug, "testmember", "PLAYER");
        String team = "/api/vnext/teams/" + slug;
        paths = List.of(
                "/api/vnext/teams/create/",
                "/api/vnext/organizations/create/",
                team + "/members/add/",
                team + "/members/" + membershipId + "/role/",
                team + "/members/" + membershipId + "/remove/",
                team + "/settings/",
                team + "/detail/");
    }

    @AfterContainer
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Property(tries = 200)
    void noServerErrorAndNoPartialWrite(@ForAll("paths") String path, @ForAll("bodies") String body) {
        Map<String, Object> before = state();
        int outboxBefore = outboxRows();

        Reply reply = path.endsWith("/detail/") ? api.get(path, token) : api.post(path, body, token);

        Statistics.label("status").collect(reply.status());
        assertThat(reply.status()).as("%s %s -> %s", path, body, reply).isLessThan(500);
        assertThat(reply.json().isObject()).as(reply.body()).isTrue();
        if (reply.status() >= 400) {
            assertThat(state()).as("%s %s -> %s", path, body, reply).isEqualTo(before);
            assertThat(outboxRows()).isEqualTo(outboxBefore);
        } else if (!path.endsWith("/detail/") && !path.contains("/organizations/")) {
            assertThat(outboxRows()).as("%s %s -> %s", path, body, reply).isEqualTo(outboxBefore + 1);
        }
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM organizations_team t
                 WHERE t.owner_id IS NOT NULL
                   AND (SELECT count(*) FROM organizations_membership m
                         WHERE m.team_id = t.id AND m.role = 'OWNER' AND m.status = 'ACTIVE') <> 1""", Integer.class))
                .as("independent teams with other than one active owner")
                .isZero();
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(paths);
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> objects = objects().map(MalformedRequestIntegrationTests::json);
        Arbitrary<String> truncated = objects.flatMap(
                text -> Arbitraries.integers().between(0, text.length()).map(end -> text.substring(0, end)));
        Arbitrary<String> nearlyValid = Combinators.combine(
                        Arbitraries.of("Fuzz Alpha", "Fuzz Beta", "战队", "ab"),
                        Arbitraries.integers().between(1, 9),
                        Arbitraries.of("PLAYER", "COACH", "OWNER", "X"),
                        objectMaps())
                .as((name, game, role, overrides) -> {
                    Map<String, Object> body = new LinkedHashMap<>(Map.of(
                            "name", name, "game_id", game, "region", "NA", "user_lookup", "testmember", "role", role));
                    body.putAll(overrides);
                    return json(body);
                });
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(4, nearlyValid),
                Tuple.of(4, objects),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(80)),
                Tuple.of(1, truncated),
                Tuple.of(1, values().map(MalformedRequestIntegrationTests::json))));
    }

    private static Arbitrary<Map<String, Object>> objects() {
        return Arbitraries.maps(
                        Arbitraries.of(FIELDS),
                        Arbitraries.lazyOf(
                                MalformedRequestIntegrationTests::values, MalformedRequestIntegrationTests::branding))
                .ofMaxSize(6)
                .map(LinkedHashMap::new);
    }

    private static Arbitrary<Map<String, Object>> objectMaps() {
        return objects().map(map -> map.size() > 2 ? Map.of() : map);
    }

    private static Arbitrary<Object> branding() {
        return Arbitraries.maps(
                        Arbitraries.of(
                                "logo_url", "banner_url", "primary_color", "secondary_color", "tagline", "website_url"),
                        values())
                .ofMaxSize(4)
                .map(map -> (Object) map);
    }

    /** Plausible and implausible JSON values: what the fields want, near misses and wrong types. */
    private static Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                                "Alpha Team",
                                "NA",
                                "eu",
                                "Mars",
                                "#FF0000",
                                "red",
                                "https://cdn.example.com/x.png",
                                "not a url",
                                "PLAYER",
                                "owner",
                                "MANAGER",
                                "STARTER",
                                "testmember",
                                "testuser",
                                "nobody",
                                "testmember@example.com",
                                "1",
                                "",
                                "  ",
                                "admin",
                                "战队",
                                "true")
                        .map(v -> (Object) v),
                Arbitraries.strings().ofMaxLength(60).map(v -> (Object) v),
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .ofMinLength(40)
                        .ofMaxLength(600)
                        .map(v -> (Object) v),
                Arbitraries.longs().map(v -> (Object) v),
                Arbitraries.integers().between(-2, 12).map(v -> (Object) v),
                Arbitraries.bigIntegers()
                        .between(BigInteger.TEN.pow(20), BigInteger.TEN.pow(30))
                        .map(v -> (Object) v),
                Arbitraries.doubles().map(v -> (Object) v),
                Arbitraries.of(true, false).map(v -> (Object) v),
                Arbitraries.just(null),
                Arbitraries.integers().list().ofMaxSize(3).map(v -> (Object) v));
    }

    private static Map<String, Object> state() {
        return jdbc.queryForMap("""
                SELECT (SELECT count(*) FROM organizations_team) AS teams,
                       (SELECT count(*) FROM organizations_membership) AS memberships,
                       (SELECT count(*) FROM organizations_organization) AS organizations,
                       (SELECT count(*) FROM organizations_org_membership) AS organization_staff,
                       (SELECT md5(string_agg(t::text, ',' ORDER BY t.id)) FROM organizations_team t) AS team_rows,
                       (SELECT md5(string_agg(m::text, ',' ORDER BY m.id)) FROM organizations_membership m) AS membership_rows
                """);
    }

    private static int outboxRows() {
        return jdbc.queryForObject("SELECT count(*) FROM organizations_dualwrite_outbox", Integer.class);
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }
}
