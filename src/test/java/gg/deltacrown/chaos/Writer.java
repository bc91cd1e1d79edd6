package gg.deltacrown.chaos;

import gg.deltacrown.support.TestTokens;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One client of the burst: a user who owns an organisation and its teams and writes them one
 * request at a time (creates, member add, role change, remove, settings), at random instances.
 * It only builds on what the service confirmed: a team or membership whose write got no answer is
 * never written again, so the history of every row is a sequence.
 */
final class Writer implements Runnable {

    private static final int MAX_TEAMS = 30;
    private static final int MAX_MEMBERS = 8;
    private static final int GAMES = 9;
    private static final List<String> ROLES = List.of("PLAYER", "SUBSTITUTE", "COACH", "ANALYST", "SCOUT", "MANAGER");
    private static final List<String> REGIONS = List.of("NA", "EU", "APAC", "LATAM", "OCE");

    private static final class TeamState {
        final String name;
        final long id;
        final String slug;
        final int game;
        final List<long[]> members = new ArrayList<>(); // {membership id, user id}
        final Set<Long> users = new HashSet<>();

        TeamState(String name, long id, String slug, int game) {
            this.name = name;
            this.id = id;
            this.slug = slug;
            this.game = game;
        }
    }

    private final int index;
    private final long organizationId;
    private final String token;
    private final List<Long> memberUsers;
    private final Set<String> memberGames;
    private final Api api;
    private final int instances;
    private final Queue<Write> history;
    private final AtomicLong sequence;
    private final String namePrefix;
    private final Random random;
    private final BooleanSupplier stop;
    private final List<TeamState> teams = new ArrayList<>();
    private final Set<Integer> gamesUsed = new HashSet<>();
    private int created;

    Writer(
            int index,
            long ownerId,
            long organizationId,
            List<Long> memberUsers,
            Set<String> memberGames,
            Api api,
            int instances,
            Queue<Write> history,
            AtomicLong sequence,
            String namePrefix,
            long seed,
            BooleanSupplier stop) {
        this.index = index;
        this.organizationId = organizationId;
        this.token = TestTokens.access(ownerId);
        this.memberUsers = memberUsers;
        this.memberGames = memberGames;
        this.api = api;
        this.instances = instances;
        this.history = history;
        this.sequence = sequence;
        this.namePrefix = namePrefix;
        this.random = new Random(seed);
        this.stop = stop;
    }

    @Override
    public void run() {
        while (!stop.getAsBoolean()) {
            step();
        }
    }

    private void step() {
        if (teams.isEmpty() || (teams.size() < MAX_TEAMS && random.nextInt(100) < 10)) {
            create();
            return;
        }
        TeamState team = teams.get(random.nextInt(teams.size()));
        int dice = random.nextInt(100);
        if (dice < 35 && team.members.size() < MAX_MEMBERS) {
            add(team);
        } else if (dice < 55 && !team.members.isEmpty()) {
            changeRole(team);
        } else if (dice < 70 && !team.members.isEmpty()) {
            remove(team);
        } else {
            settings(team);
        }
    }

    private void create() {
        String name = namePrefix + "w" + index + " t" + created++;
        String body;
        int game;
        if (gamesUsed.size() < GAMES) {
            game = 1;
            while (gamesUsed.contains(game)) {
                game++;
            }
            gamesUsed.add(game);
            body = "{\"name\":\"" + name + "\",\"game_id\":" + game + ",\"region\":\"NA\"}";
        } else {
            game = random.nextInt(GAMES) + 1;
            body = "{\"name\":\"" + name + "\",\"game_id\":" + game + ",\"region\":\"EU\",\"organization_id\":"
                    + organizationId + "}";
        }
        long seq = sequence.incrementAndGet();
        Api.Reply reply = api.post(random.nextInt(instances), "/api/vnext/teams/create/", body, token);
        reply = reply.checked(answer -> answer.get("team_id").asLong() > 0 && answer.has("team_slug"));
        Long id = null;
        if (reply.outcome() == Write.Outcome.OK) {
            id = reply.body().get("team_id").asLong();
            teams.add(new TeamState(name, id, reply.body().get("team_slug").asString(), game));
        }
        record(seq, Write.Kind.CREATE_TEAM, name, id, null, null, String.valueOf(game), reply);
    }

