package gg.deltacrown.teams;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * vNext organisations (module API): creation. The creator becomes its CEO; one
 * organisation per CEO. Organisations have no legacy counterpart, so there is no dual-write here.
 */
@Service
public class Organizations {

    private static final Logger log = LoggerFactory.getLogger(Organizations.class);
    private static final String FALLBACK_SLUG = "organization";

    private final OrganizationStore organizations;
    private final VnextGate gate;
    private final TransactionTemplate transactions;

    Organizations(OrganizationStore organizations, VnextGate gate, TransactionTemplate transactions) {
        this.organizations = organizations;
        this.gate = gate;
        this.transactions = transactions;
    }

    public void checkCreationAllowed(long userId) {
        gate.checkCreation("organization", userId);
    }

    public CreatedOrganization create(long userId, NewOrganization input) {
        gate.checkCreation("organization", userId);
        NewOrganization cleaned = input.validated();
        String slug = cleaned.slug().isEmpty() ? TeamSlugs.slugify(cleaned.name()) : cleaned.slug();
        NewOrganization organization =
                new NewOrganization(cleaned.name(), slug.isEmpty() ? FALLBACK_SLUG : slug, cleaned.branding());
        CreatedOrganization created = transactions.execute(status -> {
            organizations.lockAccount(userId);
            if (organizations.isCeoAnywhere(userId)) {
                throw Refusal.USER_ALREADY_CEO.because("You are already the CEO of an organization.");
            }
            if (organizations.nameTaken(organization.name())) {
                throw nameTaken(organization);
            }
            if (organizations.slugTaken(organization.slug())) {
                throw slugTaken(organization);
            }
            try {
                return new CreatedOrganization(organizations.insert(organization, userId), organization.slug());
            } catch (DuplicateKeyException e) {
                // Someone else took the name or slug since the checks above.
                String constraint = Constraints.violated(e).orElse("");
                if (constraint.equals("organizations_organization_name_key")) {
                    throw nameTaken(organization);
                }
                if (constraint.equals("organizations_organization_slug_key")) {
                    throw slugTaken(organization);
                }
                throw e;
            }
        });
        log.atInfo()
                .addKeyValue("event_type", "organization_created")
                .addKeyValue("organization_id", created.id())
                .addKeyValue("organization_slug", created.slug())
                .addKeyValue("user_id", userId)
                .log("Organization created: {} (ID: {}) by user {}", created.slug(), created.id(), userId);
        return created;
    }

    private static RefusedException nameTaken(NewOrganization organization) {
        return Refusal.ORGANIZATION_ALREADY_EXISTS.because(
                "An organization named '" + Text.shortened(organization.name()) + "' already exists.",
                "An organization with this name already exists.");
    }

    private static RefusedException slugTaken(NewOrganization organization) {
        return Refusal.SLUG_CONFLICT.because(
                "The slug '" + organization.slug() + "' is already taken.",
                "This organization URL is already taken. Please choose another slug.");
    }
}
