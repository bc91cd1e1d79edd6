package gg.deltacrown.support;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.accounts.NewAccount;
import gg.deltacrown.teams.Branding;
import gg.deltacrown.teams.CreatedTeam;
import gg.deltacrown.teams.Memberships;
import gg.deltacrown.teams.NewMember;
import gg.deltacrown.teams.NewTeam;
import gg.deltacrown.teams.RoleChange;
import gg.deltacrown.teams.TeamSettings;
import gg.deltacrown.teams.Teams;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * vNext writes through the team module's API, as the endpoints make them: each runs in one
 * transaction and publishes its team event there, so the dual-write hears it as it would a request.
 * Lets the dual-write be tested without HTTP, with domain-named steps. A bean of every
 * {@link IntegrationTest} context.
 */
public final class VnextWrites {

    /** The branding logo every team gets, mirrored to the legacy {@code logo_url}. */
    public static final String LOGO_URL = "https://cdn.example.com/test.png";

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Teams teams;
    private final Memberships memberships;
    private final JdbcTemplate owner;

    public VnextWrites(
            JdbcClient jdbc,
            Accounts accounts,
            Teams teams,
            Memberships memberships,
            Environment environment,
            DataSource dataSource) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.teams = teams;
        this.memberships = memberships;
        this.owner = DatabaseOwner.jdbc(environment, dataSource);
    }

    public Account user(String username) {
        return accounts.create(new NewAccount(username, username + "@example.com", "password1", false));
    }

    /** A user without a {@code user_profile_userprofile} row (possible on a real database). */
    public Account userWithoutProfile(String username) {
        Account account = user(username);
        // Django deletes profiles; the service's role may not.
        owner.update("DELETE FROM user_profile_userprofile WHERE user_id = ?", account.id());
        return accounts.byId(account.id()).orElseThrow();
    }

    public record Team(long id, String slug, long ownerMembershipId) {}

    /** An independent team of {@code owner} (who gets its OWNER membership). */
    public Team createTeam(Account owner, String name, int gameId, String region) {
        CreatedTeam created = teams.create(
                owner.id(),
                new NewTeam(name, (long) gameId, null, region, new Branding(LOGO_URL, null, null, null, null)));
        long ownerMembership = memberships.activeRoster(created.id()).get(0).id();
        return new Team(created.id(), created.slug(), ownerMembership);
    }

    public long addMember(Team team, Account actor, Account member, String role, boolean active) {
        return memberships
                .add(team.slug(), actor.id(), new NewMember(member.username(), role, null, active))
                .member()
                .id();
    }

    public void changeRole(Team team, Account actor, long membershipId, String role) {
        memberships.changeRole(team.slug(), membershipId, actor.id(), new RoleChange(role, null));
    }

    public void updateSettings(Team team, Account actor, String region, String description, String logoUrl) {
        teams.updateSettings(team.slug(), actor.id(), new TeamSettings(region, description, null, logoUrl, null));
    }

    public void removeMember(Team team, Account actor, long membershipId) {
        memberships.remove(team.slug(), membershipId, actor.id());
    }
}
