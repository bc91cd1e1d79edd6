package gg.deltacrown.teams;

/**
 * An organisation's branding at creation. The logo and banner URLs are stored in the
 * organisation's {@code logo}/{@code banner} columns (varchar(100)), the website in
 * {@code website}; the colours and tagline are checked but have no column to go to.
 */
public record OrganizationBranding(
        String logoUrl,
        String bannerUrl,
        String primaryColor,
        String secondaryColor,
        String tagline,
        String websiteUrl) {

    public static final OrganizationBranding NONE = new OrganizationBranding(null, null, null, null, null, null);

    OrganizationBranding clean(FieldErrors errors) {
        return new OrganizationBranding(
                Branding.blankAsNull(FieldRules.url(errors, "logo_url", logoUrl, 100)),
                Branding.blankAsNull(FieldRules.url(errors, "banner_url", bannerUrl, 100)),
                Branding.blankAsNull(FieldRules.color(errors, "primary_color", primaryColor)),
                Branding.blankAsNull(FieldRules.color(errors, "secondary_color", secondaryColor)),
                Branding.blankAsNull(FieldRules.text(errors, "tagline", tagline, false, 0, 200)),
                Branding.blankAsNull(FieldRules.url(errors, "website_url", websiteUrl, 200)));
    }
}
