package gg.deltacrown.teams;

/**
 * Changes to a team's settings; a null field is left as it is. {@code logoUrl} and
 * {@code bannerUrl} go to the team's branding (blank removes them).
 */
public record TeamSettings(
        String region, String description, String preferredServer, String logoUrl, String bannerUrl) {

    public FieldErrors problems() {
        FieldErrors errors = new FieldErrors();
        clean(errors);
        return errors;
    }

    TeamSettings validated() {
        FieldErrors errors = new FieldErrors();
        TeamSettings settings = clean(errors);
        errors.throwIfAny();
        return settings;
    }

    private TeamSettings clean(FieldErrors errors) {
        return new TeamSettings(
                FieldRules.region(errors, "region", region, 10),
                FieldRules.text(errors, "description", description, false, 0, 2000),
                FieldRules.text(errors, "preferred_server", preferredServer, false, 0, 50),
                FieldRules.url(errors, "logo_url", logoUrl, 500),
                FieldRules.url(errors, "banner_url", bannerUrl, 500));
    }
}
