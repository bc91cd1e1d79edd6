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
import gg.deltacrown.support.PageSession;
import gg.deltacrown.support.TestDatabaseInitializer;
import java.math.BigInteger;
import java.net.http.HttpResponse;
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
 * Random, malformed and hostile input at every endpoint and every page form (jqwik): never a 5xx,
 * a refused request changes no row, an accepted team write leaves exactly one dual-write record per
 * change, and a NUL, a lone surrogate or {@code 1e400} anywhere in a body or form field is a 400
 * naming it. jqwik has no Spring extension, so the service is started once for the container.
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
            "tagline",
            "username",
            "password",
            "refresh",
            "value",
            "reason",
            "ids",
            "all");

    /** Placeholders the generators put in strings, replaced in the JSON text by what Java cannot write. */
    private static final Map<String, String> HOSTILE = Map.of(
            "\"@@nul@@\"", "\"a\\u0000b\"",
            "\"@@surrogate@@\"", "\"x\\ud800\"",
            "\"@@low-surrogate@@\"", "\"\\udfff\"",
            "\"@@infinite@@\"", "1e400",
            "\"@@negative-infinite@@\"", "-1e400");

    private static final List<String> HOSTILE_MESSAGES = List.of(
            "Null characters are not allowed.", "Surrogate characters are not allowed", "A valid number is required.");

    private static ConfigurableApplicationContext service;
    private static ApiClient api;
    private static JdbcTemplate jdbc;
    private static String token;
    private static String staffToken;
    private static List<String> paths;
    private static List<PageForm> forms;
    private static PageSession owner;
    private static PageSession operator;
    private static PageSession anonymous;

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
                        "--deltacrown.api.throttle-user=off",
                        "--deltacrown.web.login-throttle-username=off",
                        "--deltacrown.web.login-throttle-ip=off");
        int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
        api = new ApiClient(port);
        jdbc = service.getBean(JdbcTemplate.class);
        service.getBean(Flags.class)
                .change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "property test");
        AccountFixture accounts = new AccountFixture(service.getBean(Accounts.class));
        accounts.player("testuser");
        accounts.player("testmember");
        accounts.staff("operator");
        token = api.login("testuser", "testpass");
        staffToken = api.login("operator", "testpass");
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
                team + "/detail/",
                "/api/auth/login/",
                "/api/token/",
                "/api/token/refresh/",
                "/api/admin/flags/TEAM_VNEXT_ROUTING_MODE/",
                "/api/admin/outbox/unblock/",
                "/api/admin/outbox/retry/");
        String page = "/organizations/teams/" + slug;
        forms = List.of(
                new PageForm(
                        "owner", "/teams/create/", "/teams/create/", List.of("name", "gameId", "region", "logoUrl")),
                new PageForm("owner", page + "/", page + "/members/add", List.of("userLookup", "role", "active")),
                new PageForm("owner", page + "/", page + "/members/" + membershipId + "/role", List.of("role")),
                new PageForm("owner", page + "/", page + "/members/" + membershipId + "/remove", List.of()),
                new PageForm(
                        "owner",
                        page + "/",
                        page + "/settings",
                        List.of("region", "description", "preferredServer", "logoUrl", "bannerUrl")),
                new PageForm("operator", "/ops/", "/ops/flags", List.of("name", "value", "reason")),
                new PageForm("operator", "/ops/", "/ops/outbox/unblock", List.of("id")),
                new PageForm("operator", "/ops/", "/ops/outbox/retry", List.of()),
                new PageForm("anonymous", "/login", "/login", List.of("username", "password")));
        owner = new PageSession(port);
        assertThat(owner.login("testuser", "testpass").statusCode()).isEqualTo(302);
        operator = new PageSession(port);
        assertThat(operator.login("operator", "testpass").statusCode()).isEqualTo(302);
        anonymous = new PageSession(port);
    }

    /** A form of a page: who posts it, the page that shows it (its CSRF token), where it posts, its fields. */
    record PageForm(String who, String page, String action, List<String> fields) {}

    @AfterContainer
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Property(tries = 200)
    void noServerErrorAndNoPartialWrite(@ForAll("paths") String path, @ForAll("bodies") Body body) {
        Map<String, Object> before = state();
        int outboxBefore = outboxRows();
        String bearer = path.startsWith("/api/admin/") ? staffToken : token;

        Reply reply = path.endsWith("/detail/") ? api.get(path, bearer) : api.post(path, body.json(), bearer);

        Statistics.label("status").collect(reply.status());
        assertThat(reply.status()).as("%s %s -> %s", path, body, reply).isLessThan(500);
        assertThat(reply.json().isObject()).as(reply.body()).isTrue();
        if (body.hostile() && readsTheBody(path)) {
            assertThat(reply.status()).as("%s %s -> %s", path, body, reply).isEqualTo(400);
            assertThat(HOSTILE_MESSAGES).as("%s %s -> %s", path, body, reply).anyMatch(reply.body()::contains);
        }
        if (reply.status() >= 400) {
            assertThat(state()).as("%s %s -> %s", path, body, reply).isEqualTo(before);
            assertThat(outboxRows()).isEqualTo(outboxBefore);
        } else if (path.startsWith("/api/vnext/teams/") && !path.endsWith("/detail/")) {
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

    @Property(tries = 120)
    void pageFormsRefuseHostileInputWithoutAServerError(
            @ForAll("forms") PageForm form, @ForAll("formValues") List<String> values) {
        Map<String, Object> before = state();
        PageSession browser = switch (form.who()) {
            case "owner" -> owner;
            case "operator" -> operator;
            default -> anonymous;
        };
        browser.get(form.page());
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < form.fields().size(); i++) {
            fields.put(form.fields().get(i), values.get(i % values.size()));
        }
        boolean hostile = fields.values().stream().anyMatch(value -> value.indexOf('\0') >= 0);

        HttpResponse<String> reply = browser.post(form.action(), fields);

        Statistics.label("status").collect(reply.statusCode());
        assertThat(reply.statusCode())
                .as("%s %s -> %s", form.action(), fields, reply.body())
                .isLessThan(500);
        if (hostile) {
            assertThat(reply.statusCode()).as("%s %s", form.action(), fields).isEqualTo(400);
            assertThat(reply.body()).contains("Null characters are not allowed.");
        }
        if (reply.statusCode() >= 400) {
            assertThat(state())
                    .as("%s %s -> %s", form.action(), fields, reply.statusCode())
                    .isEqualTo(before);
        }
    }

    private static boolean readsTheBody(String path) {
        return !path.endsWith("/detail/") && !path.endsWith("/remove/");
    }

    @Provide
    Arbitrary<PageForm> forms() {
        return Arbitraries.of(forms);
    }

    @Provide
    Arbitrary<List<String>> formValues() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of(
                        "Form Team",
                        "1",
                        "77",
                        "2147483647",
                        "99999999999999999999",
                        "1e400",
                        "NA",
                        "Mars",
                        "PLAYER",
                        "OWNER",
                        "testmember",
                        "true",
                        "yes",
                        "",
                        "https://cdn.example.com/x.png",
                        "TEAM_VNEXT_ROUTING_MODE"),
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.strings().withChars('a', '\0', ' ').ofMinLength(1).ofMaxLength(8));
        return value.list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(paths);
    }

    /** A request body as sent, and whether a hostile value sits in it where a parser sees it. */
    record Body(String json, boolean hostile) {
        static Body of(String json) {
            String text = json;
            for (Map.Entry<String, String> hostile : HOSTILE.entrySet()) {
                text = text.replace(hostile.getKey(), hostile.getValue());
            }
            return new Body(text, !text.equals(json));
        }

        @Override
        public String toString() {
            return json;
        }
    }

    @Provide
    Arbitrary<Body> bodies() {
        Arbitrary<String> objects = objects().map(MalformedRequestIntegrationTests::json);
        Arbitrary<Body> truncated = objects.map(Body::of)
                .flatMap(body -> Arbitraries.integers()
                        .between(0, body.json().length())
                        .map(end -> new Body(body.json().substring(0, end), false)));
        Arbitrary<String> nearlyValid = Combinators.combine(
                        Arbitraries.of("Fuzz Alpha", "Fuzz Beta", "战队", "ab", "@@nul@@"),
                        Arbitraries.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 77, Integer.MAX_VALUE),
                        Arbitraries.of("PLAYER", "COACH", "OWNER", "X"),
                        objectMaps())
                .as((name, game, role, overrides) -> {
                    Map<String, Object> body = new LinkedHashMap<>(Map.of(
                            "name", name, "game_id", game, "region", "NA", "user_lookup", "testmember", "role", role));
                    body.putAll(overrides);
                    return json(body);
                });
        return Arbitraries.frequencyOf(List.of(
                Tuple.of(4, nearlyValid.map(Body::of)),
                Tuple.of(4, objects.map(Body::of)),
                Tuple.of(2, Arbitraries.strings().ofMaxLength(80).map(text -> new Body(text, false))),
                Tuple.of(1, truncated),
                Tuple.of(1, values().map(MalformedRequestIntegrationTests::json).map(text -> new Body(text, false)))));
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
                Arbitraries.of(HOSTILE.keySet())
                        .map(placeholder -> placeholder.substring(1, placeholder.length() - 1))
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
