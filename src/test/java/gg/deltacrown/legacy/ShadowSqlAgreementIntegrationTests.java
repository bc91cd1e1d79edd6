package gg.deltacrown.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.migration.ShadowStates;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.validation.MigrationFixture;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shadow writer's mapping exists once, in Java ({@link ShadowPlanner}, {@link LegacyMapping});
 * {@link ShadowSql} is its SQL form for the full verification. On generated vNext rows (long and
 * non-ASCII names, unknown games, roles and statuses, missing branding, long player roles) both
 * must give the same legacy values, column by column.
 */
@IntegrationTest
class ShadowSqlAgreementIntegrationTests {

    private static final List<String> WORDS =
            List.of("Crown", "Équipe", "東京", "Ωmega", "🦊", "x", "Team", "ß", "", "Δ".repeat(30), "a".repeat(70));
    private static final List<String> ROLES =
            List.of("OWNER", "MANAGER", "COACH", "PLAYER", "SUBSTITUTE", "ANALYST", "SCOUT", "CAPTAIN", "legend");
    private static final List<String> STATUSES = List.of("ACTIVE", "INVITED", "INACTIVE", "SUSPENDED", "BANNED");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ShadowStates states;

    @Autowired
    DataSource dataSource;

    private final Random random = new Random(20261201);

    @Test
    void theSqlAndTheJavaMappingGiveTheSameLegacyValues() {
        long organization = organization();
        List<Long> teamIds = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            long team = team(organization, i);
            teamIds.add(team);
            int members = random.nextInt(5);
            for (int m = 0; m < members; m++) {
                member(team, user("agree-" + i + "-" + m), m == 0 && random.nextBoolean());
            }
        }

