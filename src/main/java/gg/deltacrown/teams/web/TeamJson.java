package gg.deltacrown.teams.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import gg.deltacrown.teams.Membership;
import gg.deltacrown.teams.Team;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The API's JSON shapes for teams and rosters (README, HTTP API), as records. */
final class TeamJson {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private TeamJson() {}

    /** MemberDTO; {@code membership_id} only in the detail's roster. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Member(
            long id,
            @JsonProperty("membership_id") Long membershipId,
            @JsonProperty("user_id") long userId,
            String username,
            @JsonProperty("display_name") String displayName,
            String role,
            @JsonProperty("roster_slot") String rosterSlot,
            String status,
            @JsonProperty("is_tournament_captain") boolean isTournamentCaptain,
            @JsonProperty("joined_date") String joinedDate) {}

    record Detail(
            long id,
            String name,
            String slug,
            @JsonProperty("logo_url") String logoUrl,
            @JsonProperty("banner_url") String bannerUrl,
            @JsonProperty("game_id") int gameId,
            String region,
            String status,
            String description,
            @JsonProperty("is_organization_team") boolean isOrganizationTeam,
            @JsonProperty("organization_name") String organizationName,
            @JsonProperty("organization_slug") String organizationSlug,
            @JsonProperty("owner_username") String ownerUsername,
            @JsonProperty("created_at") String createdAt) {}

    record Settings(
            long id,
            String name,
            String slug,
            @JsonProperty("logo_url") String logoUrl,
            @JsonProperty("banner_url") String bannerUrl,
            @JsonProperty("game_id") int gameId,
            String region,
            String status,
            String description,
            @JsonProperty("preferred_server") String preferredServer,
            @JsonProperty("is_organization_team") boolean isOrganizationTeam,
            @JsonProperty("organization_name") String organizationName,
            @JsonProperty("organization_slug") String organizationSlug,
            @JsonProperty("created_at") String createdAt) {}

    static Member member(Membership m) {
        return new Member(
                m.id(),
                null,
                m.userId(),
                m.username(),
                m.displayName(),
                m.role().name(),
                m.rosterSlot() == null ? "" : m.rosterSlot(),
                m.status().name(),
                m.tournamentCaptain(),
                timestamp(m.joinedAt()));
    }

    static List<Member> members(List<Membership> roster) {
        return roster.stream().map(TeamJson::member).toList();
    }

    static List<Member> rosterWithIds(List<Membership> roster) {
        return roster.stream()
                .map(m -> {
                    Member member = member(m);
                    return new Member(
                            member.id(),
                            m.id(),
                            member.userId(),
                            member.username(),
                            member.displayName(),
                            member.role(),
                            member.rosterSlot(),
                            member.status(),
                            member.isTournamentCaptain(),
                            member.joinedDate());
                })
                .toList();
    }

    static Detail detail(Team team) {
        return new Detail(
                team.id(),
                team.name(),
                team.slug(),
                team.logoUrl(),
                team.bannerUrl(),
                team.gameId(),
                team.region(),
                team.status().name(),
                team.description(),
                team.isOrganizationTeam(),
                team.isOrganizationTeam() ? team.organization().name() : null,
                team.isOrganizationTeam() ? team.organization().slug() : null,
                team.ownerUsername(),
                timestamp(team.createdAt()));
    }

    static Settings settings(Team team) {
        return new Settings(
                team.id(),
                team.name(),
                team.slug(),
                team.logoUrl(),
                team.bannerUrl(),
                team.gameId(),
                team.region(),
                team.status().name(),
                team.description(),
                team.preferredServer(),
                team.isOrganizationTeam(),
                team.isOrganizationTeam() ? team.organization().name() : null,
                team.isOrganizationTeam() ? team.organization().slug() : null,
                timestamp(team.createdAt()));
    }

    /** ISO-8601 in UTC as Python's isoformat writes it: microseconds only when not zero. */
    static String timestamp(OffsetDateTime value) {
        if (value == null) {
            return null;
        }
        OffsetDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC);
        return (utc.getNano() / 1000 == 0 ? SECONDS : MICROS).format(utc);
    }
}
