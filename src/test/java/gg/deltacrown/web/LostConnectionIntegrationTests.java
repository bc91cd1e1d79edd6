package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.DeltacrownApplication;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.support.AccountFixture;
import gg.deltacrown.support.ApiClient;
import gg.deltacrown.support.ApiClient.Reply;
import gg.deltacrown.support.CuttableLink;
import gg.deltacrown.support.PageSession;
import gg.deltacrown.support.Postgres15;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service's connection to PostgreSQL lost in the middle of a request, as a crashed server or
 * a network cuts it (the client reads end of stream): at the moment the request's transaction
 * begins, inside it, and at its commit. No answer is ever a 2xx for work that was not done.
 * Found by the chaos run (RELIABILITY.md): Spring MVC took the driver's {@code EOFException} for a
 * client that had gone away and answered 200 with an empty body
 * (docs/adr/0030-a-lost-database-connection-is-never-a-200.md).
 */
class LostConnectionIntegrationTests {

    private static final String BEGIN = "set_config('statement_timeout'";
    private static final String LOCK = "FOR UPDATE OF t";
    private static final String COMMIT = "COMMIT";
    private static final String UNAVAILABLE =
            "{\"error\":\"Service temporarily unavailable, please retry.\",\"code\":\"SERVICE_UNAVAILABLE\"}";

    static Postgres15 postgres;
    static CuttableLink link;
    static ConfigurableApplicationContext service;
    static ApiClient api;
    static String token;
    static PageSession browser;

    @BeforeAll
    static void start() throws Exception {
        postgres = Postgres15.start();
        link = CuttableLink.to(postgres.port());
        service = new SpringApplicationBuilder(DeltacrownApplication.class)
                .run(
                        "--server.port=0",
                        "--deltacrown.mode=serve",
                        "--deltacrown.outbox.workers=0",
                        "--deltacrown.data-dir=" + Files.createTempDirectory("deltacrown-lost-connection"),
                        "--deltacrown.accounts.password-iterations=50000",
                        "--deltacrown.api.throttle-anon=off",
                        "--deltacrown.api.throttle-user=off",
                        // Every statement with its text (no server-prepared ones), for the link to see.
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + link.port()
                                + "/postgres?prepareThreshold=0",
                        "--spring.datasource.username=postgres");
        int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
        new AccountFixture(service.getBean(Accounts.class)).player("cut-alice");
        api = new ApiClient(port);
        token = api.login("cut-alice", AccountFixture.PASSWORD);
        browser = new PageSession(port);
        assertThat(browser.login("cut-alice", AccountFixture.PASSWORD).statusCode())
                .isEqualTo(302);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (link != null) {
            link.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void anApiWriteWhoseConnectionIsLostAsItsTransactionBeginsIs503AndSavesNothing() throws Exception {
        Reply reply = cutting(BEGIN, () -> createTeam("Cut At Begin"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.body()).isEqualTo(UNAVAILABLE);
        assertThat(reply.header("Retry-After")).isEqualTo("5");
        assertThat(teamDetail("cut-at-begin").status()).isEqualTo(404);
    }

    @Test
    void aPageFormWhoseConnectionIsLostAsItsTransactionBeginsIsTheUnavailablePage() throws Exception {
        browser.get("/teams/create/");

        HttpResponse<String> page = cutting(
                BEGIN,
                () -> browser.post("/teams/create/", Map.of("name", "Cut Page Team", "gameId", "1", "region", "NA")));

        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(page.body()).contains("Temporarily unavailable", "Try again in 5 seconds.");
        assertThat(teamDetail("cut-page-team").status()).isEqualTo(404);
    }

    @Test
    void aConnectionLostInsideTheTransactionIs503ThoughItsRollbackFailedToo() throws Exception {
        createTeam("Cut Inside");

        Reply reply = cutting(
                LOCK,
                () -> api.post("/api/vnext/teams/cut-inside/settings/", "{\"description\":\"never saved\"}", token));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.body()).isEqualTo(UNAVAILABLE);
        assertThat(teamDetail("cut-inside")
                        .json()
                        .get("team")
                        .get("description")
                        .asString())
                .isNotEqualTo("never saved");
    }

    @Test
    void aConnectionLostAtTheCommitIsA500NeverA2xx() throws Exception {
        // The commit's fate is not known to the service: not "retry" (503), a failure (500).
        Reply reply = cutting(COMMIT, () -> createTeam("Cut At Commit"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(500);
        assertThat(reply.json().get("error_code").asString()).isEqualTo("internal_error");
        // The link never forwarded the COMMIT: the server rolled the transaction back.
        assertThat(teamDetail("cut-at-commit").status()).isEqualTo(404);
    }

    private static <T> T cutting(String marker, Supplier<T> request) throws InterruptedException {
        CuttableLink.Cut cut = link.cutOnNext(marker);
        try {
            T answer = request.get();
            assertThat(cut.await(5))
                    .as("the link was cut at %s; the answer was %s", marker, answer)
                    .isTrue();
            return answer;
        } finally {
            cut.cancel();
        }
    }

    private static Reply createTeam(String name) {
        return api.post("/api/vnext/teams/create/", "{\"name\":\"" + name + "\",\"game_id\":1}", token);
    }

    private static Reply teamDetail(String slug) {
        return api.get("/api/vnext/teams/" + slug + "/detail/", token);
    }
}