        Map<Long, Map<String, Object>> sqlTeams = byId(query(teamSql(), teamIds), "id");
        Map<Long, Map<String, Object>> sqlMembers = byId(query(memberSql(), teamIds), "id");
        List<ShadowRequest> requests = transactions.execute(status -> states.of(teamIds));
        assertThat(requests).hasSize(teamIds.size());
        int comparedMembers = 0;
        for (ShadowRequest request : requests) {
            LegacyTeamRow java =
                    ShadowPlanner.planTeam(request.team(), null, new LegacyUniqueValues(), new ArrayList<>());
            Map<String, Object> sql = sqlTeams.get(request.team().vnextTeamId());
            assertThat(values(sql, ShadowSql.teamColumns("vt", "lt")))
                    .as("team %s", request.team())
                    .isEqualTo(teamValues(java));
            ShadowPlanner.MemberPlan plan =
                    ShadowPlanner.planMembers(1L, request.members(), List.of(), new ArrayList<>());
            for (LegacyMemberRow row : plan.finalRows()) {
                Map<String, Object> member = sqlMembers.get(row.vnextMembershipId());
                assertThat(values(member, ShadowSql.memberColumns("v", "l")))
                        .as("membership %s", row)
                        .isEqualTo(memberValues(row, request));
                comparedMembers++;
            }
        }
        assertThat(comparedMembers).as("members compared").isGreaterThan(200);
    }

    private static List<Object> values(Map<String, Object> row, List<ShadowSql.Column> columns) {
        List<Object> values = new ArrayList<>();
        for (ShadowSql.Column column : columns) {
            Object value = row.get(column.name());
            values.add(value instanceof Timestamp timestamp ? timestamp.toInstant() : value);
        }
        return values;
    }

    private static List<Object> teamValues(LegacyTeamRow row) {
        return java.util.Arrays.asList(
                row.name(),
                row.slug(),
                row.game(),
                row.region(),
                row.description(),
                row.logo(),
                row.bannerImage(),
                row.logoUrl(),
                row.active(),
                row.active());
    }

    /** A promoted row compares as the role it had before (what {@link ShadowSql#memberColumns} reads). */
    private static List<Object> memberValues(LegacyMemberRow row, ShadowRequest request) {
        long userId = request.members().stream()
                .filter(member -> Objects.equals(member.vnextMembershipId(), row.vnextMembershipId()))
                .findFirst()
                .orElseThrow()
                .userId();
        return java.util.Arrays.asList(
                userId,
                row.promoted() ? LegacyMapping.role(row.vnextRole()) : row.role(),
                row.status(),
                row.rosterSlot(),
                row.playerRole(),
                row.captain(),
                row.leftAt() == null ? null : row.leftAt().toInstant());
    }

    private static String teamSql() {
        return ShadowSql.teamColumns("vt", "lt").stream()
                .map(column -> column.expected() + " AS " + column.name())
                .collect(
                        Collectors.joining(", ", "SELECT vt.id, ", " FROM organizations_team vt WHERE vt.id = ANY(?)"));
    }

    private static String memberSql() {
        return ShadowSql.memberColumns("v", "l").stream()
                .map(column -> column.expected() + " AS " + column.name())
                .collect(Collectors.joining(
                        ", ", "SELECT v.id, ", " FROM organizations_membership v WHERE v.team_id = ANY(?)"));
    }

    private List<Map<String, Object>> query(String sql, List<Long> ids) {
        return jdbc.queryForList(sql, (Object) ids.toArray(Long[]::new));
    }

    private static Map<Long, Map<String, Object>> byId(List<Map<String, Object>> rows, String id) {
        Map<Long, Map<String, Object>> byId = new HashMap<>();
        rows.forEach(row -> byId.put(((Number) row.get(id)).longValue(), row));
        return byId;
    }

    private long organization() {
        long ceo = user("agree-ceo");
        return jdbc.queryForObject("""
                INSERT INTO organizations_organization (name, slug, ceo_id, is_verified, description, website,
                    twitter, revenue_split_config, enforce_brand, created_at, updated_at)
                VALUES ('Agree Org', 'agree-org', ?, false, '', '', '', '{}', false, now(), now()) RETURNING id""", Long.class, ceo);
    }

    private long team(long organization, int i) {
        String name = (pick(WORDS) + " " + pick(WORDS) + " " + pick(WORDS) + " " + i).strip();
        String logoUrl = random.nextInt(3) == 0 ? null : "https://cdn.example.com/" + "l".repeat(random.nextInt(600));
        return jdbc.queryForObject(
                """
                INSERT INTO organizations_team (name, slug, organization_id, owner_id, game_id, region, status, logo,
                    banner, description, preferred_server, emergency_contact_discord, emergency_contact_phone,
                    is_temporary, created_at, updated_at, branding)
                VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, '', '', '', false, now(), now(),
                        CASE WHEN ?::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('logo_url', ?::text) END)
                RETURNING id
                """,
                Long.class,
                name.codePointCount(0, name.length()) > 95
                        ? name.substring(0, name.offsetByCodePoints(0, 95)) + i
                        : name,
                "agree-" + i + "-" + "s".repeat(random.nextInt(90)),
                organization,
                random.nextInt(11),
                random.nextBoolean() ? "" : pick(List.of("NA", "EU", "Ωmega region", "r".repeat(50))),
                pick(List.of("ACTIVE", "ACTIVE", "INACTIVE", "ARCHIVED")),
                random.nextBoolean() ? null : "team_logos/" + i + ".png",
                random.nextBoolean() ? null : "banners/" + i + ".png",
                random.nextBoolean() ? "" : pick(WORDS) + " description",
                logoUrl,
                logoUrl);
    }

    private void member(long team, long user, boolean captain) {
        OffsetDateTime joined = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                .plusSeconds(random.nextInt(10_000_000))
                .plusNanos(random.nextInt(1000) * 1000L);
        jdbc.update(
                """
                INSERT INTO organizations_membership (team_id, user_id, status, role, roster_slot, player_role,
                    is_tournament_captain, joined_at, left_at, left_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '')
                """,
                team,
                user,
                pick(STATUSES),
                pick(ROLES),
                random.nextBoolean() ? null : pick(List.of("STARTER", "BENCH", "SUB")),
                random.nextBoolean() ? "" : codePoints(pick(WORDS) + "-" + "p".repeat(random.nextInt(60)), 50),
                captain,
                joined,
                random.nextBoolean() ? null : joined.plusDays(3));
    }

    private long user(String username) {
        return new MigrationFixture(dataSource).user(username);
    }

    private static String codePoints(String value, int max) {
        return value.codePointCount(0, value.length()) <= max
                ? value
                : value.substring(0, value.offsetByCodePoints(0, max));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
