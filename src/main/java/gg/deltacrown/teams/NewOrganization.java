package gg.deltacrown.teams;

import java.util.List;
import java.util.Locale;

/** An organisation to create; without a slug, one is made from the name. */
public record NewOrganization(String name, String slug, OrganizationBranding branding) {

    private static final List<String> RESERVED_NAMES = List.of("admin", "api", "vnext", "system");
    private static final List<String> RESERVED_SLUGS = List.of("admin", "api", "vnext", "system", "create", "new");

    public FieldErrors problems() {
        FieldErrors errors = new FieldErrors();
        clean(errors);
        return errors;
    }

    NewOrganization validated() {
        FieldErrors errors = new FieldErrors();
        NewOrganization organization = clean(errors);
        errors.throwIfAny();
        return organization;
    }

    private NewOrganization clean(FieldErrors errors) {
        String cleanName = FieldRules.text(errors, "name", name, true, 3, 100);
        if (cleanName != null && RESERVED_NAMES.contains(cleanName.toLowerCase(Locale.ROOT))) {
            errors.add("name", "This organization name is reserved.");
        }
        String cleanSlug = FieldRules.slug(errors, "slug", slug, 50);
        if (cleanSlug != null && RESERVED_SLUGS.contains(cleanSlug)) {
            errors.add("slug", "This slug is reserved.");
        }
        OrganizationBranding cleanBranding =
                branding == null ? OrganizationBranding.NONE : branding.clean(errors.nested("branding"));
        return new NewOrganization(cleanName, cleanSlug == null ? "" : cleanSlug, cleanBranding);
    }
}
