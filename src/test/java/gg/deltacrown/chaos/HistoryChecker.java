package gg.deltacrown.chaos;

import gg.deltacrown.legacy.ShadowSql;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checks a chaos run's history against the database once the outbox is drained:
 * <ul>
 *   <li>every 2xx write is in vNext exactly once, and the final state of every team and membership
 *       is one the history allows (the last 2xx value, or a later write whose answer was lost);
 *   <li>a refused write, or strict mode's {@code DUAL_WRITE_FAILED}, left nothing; a write without
 *       an answer (reset, timeout, other 5xx) left all or nothing, never a partial row;
 *   <li>every write made while dual-write was certainly on has exactly one outbox row, and none was
 *       recorded while it was certainly off; nothing is PENDING or BLOCKED;
 *   <li>every team the dual-write touched has exactly one legacy shadow, mapped once and verified,
 *       and when its last write was made with dual-write on, the shadow equals the final vNext state
 *       (team columns and every membership's role, status, slot, left_at), column by column as the
 *       shadow writer maps them ({@link ShadowSql}).
 * </ul>
 * Each violation is one line in a category; {@link #LOST} and {@link #DUPLICATED} are what the run's
 * figures call lost and duplicated.
 */
final class HistoryChecker {

    static final String LOST = "lost";
    static final String DUPLICATED = "duplicated";
    static final String PARTIAL = "partial";
    static final String PHANTOM = "saved although refused";
    static final String WRONG_STATE = "final state not in the history";
    static final String SHADOW_MISSING = "shadow missing or unverified";
    static final String SHADOW_DIFFERS = "shadow differs from vNext";
    static final String OUTBOX_STUCK = "outbox PENDING or BLOCKED";
    /** A 2xx whose body answers another request (RELIABILITY.md, "Found: a 200 for a write the service never ran"). */
    static final String FOREIGN_ANSWER = "2xx answer of another request";

    record Result(Map<String, List<String>> violations, Map<String, Long> figures) {
        boolean passed() {
            return violations.values().stream().allMatch(List::isEmpty);
        }

        int count(String category) {
            return violations.getOrDefault(category, List.of()).size();
        }
    }

    private record TeamRow(long id, String name, Long ownerId, String description) {}

    private record MemberRow(long id, long teamId, long userId, String role, String status, boolean leftAtSet) {}

    private record Key(String operation, long teamId, Long membershipId) {}

    private final JdbcClient jdbc;
    private final Map<String, List<String>> violations = new LinkedHashMap<>();
    private final Map<String, Long> figures = new LinkedHashMap<>();

    HistoryChecker(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        for (String category : List.of(
                LOST,
                DUPLICATED,
                PARTIAL,
                PHANTOM,
                WRONG_STATE,
                SHADOW_MISSING,
                SHADOW_DIFFERS,
                OUTBOX_STUCK,
                FOREIGN_ANSWER)) {
            violations.put(category, new ArrayList<>());
        }
    }

    /** @param namePrefix the run's team names start with it (other rows in the database are ignored) */
    Result check(List<Write> history, DualWriteWindows windows, String namePrefix) {
        List<Write> writes = history.stream()
                .filter(write -> write.kind() != Write.Kind.CREATE_ORGANIZATION)
                .sorted(Comparator.comparingLong(Write::seq))
                .toList();
        Map<String, List<TeamRow>> teamsByName = new HashMap<>();
        jdbc.sql("SELECT id, name, owner_id, description FROM organizations_team WHERE name LIKE :prefix")
                .param("prefix", namePrefix + "%")
                .query((rs, n) -> new TeamRow(
                        rs.getLong("id"),
                        rs.getString("name"),
                        (Long) rs.getObject("owner_id"),
                        rs.getString("description")))
                .list()
                .forEach(team -> teamsByName
                        .computeIfAbsent(team.name(), k -> new ArrayList<>())
                        .add(team));
        Map<Long, TeamRow> teams = new HashMap<>();
        teamsByName.values().forEach(rows -> rows.forEach(row -> teams.put(row.id(), row)));
        Long[] teamIds = teams.keySet().toArray(Long[]::new);
        Map<Long, Map<Long, List<MemberRow>>> members = new HashMap<>();
        jdbc.sql("""
                        SELECT id, team_id, user_id, role, status, left_at IS NOT NULL AS left_at_set
                          FROM organizations_membership WHERE team_id = ANY(:ids)""")
                .param("ids", teamIds)
                .query((rs, n) -> new MemberRow(
                        rs.getLong("id"),
                        rs.getLong("team_id"),
                        rs.getLong("user_id"),
                        rs.getString("role"),
                        rs.getString("status"),
                        rs.getBoolean("left_at_set")))
                .list()
                .forEach(row -> members.computeIfAbsent(row.teamId(), k -> new HashMap<>())
                        .computeIfAbsent(row.userId(), k -> new ArrayList<>())
                        .add(row));

        figures.put("writes", (long) writes.size());
        for (Write.Outcome outcome : Write.Outcome.values()) {
            figures.put(
                    "writes_" + outcome.name().toLowerCase(java.util.Locale.ROOT),
                    writes.stream().filter(w -> w.outcome() == outcome).count());
        }
        figures.put("vnext_teams", (long) teams.size());
        writes.stream()
                .filter(write -> Write.ANSWER_NOT_FOR_THIS_REQUEST.equals(write.code()))
                .forEach(write -> violations
                        .get(FOREIGN_ANSWER)
                        .add(write.kind() + " " + write.seq() + " of '" + write.teamName() + "' (user "
                                + write.memberUserId() + ", membership " + write.membershipId() + ") answered "
                                + write.status() + " by instance " + write.instance() + " "
                                + java.time.Instant.ofEpochMilli(write.startMs()) + " .. "
                                + java.time.Instant.ofEpochMilli(write.endMs())
                                + " with a body that is not its answer"));

        checkTeams(writes, teamsByName, members);
        checkMembers(writes, teamsByName, members);
        Map<Long, Integer> outboxRowsPerTeam = checkOutbox(writes, windows, teamsByName, members, teams.keySet());
        checkShadows(writes, windows, teamsByName, outboxRowsPerTeam, namePrefix);
        return new Result(violations, figures);
    }

    private void checkTeams(
            List<Write> writes, Map<String, List<TeamRow>> teamsByName, Map<Long, Map<Long, List<MemberRow>>> members) {
        teamsByName.forEach((name, rows) -> {
            if (rows.size() > 1) {
                violations.get(DUPLICATED).add("team '" + name + "' exists " + rows.size() + " times");
            }
        });
        long committedWithoutAnswer = 0;
        for (Write write : writes) {
            if (write.kind() != Write.Kind.CREATE_TEAM) {
                continue;
            }
            List<TeamRow> rows = teamsByName.getOrDefault(write.teamName(), List.of());
            switch (write.outcome()) {
                case OK -> {
                    if (rows.isEmpty()) {
                        violations
                                .get(LOST)
                                .add("create of '" + write.teamName() + "' answered " + write.status()
                                        + " but the team is not in vNext");
                    } else if (rows.get(0).id() != write.teamId()) {
                        violations
                                .get(WRONG_STATE)
                                .add("create of '" + write.teamName() + "' answered id " + write.teamId()
                                        + ", vNext has " + rows.get(0).id());
                    }
                }
                case REFUSED, NOT_SENT -> phantom(write, !rows.isEmpty());
                case FAILED, IN_DOUBT -> {
                    if (Write.DUAL_WRITE_FAILED.equals(write.code())) {
                        phantom(write, !rows.isEmpty());
                    } else if (!rows.isEmpty()) {
                        committedWithoutAnswer++;
                    }
                }
            }
        }
        figures.put("creates_saved_without_a_2xx", committedWithoutAnswer);
        // All or nothing: an independent team is never without its ACTIVE OWNER membership.
        teamsByName.values().stream().flatMap(List::stream).forEach(team -> {
            if (team.ownerId() == null) {
                return;
            }
            List<MemberRow> owner = members.getOrDefault(team.id(), Map.of()).getOrDefault(team.ownerId(), List.of());
            if (owner.size() != 1
                    || !owner.get(0).role().equals("OWNER")
                    || !owner.get(0).status().equals("ACTIVE")) {
                violations
                        .get(PARTIAL)
                        .add("team '" + team.name() + "' without exactly one ACTIVE OWNER row: " + owner);
            }
        });
    }

    private void checkMembers(
            List<Write> writes, Map<String, List<TeamRow>> teamsByName, Map<Long, Map<Long, List<MemberRow>>> members) {
        members.values()
                .forEach(byUser -> byUser.values().forEach(rows -> {
                    if (rows.size() > 1) {
                        violations
                                .get(DUPLICATED)
                                .add("membership of user " + rows.get(0).userId() + " in team "
                                        + rows.get(0).teamId() + " exists " + rows.size() + " times");
                    }
                    rows.forEach(row -> {
                        if (row.status().equals("ACTIVE") == row.leftAtSet()) {
                            violations
                                    .get(PARTIAL)
                                    .add("membership " + row.id() + " is " + row.status()
                                            + (row.leftAtSet() ? " with" : " without") + " left_at");
                        }
                    });
                }));
        // Allowed final role and status per membership, replaying its writes in order.
        Map<String, Set<String>> roles = new HashMap<>();
        Map<String, Set<String>> statuses = new HashMap<>();
        Map<String, Set<String>> descriptions = new HashMap<>();
        for (Write write : writes) {
            List<TeamRow> team = teamsByName.getOrDefault(write.teamName(), List.of());
            if (write.kind() == Write.Kind.SETTINGS) {
                advance(descriptions.computeIfAbsent(write.teamName(), k -> new HashSet<>(nullOrEmpty())), write);
                continue;
            }
            if (!write.kind().isMemberWrite() || team.size() != 1) {
                continue;
            }
            String key = write.teamName() + "/" + write.memberUserId();
            List<MemberRow> rows =
                    members.getOrDefault(team.get(0).id(), Map.of()).getOrDefault(write.memberUserId(), List.of());
            if (write.kind() == Write.Kind.ADD_MEMBER) {
                switch (write.outcome()) {
                    case OK -> {
                        if (rows.isEmpty()) {
                            violations
                                    .get(LOST)
                                    .add("member add of user " + write.memberUserId() + " to '" + write.teamName()
                                            + "' answered 200 but no membership exists");
                        } else if (rows.get(0).id() != write.membershipId()) {
                            violations
                                    .get(WRONG_STATE)
                                    .add("member add answered id " + write.membershipId() + ", vNext has "
                                            + rows.get(0).id());
                        }
                    }
                    case REFUSED, NOT_SENT -> phantom(write, !rows.isEmpty());
                    case FAILED, IN_DOUBT -> {
                        if (Write.DUAL_WRITE_FAILED.equals(write.code())) {
                            phantom(write, !rows.isEmpty());
                        }
                    }
                }
                roles.put(key, new HashSet<>(Set.of(write.value())));
                statuses.put(key, new HashSet<>(Set.of("ACTIVE")));
            } else if (write.kind() == Write.Kind.CHANGE_ROLE) {
                advance(roles.computeIfAbsent(key, k -> new HashSet<>()), write);
            } else {
                Write asStatus = new Write(
                        write.seq(),
                        write.writer(),
                        write.kind(),
                        write.teamName(),
                        write.teamId(),
                        write.memberUserId(),
                        write.membershipId(),
                        "INACTIVE",
                        write.instance(),
                        write.startMs(),
                        write.endMs(),
                        write.outcome(),
                        write.status(),
                        write.code());
                advance(statuses.computeIfAbsent(key, k -> new HashSet<>()), asStatus);
            }
        }
        roles.forEach((key, allowed) -> compare(key, allowed, teamsByName, members, MemberRow::role, "role"));
        statuses.forEach((key, allowed) -> compare(key, allowed, teamsByName, members, MemberRow::status, "status"));
        descriptions.forEach((name, allowed) -> {
            List<TeamRow> team = teamsByName.getOrDefault(name, List.of());
            if (team.size() == 1 && !allowed.contains(team.get(0).description())) {
                violations
                        .get(WRONG_STATE)
                        .add("team '" + name + "' has description '"
                                + team.get(0).description() + "', the history allows " + allowed);
            }
        });
    }

    private static Set<String> nullOrEmpty() {
        Set<String> values = new HashSet<>();
        values.add(null);
        values.add("");
        return values;
    }

    /** The values a field may hold after this write: its value if 2xx, one more if unanswered. */
    private static void advance(Set<String> allowed, Write write) {
        if (write.outcome() == Write.Outcome.OK) {
            allowed.clear();
            allowed.add(write.value());
        } else if (write.outcome().mayHaveCommitted() && !Write.DUAL_WRITE_FAILED.equals(write.code())) {
            allowed.add(write.value());
        }
    }

    private void compare(
            String key,
            Set<String> allowed,
            Map<String, List<TeamRow>> teamsByName,
            Map<Long, Map<Long, List<MemberRow>>> members,
            java.util.function.Function<MemberRow, String> field,
            String what) {
        int slash = key.lastIndexOf('/');
        List<TeamRow> team = teamsByName.get(key.substring(0, slash));
        List<MemberRow> rows = members.getOrDefault(team.get(0).id(), Map.of())
                .getOrDefault(Long.parseLong(key.substring(slash + 1)), List.of());
        if (rows.size() == 1 && !allowed.contains(field.apply(rows.get(0)))) {
            violations
                    .get(WRONG_STATE)
                    .add("membership " + rows.get(0).id() + " has " + what + " " + field.apply(rows.get(0))
                            + ", the history allows " + allowed);
        }
    }

    private void phantom(Write write, boolean saved) {
        if (saved) {
            violations
                    .get(PHANTOM)
                    .add(write.kind() + " of '" + write.teamName() + "' (user " + write.memberUserId() + ") answered "
                            + write.status() + " " + write.code() + " but is in vNext");
        }
    }

    private Map<Long, Integer> checkOutbox(
            List<Write> writes,
            DualWriteWindows windows,
            Map<String, List<TeamRow>> teamsByName,
            Map<Long, Map<Long, List<MemberRow>>> members,
            Set<Long> runTeams) {
        Map<Key, Integer> lower = new HashMap<>();
        Map<Key, Integer> upper = new HashMap<>();
        Map<Key, List<Write>> byKey = new HashMap<>();
        long certainlyOn = 0;
        long certainlyOff = 0;
        for (Write write : writes) {
            List<TeamRow> team = teamsByName.getOrDefault(write.teamName(), List.of());
            if (team.size() != 1) {
                continue;
            }
            Long membershipId = null;
            if (write.kind().isMemberWrite()) {
                List<MemberRow> rows =
                        members.getOrDefault(team.get(0).id(), Map.of()).getOrDefault(write.memberUserId(), List.of());
                if (rows.size() != 1) {
                    continue;
                }
                membershipId = rows.get(0).id();
            }
            Key key = new Key(write.kind().operation(), team.get(0).id(), membershipId);
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(write);
            boolean on = windows.certainlyOn(write);
            boolean off = windows.certainlyOff(write);
            certainlyOn += on ? 1 : 0;
            certainlyOff += off ? 1 : 0;
            if (write.outcome() == Write.Outcome.OK && on) {
                lower.merge(key, 1, Integer::sum);
            }
            if (write.outcome().mayHaveCommitted() && !Write.DUAL_WRITE_FAILED.equals(write.code()) && !off) {
                upper.merge(key, 1, Integer::sum);
            }
        }
        figures.put("writes_while_dual_write_certainly_on", certainlyOn);
        figures.put("writes_while_dual_write_certainly_off", certainlyOff);

        Map<Key, Integer> rows = new HashMap<>();
        Map<Key, List<String>> rowsByKey = new HashMap<>();
        Map<Long, Integer> perTeam = new HashMap<>();
        Map<String, Long> statuses = new TreeMap<>();
        jdbc.sql("""
                        SELECT id, operation, vnext_team_id, vnext_membership_id, status, blocked_reason, last_error,
                               attempts, created_at, completed_at, completed_by
                          FROM organizations_dualwrite_outbox WHERE vnext_team_id = ANY(:ids)""").param("ids", runTeams.toArray(Long[]::new)).query(rs -> {
            Key key = new Key(
                    rs.getString("operation"), rs.getLong("vnext_team_id"), (Long) rs.getObject("vnext_membership_id"));
            rows.merge(key, 1, Integer::sum);
            rowsByKey
                    .computeIfAbsent(key, k -> new ArrayList<>())
                    .add("#" + rs.getLong("id") + " created "
                            + rs.getTimestamp("created_at").toInstant() + " " + rs.getString("status") + " by "
                            + rs.getString("completed_by"));
            perTeam.merge(key.teamId(), 1, Integer::sum);
            statuses.merge(rs.getString("status"), 1L, Long::sum);
            if (!rs.getString("status").equals("DONE")) {
                violations
                        .get(OUTBOX_STUCK)
                        .add(rs.getString("status") + " " + key + " after "
                                + rs.getInt("attempts") + " attempts: " + rs.getString("blocked_reason") + " "
                                + rs.getString("last_error"));
            }
        });
        statuses.forEach((status, count) -> figures.put("outbox_" + status.toLowerCase(java.util.Locale.ROOT), count));
        figures.put(
                "outbox_rows_retried",
                jdbc.sql(
                                "SELECT count(*) FROM organizations_dualwrite_outbox WHERE attempts > 1 AND vnext_team_id = ANY(:ids)")
                        .param("ids", runTeams.toArray(Long[]::new))
                        .query(Long.class)
                        .single());
        lower.forEach((key, expected) -> {
            int actual = rows.getOrDefault(key, 0);
            if (actual < expected) {
                violations
                        .get(LOST)
                        .add(key + ": " + expected + " write(s) made with dual-write on, " + actual + " outbox row(s)"
                                + trace(byKey.get(key), rowsByKey.get(key)));
            }
        });
        rows.forEach((key, actual) -> {
            int allowed = upper.getOrDefault(key, 0);
            if (actual > allowed) {
                violations
                        .get(DUPLICATED)
                        .add(key + ": " + actual + " outbox row(s), at most " + allowed
                                + " write(s) could have made one");
            }
        });
        return perTeam;
    }

    /** The writes and outbox rows of one key, for tracing a violation through the instances' logs. */
    private static String trace(List<Write> writes, List<String> outboxRows) {
        StringBuilder text = new StringBuilder();
        for (Write write : writes) {
            text.append("\n        write ")
                    .append(write.seq())
                    .append(' ')
                    .append(write.outcome())
                    .append(' ')
                    .append(write.status())
                    .append(" instance ")
                    .append(write.instance())
                    .append(' ')
                    .append(java.time.Instant.ofEpochMilli(write.startMs()))
                    .append(" .. ")
                    .append(java.time.Instant.ofEpochMilli(write.endMs()))
                    .append(" value ")
                    .append(write.value());
        }
        for (String row : outboxRows == null ? List.<String>of() : outboxRows) {
            text.append("\n        outbox ").append(row);
        }
        return text.toString();
    }

    private void checkShadows(
            List<Write> writes,
            DualWriteWindows windows,
            Map<String, List<TeamRow>> teamsByName,
            Map<Long, Integer> outboxRowsPerTeam,
            String namePrefix) {
        Map<Long, Long> legacyOf = new HashMap<>();
        Map<Long, Boolean> verified = new HashMap<>();
        Set<Long> legacyTeams = new HashSet<>(jdbc.sql("SELECT id FROM teams_team WHERE name LIKE :prefix")
                .param("prefix", namePrefix + "%")
                .query(Long.class)
                .list());
        jdbc.sql("SELECT vnext_team_id, legacy_team_id, verified FROM organizations_migration_map")
                .query(rs -> {
                    long vnext = rs.getLong("vnext_team_id");
                    if (legacyOf.put(vnext, rs.getLong("legacy_team_id")) != null) {
                        violations.get(DUPLICATED).add("two map rows for vNext team " + vnext);
                    }
                    verified.put(vnext, rs.getBoolean("verified"));
                });
        jdbc.sql("SELECT name, count(*) AS n FROM teams_team WHERE name LIKE :prefix GROUP BY name HAVING count(*) > 1")
                .param("prefix", namePrefix + "%")
                .query(rs -> {
                    violations
                            .get(DUPLICATED)
                            .add("legacy team '" + rs.getString("name") + "' exists " + rs.getLong("n") + " times");
                });
        Set<Long> mappedLegacy = new HashSet<>(legacyOf.values());
        legacyTeams.stream()
                .filter(id -> !mappedLegacy.contains(id))
                .forEach(id -> violations.get(DUPLICATED).add("legacy team " + id + " is no vNext team's shadow"));

        Set<Long> dualWritten = outboxRowsPerTeam.keySet();
        for (long team : dualWritten) {
            Long legacy = legacyOf.get(team);
            if (legacy == null || !legacyTeams.contains(legacy) || !verified.get(team)) {
                violations
                        .get(SHADOW_MISSING)
                        .add("vNext team " + team + " was dual-written; map "
                                + (legacy == null ? "missing" : "to " + legacy + ", verified " + verified.get(team))
                                + (legacy != null && !legacyTeams.contains(legacy) ? ", legacy row missing" : ""));
            }
        }
        figures.put("dual_written_teams", (long) dualWritten.size());

        // Teams whose every write from the last 2xx on was made with dual-write certainly on.
        Map<String, List<Write>> byTeam = writes.stream()
                .filter(write -> write.outcome().mayHaveCommitted())
                .collect(Collectors.groupingBy(Write::teamName, LinkedHashMap::new, Collectors.toList()));
        List<Long> comparable = new ArrayList<>();
        byTeam.forEach((name, teamWrites) -> {
            List<TeamRow> team = teamsByName.getOrDefault(name, List.of());
            int last = -1;
            for (int n = 0; n < teamWrites.size(); n++) {
                if (teamWrites.get(n).outcome() == Write.Outcome.OK) {
                    last = n;
                }
            }
            if (team.size() != 1
                    || last < 0
                    || !dualWritten.contains(team.get(0).id())) {
                return;
            }
            boolean on = true;
            for (int n = last; n < teamWrites.size(); n++) {
                on &= windows.certainlyOn(teamWrites.get(n));
            }
            if (on) {
                comparable.add(team.get(0).id());
            }
        });
        figures.put("shadows_compared_with_final_vnext_state", (long) comparable.size());
        compareShadows(comparable);
    }

    private void compareShadows(List<Long> teams) {
        Long[] ids = teams.toArray(Long[]::new);
        List<ShadowSql.Column> teamColumns = ShadowSql.teamColumns("vt", "lt");
        jdbc.sql("SELECT vt.id, " + differing(teamColumns) + " AS columns"
                        + " FROM organizations_team vt"
                        + " JOIN organizations_migration_map m ON m.vnext_team_id = vt.id"
                        + " JOIN teams_team lt ON lt.id = m.legacy_team_id WHERE vt.id = ANY(:ids)")
                .param("ids", ids)
                .query(rs -> {
                    if (!rs.getString("columns").isEmpty()) {
                        violations.get(SHADOW_DIFFERS).add("team " + rs.getLong("id") + ": " + rs.getString("columns"));
                    }
                });
        List<ShadowSql.Column> memberColumns = ShadowSql.memberColumns("v", "l");
        jdbc.sql("SELECT v.team_id, v.id, l.id IS NULL AS missing, " + differing(memberColumns) + " AS columns"
                        + " FROM organizations_membership v"
                        + " JOIN organizations_migration_map m ON m.vnext_team_id = v.team_id"
                        + " LEFT JOIN teams_teammembership l ON l.team_id = m.legacy_team_id AND l.user_id = v.user_id"
                        + " WHERE v.team_id = ANY(:ids)")
                .param("ids", ids)
                .query(rs -> {
                    if (rs.getBoolean("missing")) {
                        violations
                                .get(SHADOW_DIFFERS)
                                .add("membership " + rs.getLong("id") + " of team " + rs.getLong("team_id")
                                        + " has no legacy row");
                    } else if (!rs.getString("columns").isEmpty()) {
                        violations
                                .get(SHADOW_DIFFERS)
                                .add("membership " + rs.getLong("id") + " of team " + rs.getLong("team_id") + ": "
                                        + rs.getString("columns"));
                    }
                });
        jdbc.sql("""
                        SELECT l.id, m.vnext_team_id FROM teams_teammembership l
                          JOIN organizations_migration_map m ON m.legacy_team_id = l.team_id
                          LEFT JOIN organizations_membership v ON v.team_id = m.vnext_team_id AND v.user_id = l.user_id
                         WHERE m.vnext_team_id = ANY(:ids) AND v.id IS NULL""").param("ids", ids).query(rs -> {
            violations
                    .get(SHADOW_DIFFERS)
                    .add("legacy membership " + rs.getLong("id") + " of team " + rs.getLong("vnext_team_id")
                            + " has no vNext row");
        });
    }

    private static String differing(List<ShadowSql.Column> columns) {
        return columns.stream()
                .map(column -> "CASE WHEN (" + column.expected() + ") IS DISTINCT FROM (" + column.actual() + ") THEN '"
                        + column.name() + "' END")
                .collect(Collectors.joining(", ", "concat_ws(',', ", ")"));
    }

    static String summary(Result result) {
        StringBuilder text = new StringBuilder();
        result.violations().forEach((category, lines) -> {
            text.append(String.format("%-32s %d%n", category, lines.size()));
            lines.stream()
                    .limit(20)
                    .forEach(line -> text.append("    ").append(line).append('\n'));
        });
        return text.toString();
    }
}
