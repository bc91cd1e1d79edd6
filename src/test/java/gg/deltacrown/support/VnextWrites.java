package gg.deltacrown.support;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.accounts.NewAccount;
import gg.deltacrown.migration.DualWrite;
import gg.deltacrown.migration.ShadowChange;
import gg.deltacrown.migration.SyncOperation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * vNext writes as the team module makes them: the rows and the {@link DualWrite#record} call in one
 * transaction. Lets the dual-write be tested on its own, with domain-named steps. A bean of every
 * {@link IntegrationTest} context.
 */
public final class VnextWrites {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DualWrite dualWrite;
    private final Accounts accounts;

    public VnextWrites(JdbcClient jdbc, TransactionTemplate transactions, DualWrite dualWrite, Accounts accounts) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.dualWrite = dualWrite;
        this.accounts = accounts;
    }

    public Account user(String username) {
        return accounts.create(new NewAccount(username, username + "@example.com", "password1", false));
    }

    /** A user without a {@code user_profile_userprofile} row (possible on a real database). */
    public Account userWithoutProfile(String username) {
        Account account = user(username);
        jdbc.sql("DELETE FROM user_profile_userprofile WHERE user_id = :id")
                .param("id", account.id())
                .update();
        return accounts.byId(account.id()).orElseThrow();
    }

    public record Team(long id, String slug, long ownerMembershipId) {}

    public Team createTeam(Account owner, String name, String slug, int gameId, String region) {
        return transactions.execute(status -> {
            long teamId = jdbc.sql("""
                    INSERT INTO organizations_team (name, slug, organization_id, owner_id, game_id, region, status,
                        description, preferred_server, emergency_contact_discord, emergency_contact_phone,
                        is_temporary, created_at, updated_at, branding)
                    VALUES (:name, :slug, NULL, :owner, :game, :region, 'ACTIVE', '', '', '', '', false, now(), now(),
                            '{"logo_url": "https://cdn.example.com/test.png"}'::jsonb)
                    RETURNING id
                    """)
                    .param("name", name)
                    .param("slug", slug)
                    .param("owner", owner.id())
                    .param("game", gameId)
                    .param("region", region)
                    .query(Long.class)
                    .single();
            long membershipId = insertMembership(teamId, owner.id(), "OWNER", "ACTIVE");
            dualWrite.record(ShadowChange.teamCreated(teamId, owner.id(), slug));
            return new Team(teamId, slug, membershipId);
        });
    }

    public long addMember(Team team, Account actor, Account member, String role, boolean active) {
        return transactions.execute(status -> {
            long id = insertMembership(team.id(), member.id(), role, active ? "ACTIVE" : "INVITED");
            dualWrite.record(ShadowChange.member(SyncOperation.MEMBER_ADDED, team.id(), id, actor.id(), team.slug()));
            return id;
        });
    }

    public void changeRole(Team team, Account actor, long membershipId, String role) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE organizations_membership SET role = :role WHERE id = :id")
                    .param("role", role)
                    .param("id", membershipId)
                    .update();
            dualWrite.record(ShadowChange.member(
                    SyncOperation.MEMBER_UPDATED, team.id(), membershipId, actor.id(), team.slug()));
        });
    }

    public void updateSettings(Team team, Account actor, String region, String description, String logoUrl) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    UPDATE organizations_team
                       SET region = :region, description = :description, updated_at = now(),
                           branding = branding || jsonb_build_object('logo_url', :logoUrl::text)
                     WHERE id = :id
                    """)
                    .param("region", region)
                    .param("description", description)
                    .param("logoUrl", logoUrl)
                    .param("id", team.id())
                    .update();
            dualWrite.record(ShadowChange.settingsUpdated(team.id(), actor.id(), team.slug()));
        });
    }

    public void removeMember(Team team, Account actor, long membershipId) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    UPDATE organizations_membership
                       SET status = 'INACTIVE', left_at = now(), left_reason = 'Removed by manager'
                     WHERE id = :id
                    """).param("id", membershipId).update();
            dualWrite.record(ShadowChange.member(
                    SyncOperation.MEMBER_REMOVED, team.id(), membershipId, actor.id(), team.slug()));
        });
    }

    private long insertMembership(long teamId, long userId, String role, String status) {
        return jdbc.sql("""
                INSERT INTO organizations_membership (team_id, user_id, status, role, roster_slot, player_role,
                    is_tournament_captain, joined_at, left_at, left_reason)
                VALUES (:team, :user, :status, :role, NULL, '', false, now(), NULL, '')
                RETURNING id
                """)
                .param("team", teamId)
                .param("user", userId)
                .param("status", status)
                .param("role", role)
                .query(Long.class)
                .single();
    }
}
