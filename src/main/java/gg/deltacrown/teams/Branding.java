package gg.deltacrown.teams;

/**
 * A team's branding, kept in {@code organizations_team.branding} (jsonb). Every part is optional;
 * null means not set.
 */
public record Branding(String logoUrl, String bannerUrl, String primaryColor, String secondaryColor, String tagline) {

    public static final Branding NONE = new Branding(null, null, null, null, null);

    /** Checked as the original's serializer does; errors go to {@code errors} (the nested {@code branding} errors). */
    Branding clean(FieldErrors errors) {
        return new Branding(
                blankAsNull(FieldRules.url(errors, "logo_url", logoUrl, 500)),
                blankAsNull(FieldRules.url(errors, "banner_url", bannerUrl, 500)),
                blankAsNull(FieldRules.color(errors, "primary_color", primaryColor)),
                blankAsNull(FieldRules.color(errors, "secondary_color", secondaryColor)),
                blankAsNull(FieldRules.text(errors, "tagline", tagline, false, 0, 200)));
    }

    Branding withLogoUrl(String url) {
        return new Branding(url, bannerUrl, primaryColor, secondaryColor, tagline);
    }

    Branding withBannerUrl(String url) {
        return new Branding(logoUrl, url, primaryColor, secondaryColor, tagline);
    }

    static String blankAsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
