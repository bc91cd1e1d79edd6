package gg.deltacrown.validation.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.validation.MigrationFixture;
import javax.sql.DataSource;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** {@code GET /api/admin/validation-report/} for operators (staff). */
@IntegrationTest
@AutoConfigureMockMvc
class ValidationReportControllerIntegrationTests {

    static final String PATH = "/api/admin/validation-report/";

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void teams() {
        MigrationFixture fixture = new MigrationFixture(dataSource);
        fixture.pair("Crimson Wolves");
        fixture.legacyTeam("Jade Tigers").create();
        long legacy =
                fixture.legacyTeam("Azure Dragons").game("dota2").region("EU").create();
        fixture.map(
                legacy, fixture.vnextTeam("Azure Dragons").game(3).region("EU").create(), true);
    }

    static MockHttpServletRequestBuilder staff(MockHttpServletRequestBuilder request) {
        return request.with(user("op").roles("STAFF"));
    }

    @Test
    void answersTheJsonReportByDefault() throws Exception {
        mvc.perform(staff(get(PATH)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.meta.sample_size").value(50))
                .andExpect(jsonPath("$.meta.filters.game_id").doesNotExist())
                .andExpect(jsonPath("$.coverage.legacy_team_count").value(3))
                .andExpect(jsonPath("$.coverage.mapping_percentage").value(66.67))
                .andExpect(jsonPath("$.dual_write_health").isEmpty())
                .andExpect(jsonPath("$.recommendations[0]")
                        .value("🔴 CRITICAL: 1 legacy teams unmapped (33.3% missing)."
                                + " Run migration scripts to achieve 100% coverage before Phase 6."));
    }

    @Test
    void appliesTheSampleSizeAndTheFilters() throws Exception {
        mvc.perform(staff(get(PATH)
                        .param("sample_size", "1")
                        .param("game_id", "3")
                        .param("region", "EU")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.meta.sample_size").value(1))
                .andExpect(jsonPath("$.meta.filters.game_id").value(3))
                .andExpect(jsonPath("$.meta.filters.region").value("EU"))
                .andExpect(jsonPath("$.coverage.legacy_team_count").value(1))
                .andExpect(jsonPath("$.coverage.mapping_percentage").value(100.0))
                .andExpect(jsonPath("$.consistency.sampled_teams").value(1));
    }

    @Test
    void answersTheTextLayoutAsUtf8PlainText() throws Exception {
        String body = mvc.perform(staff(get(PATH).param("format", "text")))
                .andExpect(status().isOk())
                .andExpect(content().contentType("text/plain;charset=UTF-8"))
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        Assertions.assertThat(body)
                .startsWith("=".repeat(80) + "\nMIGRATION VALIDATION REPORT\n")
                .contains("Legacy Teams (Active):     3\n", "  🔴 CRITICAL: 1 legacy teams unmapped");
    }

    @Test
    void appendsTheFullVerificationWhenAskedFor() throws Exception {
        mvc.perform(staff(get(PATH)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.full_verification").doesNotExist());
        mvc.perform(staff(get(PATH).param("full", "true").param("drift_samples", "5")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.full_verification.compared_pairs").value(2))
                .andExpect(jsonPath("$.full_verification.sample_limit").value(5))
                .andExpect(jsonPath("$.full_verification.drift_pairs.name").value(0))
                .andExpect(jsonPath("$.full_verification.drift_pairs.membership_role")
                        .value(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "full=yes                | full must be true or false (got 'yes')",
                "full=true&drift_samples=-2 | drift_samples must be a whole number, 0 or more (got '-2')",
                "drift_samples=3         | drift_samples needs full=true",
                "full=true&game_id=1     | full=true compares every pair and takes no game_id or region filter",
            })
    void refusesABadFullVerificationRequest(String query, String error) throws Exception {
        MockHttpServletRequestBuilder request = get(PATH);
        for (String pair : query.split("&")) {
            request = request.param(pair.split("=")[0], pair.split("=")[1]);
        }
        mvc.perform(staff(request))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("{\"error\": \"" + error + "\", \"code\": \"INVALID_PARAMETER\"}", true));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "sample_size | -1   | sample_size must be 0 or more (got -1)",
                "sample_size | many | sample_size must be a whole number (got 'many')",
                "game_id     | one  | game_id must be a whole number (got 'one')",
                "format      | xml  | format must be json or text (got 'xml')",
                "region      | ' '  | region must not be blank (leave it out for every region)",
            })
    void refusesABadParameterWithTheFrameworkErrorEnvelope(String name, String value, String error) throws Exception {
        mvc.perform(staff(get(PATH).param(name, value)))
                .andExpect(status().isBadRequest())
                .andExpect(content().json("{\"error\": \"" + error + "\", \"code\": \"INVALID_PARAMETER\"}", true));
    }

    @Test
    void isNotForAnonymousCallers() throws Exception {
        int status = mvc.perform(get(PATH)).andReturn().getResponse().getStatus();

        Assertions.assertThat(status).isIn(401, 403);
    }
}
