package gg.deltacrown.teams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The field rules of team creation, organisation creation and settings, with Django REST framework's messages. */
class TeamInputTests {

    @Test
    void acceptsTheRunbooksTeamAndCleansIt() {
        NewTeam team = new NewTeam(
                        "  Staging Test Team Alpha ",
                        1L,
                        null,
                        " na ",
                        new Branding("https://cdn.example.com/test.png", null, "#FF0000", "", null))
                .validated();

        assertThat(team.name()).isEqualTo("Staging Test Team Alpha");
        assertThat(team.region()).isEqualTo("NA");
        assertThat(team.branding())
                .isEqualTo(new Branding("https://cdn.example.com/test.png", null, "#FF0000", null, null));
    }

    @Test
    void treatsANullRegionAsNone() {
        assertThat(new NewTeam("Alpha", 1L, null, null, null).validated().region())
                .isEmpty();
        assertThat(new NewTeam("Alpha", 1L, null, "  ", null).validated().region())
                .isEmpty();
    }

    @Test
    void reportsEveryNameProblem() {
        assertThat(nameErrors(null)).containsExactly("This field is required.");
        assertThat(nameErrors("   ")).containsExactly("This field may not be blank.");
        assertThat(nameErrors("ab")).containsExactly("Ensure this field has at least 3 characters.");
        assertThat(nameErrors("x".repeat(51))).containsExactly("Ensure this field has no more than 50 characters.");
        assertThat(nameErrors(" Admin ")).containsExactly("This team name is reserved.");
        assertThat(nameErrors("战队战队")).isEmpty();
    }

    @Test
    void checksGameRegionAndOrganization() {
        Map<String, Object> errors =
                new NewTeam("Alpha", 0L, 0L, "Mars", null).problems().asMap();

        assertThat(errors)
                .containsEntry("game_id", List.of("Ensure this value is greater than or equal to 1."))
                .containsEntry("organization_id", List.of("Ensure this value is greater than or equal to 1."))
                .containsEntry(
                        "region", List.of("Invalid region code. Valid codes: NA, EU, APAC, LATAM, OCE, ME, AF, SA"));
        assertThat(new NewTeam("Alpha", null, null, "x".repeat(11), null)
                        .problems()
                        .asMap())
                .containsEntry("game_id", List.of("This field is required."))
                .containsEntry("region", List.of("Ensure this field has no more than 10 characters."));
        assertThat(new NewTeam("Alpha", 2_147_483_648L, null, null, null)
                        .problems()
                        .asMap())
                .containsEntry("game_id", List.of("Ensure this value is less than or equal to 2147483647."));
    }

    @Test
    void nestsBrandingErrorsUnderBranding() {
        Branding branding = new Branding("not a url", "ftp:/nohost", "FF5733", "#12345678", "t".repeat(201));

        Map<String, Object> errors =
                new NewTeam("Alpha", 1L, null, "EU", branding).problems().asMap();

        assertThat(errors).containsOnlyKeys("branding");
        assertThat(errors.get("branding"))
                .isEqualTo(Map.of(
                        "logo_url", List.of("Enter a valid URL."),
                        "banner_url", List.of("Enter a valid URL."),
                        "primary_color", List.of("Color must be hex format (e.g., #FF5733)"),
                        "secondary_color", List.of("Ensure this field has no more than 7 characters."),
                        "tagline", List.of("Ensure this field has no more than 200 characters.")));
    }

    @Test
    void throwsWithEveryProblemAtOnce() {
        assertThatThrownBy(() -> new NewTeam("", null, null, null, null).validated())
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().asMap()).containsOnlyKeys("name", "game_id"));
    }

    @Test
    void checksOrganizationsNamesSlugsAndBranding() {
        Map<String, Object> errors = new NewOrganization(
                        "api",
                        "Bad Slug!",
                        new OrganizationBranding(
                                "https://cdn.example.com/" + "x".repeat(100), null, null, null, null, "nope"))
                .problems()
                .asMap();

        assertThat(errors)
                .containsEntry("name", List.of("This organization name is reserved."))
                .containsEntry(
                        "slug",
                        List.of("Enter a valid \"slug\" consisting of letters, numbers, underscores or hyphens."));
        assertThat(errors.get("branding"))
                .isEqualTo(Map.of(
                        "logo_url", List.of("Ensure this field has no more than 100 characters."),
                        "website_url", List.of("Enter a valid URL.")));
        assertThat(new NewOrganization("Crown Esports", "New", null).problems().asMap())
                .containsEntry("slug", List.of("This slug is reserved."));
        assertThat(new NewOrganization("Crown Esports", "Crown-1", null)
                        .validated()
                        .slug())
                .isEqualTo("crown-1");
    }

    @Test
    void checksSettingsOnlyWhereGiven() {
        assertThat(new TeamSettings(null, null, null, null, null).problems().isEmpty())
                .isTrue();
        assertThat(new TeamSettings("eu", "Updated", "Frankfurt", "", null).validated())
                .isEqualTo(new TeamSettings("EU", "Updated", "Frankfurt", "", null));
        assertThat(new TeamSettings("Mars", null, "x".repeat(51), "nope", null)
                        .problems()
                        .asMap())
                .containsOnlyKeys("region", "preferred_server", "logo_url");
    }

    private static List<String> nameErrors(String name) {
        return new NewTeam(name, 1L, null, null, null).problems().of("name");
    }
}
