package gg.deltacrown.teams;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.StatementCapture;
import gg.deltacrown.support.VnextWrites;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * What a team creation costs the database in the common case (docs/adr/0028-dual-write-hot-paths.md):
 * one statement for the team (with an independent team's owner membership, and an organisation
 * team's CEO check), plus the outbox row with dual-write on. A taken slug or a requester who is not
 * the CEO takes the long way and still gets the same answer.
 */
@IntegrationTest
@Import(StatementCapture.class)
class TeamCreationStatementsIntegrationTests {

    @Autowired
    StatementCapture statements;

    @Autowired
    Flags flags;

    @Autowired
    Teams teams;

    @Autowired
    Organizations organizations;

    @Autowired
    MembershipStore memberships;

    @Autowired
    VnextWrites vnext;

    Account owner;

    @BeforeEach
    void setUp() {
        owner = vnext.user("testuser");
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "statement count");
    }

    @Test
    void anIndependentTeamIsOneStatementWithItsOwnerThenTheOutboxRow() {
        statements.clear();

        CreatedTeam created = teams.create(owner.id(), team("Staging Test Team Alpha", null));

        assertThat(sqlOfThisThread())
                .satisfiesExactly(
                        team -> assertThat(team)
                                .contains("INSERT INTO organizations_team")
                                .contains("INSERT INTO organizations_membership"),
                        outbox -> assertThat(outbox).contains("INSERT INTO organizations_dualwrite_outbox"));
        assertThat(memberships.activeRoster(created.id())).singleElement().satisfies(member -> {
            assertThat(member.userId()).isEqualTo(owner.id());
            assertThat(member.role()).isEqualTo(TeamRole.OWNER);
        });
    }

    @Test
    void anOrganisationTeamOfItsCeoIsOneStatementThenTheOutboxRow() {
        long organization = organizations
                .create(owner.id(), new NewOrganization("Statement Org", "statement-org", OrganizationBranding.NONE))
                .id();
        statements.clear();

        CreatedTeam created = teams.create(owner.id(), team("Org Team", organization));

        assertThat(sqlOfThisThread())
                .as("no read of the organisation before the insert")
                .satisfiesExactly(
                        team -> assertThat(team).startsWith("WITH team AS (\nINSERT INTO organizations_team"),
                        outbox -> assertThat(outbox).contains("INSERT INTO organizations_dualwrite_outbox"));
        assertThat(created.organizationId()).isEqualTo(organization);
        assertThat(memberships.activeRoster(created.id())).isEmpty();
    }

    @Test
    void aTakenSlugLooksTheFreeOnesUp() {
        teams.create(owner.id(), team("Same Name", null));
        Account other = vnext.user("testmember");
        statements.clear();

        CreatedTeam second = teams.create(other.id(), team("Same Name", null));

        assertThat(second.slug()).isEqualTo("same-name-1");
        assertThat(sqlOfThisThread())
                .as("the base slug, the lookup, the free slug, the outbox row")
                .hasSize(4);
    }

    private static NewTeam team(String name, Long organizationId) {
        return new NewTeam(name, 1L, organizationId, "NA", Branding.NONE);
    }

    private List<String> sqlOfThisThread() {
        return statements.onThread(Thread.currentThread().getName()).stream()
                .map(StatementCapture.Executed::sql)
                .toList();
    }
}