    /**
     * Adds a user who is in no other team of this game, ever: the legacy model allows one ACTIVE team
     * per game and profile, and the shadow writer holds a second one back (docs/adr/0023), which
     * is not what this run checks.
     */
    private void add(TeamState team) {
        long user = -1;
        for (int attempt = 0; attempt < 20 && user < 0; attempt++) {
            long candidate = memberUsers.get(random.nextInt(memberUsers.size()));
            if (memberGames.add(candidate + ":" + team.game)) {
                user = candidate;
            }
        }
        if (user < 0) {
            settings(team);
            return;
        }
        team.users.add(user);
        String role = ROLES.get(random.nextInt(ROLES.size() - 1));
        long seq = sequence.incrementAndGet();
        Api.Reply reply = api.post(
                random.nextInt(instances),
                "/api/vnext/teams/" + team.slug + "/members/add/",
                "{\"user_lookup\":" + user + ",\"role\":\"" + role + "\",\"slot\":\"STARTER\",\"is_active\":true}",
                token);
        long added = user;
        reply = reply.checked(body -> body.get("membership_id").asLong() > 0
                && body.get("member").get("user_id").asLong() == added);
        Long membership = null;
        if (reply.outcome() == Write.Outcome.OK) {
            membership = reply.body().get("membership_id").asLong();
            team.members.add(new long[] {membership, user});
        }
        record(seq, Write.Kind.ADD_MEMBER, team.name, team.id, user, membership, role, reply);
    }

    private void changeRole(TeamState team) {
        long[] member = team.members.get(random.nextInt(team.members.size()));
        String role = ROLES.get(random.nextInt(ROLES.size()));
        long seq = sequence.incrementAndGet();
        Api.Reply reply = api.post(
                random.nextInt(instances),
                "/api/vnext/teams/" + team.slug + "/members/" + member[0] + "/role/",
                "{\"role\":\"" + role + "\"}",
                token);
        reply = reply.checked(body -> body.get("member").get("id").asLong() == member[0]
                && body.get("member").get("role").asString().equals(role));
        if (reply.outcome() != Write.Outcome.OK && reply.outcome() != Write.Outcome.NOT_SENT) {
            team.members.remove(member);
        }
        record(seq, Write.Kind.CHANGE_ROLE, team.name, team.id, member[1], member[0], role, reply);
    }

    private void remove(TeamState team) {
        long[] member = team.members.get(random.nextInt(team.members.size()));
        long seq = sequence.incrementAndGet();
        Api.Reply reply = api.post(
                random.nextInt(instances),
                "/api/vnext/teams/" + team.slug + "/members/" + member[0] + "/remove/",
                "{}",
                token);
        reply = reply.checked(body -> body.get("members").isArray()
                && java.util.stream.StreamSupport.stream(body.get("members").spliterator(), false)
                        .noneMatch(m -> m.get("id").asLong() == member[0]));
        if (reply.outcome() != Write.Outcome.NOT_SENT) {
            team.members.remove(member);
        }
        record(seq, Write.Kind.REMOVE_MEMBER, team.name, team.id, member[1], member[0], "INACTIVE", reply);
    }

    private void settings(TeamState team) {
        long seq = sequence.incrementAndGet();
        String description = "chaos " + seq;
        Api.Reply reply = api.post(
                random.nextInt(instances),
                "/api/vnext/teams/" + team.slug + "/settings/",
                "{\"description\":\"" + description + "\",\"region\":\"" + REGIONS.get(random.nextInt(REGIONS.size()))
                        + "\",\"preferred_server\":\"s" + random.nextInt(9) + "\"}",
                token);
        reply = reply.checked(body -> body.get("team").get("id").asLong() == team.id
                && description.equals(body.get("team").get("description").asString()));
        record(seq, Write.Kind.SETTINGS, team.name, team.id, null, null, description, reply);
    }

    private void record(
            long seq,
            Write.Kind kind,
            String team,
            Long teamId,
            Long user,
            Long membership,
            String value,
            Api.Reply reply) {
        if (reply.foreign()) {
            // The checker counts it; the body is what shows whose answer it was.
            System.err.println("chaos: write " + seq + " (" + kind + " of '" + team + "', membership " + membership
                    + ") got a 2xx that is not its answer: " + reply.raw());
        }
        history.add(Write.of(seq, index, kind, team, teamId, user, membership, value, reply));
    }
}
