package gg.deltacrown.chaos;

import gg.deltacrown.support.Postgres15;
import gg.deltacrown.support.ServiceProcess;
import gg.deltacrown.support.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The chaos run (docs/adr/0029-chaos-harness.md): three {@code serve} instances on one separately
 * started PostgreSQL 15, a mixed burst of writes from several owners and organisations, and during
 * it {@code kill -9} of serving instances (each restarted at once), PostgreSQL restarts (fast and
 * immediate), the shadow writer's legacy privileges revoked for a while, and runtime flips of
 * dual-write and strict mode. Then {@link HistoryChecker} holds the history against the database.
 * Everything listens on 127.0.0.1 and stops by itself; {@code bench/chaos.sh} runs it.
 */
public final class ChaosHarness {

    static final int INSTANCES = 3;
    private static final String STRICT = "TEAM_VNEXT_DUAL_WRITE_STRICT_MODE";
    private static final Pattern METRIC =
            Pattern.compile("deltacrown_flag_enabled\\{[^}]*flag=\"(\\w+)\"[^}]*} (\\S+)");

    private final ChaosOptions options;
    private final Report report = new Report();
    private final Random random;
    private final Queue<Write> history = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final String runId;
    private final List<Instance> instances = new ArrayList<>();
    private final DualWriteWindows windows = new DualWriteWindows(false);
    private Postgres15 postgres;
    private DataSource admin;
    private DataSource shadowOwner;
    private String shadowWriter;
    private Api api;
    private String staffToken;
    private String canaryTeam;
    private String canarySlug;

    ChaosHarness(ChaosOptions options) {
        this.options = options;
        this.random = new Random(options.seed());
        this.runId = Long.toString(Math.abs(options.seed()) % 1_000_000, 36);
    }

    public static void main(String[] arguments) {
        ChaosOptions options;
        try {
            options = ChaosOptions.parse(arguments);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Report report = new ChaosHarness(options).run();
        System.out.println(report.text());
        System.exit(report.passed() ? 0 : 1);
    }

    /** The figures, the checker's result, and whether the run passed. */
    static final class Report {
        final Map<String, Object> figures = new java.util.LinkedHashMap<>();
        final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        HistoryChecker.Result check;
        final List<Long> killRestartMs = new ArrayList<>();
        final List<Long> databaseRecoveryMs = new ArrayList<>();
        final List<Long> flipAckMs = new ArrayList<>();
        FlagPropagation.Result propagation;

        boolean passed() {
            return problems.isEmpty() && check != null && check.passed();
        }

        String text() {
            StringBuilder text = new StringBuilder("chaos run: ")
                    .append(passed() ? "PASSED" : "FAILED")
                    .append('\n');
            figures.forEach((name, value) -> text.append(String.format("%-44s %s%n", name, value)));
            text.append(String.format("%-44s %s%n", "startup_after_kill_ms", percentiles(killRestartMs)));
            text.append(String.format("%-44s %s%n", "database_restart_recovery_ms", databaseRecoveryMs));
            text.append(String.format("%-44s %s%n", "flag_flip_applied_everywhere_ms", percentiles(flipAckMs)));
            if (propagation != null) {
                text.append(String.format("%-44s %s%n", "flag_propagation_ms", percentiles(propagation.all())));
            }
            if (check != null) {
                check.figures().forEach((name, value) -> text.append(String.format("%-44s %s%n", name, value)));
                text.append(String.format("%-44s %d%n", "lost", check.count(HistoryChecker.LOST)));
                text.append(String.format("%-44s %d%n", "duplicated", check.count(HistoryChecker.DUPLICATED)));
                text.append("violations:\n").append(HistoryChecker.summary(check));
            }
            problems.forEach(problem -> text.append("problem: ").append(problem).append('\n'));
            return text.toString();
        }
    }

    static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "n=0";
        }
        List<Long> sorted = values.stream().sorted().toList();
        return "n=%d p50=%d p99=%d max=%d"
                .formatted(
                        sorted.size(),
                        sorted.get((sorted.size() - 1) / 2),
                        sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1),
                        sorted.get(sorted.size() - 1));
    }

    Report run() {
        long begin = System.nanoTime();
        ScheduledExecutorService monitor = Executors.newSingleThreadScheduledExecutor();
        try {
            Files.createDirectories(options.output());
            report.figures.put("seed", options.seed());
            report.figures.put("load_average_at_start", loadAverage());
            startDatabase();
            startInstances();
            monitor.scheduleWithFixedDelay(
                    () -> instances.forEach(instance -> {
                        try {
                            instance.poll(api.http());
                        } catch (RuntimeException e) {
                            report.problems.add("instance " + instance.slot + " could not be restarted: " + e);
                        }
                    }),
                    0,
                    100,
                    TimeUnit.MILLISECONDS);
            awaitAllServing(Duration.ofMinutes(5));
            report.figures.put(
                    "first_startup_ms",
                    instances.stream()
                            .map(instance -> instance.startupMillis().get(0))
                            .toList());
            List<long[]> writers = seed();
            if (options.propagationFlips() > 0) {
                // Before any write, from dual-write's default (off).
                report.propagation = FlagPropagation.measure(
                        instances,
                        (instance, value) -> requestFlip(instance, FlagPropagation.FLAG, value),
                        options.propagationFlips(),
                        false);
            }
            flip(FlagPropagation.FLAG, true);
            List<long[]> organizations = organizations(writers);
            burst(organizations);
            quiesce();
            report.check = check();
            afterCheck.accept(this);
        } catch (RuntimeException | IOException | AssertionError e) {
            report.problems.add("the run stopped: " + e);
            e.printStackTrace();
        } finally {
            monitor.shutdownNow();
            try {
                monitor.awaitTermination(40, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (Instance instance : instances) {
                try {
                    instance.stop();
                } catch (RuntimeException | AssertionError e) {
                    report.problems.add("instance " + instance.slot + ": " + e.getMessage());
                }
                report.figures.put("instance_" + instance.slot + "_unexpected_exits", instance.unexpectedExits());
            }
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (RuntimeException e) {
                    report.problems.add("PostgreSQL did not stop: " + e.getMessage());
                }
            }
            report.figures.put("load_average_at_end", loadAverage());
            report.figures.put("run_seconds", (System.nanoTime() - begin) / 1_000_000_000);
        }
        write("report.txt", report.text());
        return report;
    }

    private java.util.function.Consumer<ChaosHarness> afterCheck = harness -> {};

    /** Runs once the history was checked, before anything stops (tests tamper with the database here). */
    ChaosHarness afterCheck(java.util.function.Consumer<ChaosHarness> action) {
        this.afterCheck = action;
        return this;
    }

    /** Checks the history against the database as it is now. */
    HistoryChecker.Result check() {
        return new HistoryChecker(admin).check(List.copyOf(history), windows, prefix());
    }

    /** SQL as the database's superuser, for tests that break what the run left on purpose. */
    void asSuperuser(String sql) {
        JdbcClient.create(admin).sql(sql).update();
    }

    String canaryTeam() {
        return canaryTeam;
    }

    private String prefix() {
        return "Chaos " + runId + " ";
    }

    private void startDatabase() {
        postgres = Postgres15.start();
        String base = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/";
        JdbcClient superuser = JdbcClient.create(new DriverManagerDataSource(base + "postgres", "postgres", ""));
        Optional<String> secureRoles = shadowWriterRole();
        if (secureRoles.isPresent()) {
            // Least privilege: the schema owner runs Flyway and the grants, the runtime role serves.
            superuser.sql("CREATE ROLE chaos_owner LOGIN CREATEROLE").update();
            superuser.sql("CREATE ROLE chaos_app LOGIN").update();
            superuser.sql("CREATE DATABASE chaos OWNER chaos_owner").update();
            shadowWriter = secureRoles.get();
            shadowOwner = new DriverManagerDataSource(base + "chaos", "chaos_owner", "");
        } else {
            // One role owns and serves (what this version of the service supports), not a superuser.
            superuser.sql("CREATE ROLE chaos_service LOGIN").update();
            superuser.sql("CREATE DATABASE chaos OWNER chaos_service").update();
            shadowWriter = "chaos_service";
            shadowOwner = new DriverManagerDataSource(base + "chaos", "postgres", "");
        }
        admin = new DriverManagerDataSource(base + "chaos", "postgres", "");
        report.figures.put("shadow_writer_role", shadowWriter);
    }

    /** The shadow writer's role when this version of the service has one (a NOLOGIN role it takes). */
    private static Optional<String> shadowWriterRole() {
        try {
            Class<?> roles = Class.forName("gg.deltacrown.database.DatabaseRoles");
            return Optional.of((String) roles.getField("SHADOW_WRITER").get(null));
        } catch (ReflectiveOperationException e) {
            return Optional.empty();
        }
    }

    private void startInstances() throws IOException {
        String url = "postgres://%s@127.0.0.1:" + postgres.port() + "/chaos";
        List<Integer> ports = new ArrayList<>();
        for (int slot = 0; slot < INSTANCES; slot++) {
            int port = ServiceProcess.freePort();
            ports.add(port);
            Map<String, String> env = new HashMap<>();
            if (shadowWriter.equals("chaos_service")) {
                env.put("DATABASE_URL", url.formatted("chaos_service"));
            } else {
                env.put("DATABASE_URL", url.formatted("chaos_app"));
                env.put("DATABASE_OWNER_URL", url.formatted("chaos_owner"));
            }
            env.put("PORT", Integer.toString(port));
            env.put(
                    "DELTACROWN_DATA_DIR",
                    Files.createTempDirectory("chaos-instance-").toString());
            env.put("DELTACROWN_SECRET_KEY", TestTokens.SECRET);
            env.put("API_THROTTLE_USER", "off");
            env.put("API_THROTTLE_ANON", "off");
            env.put("DB_POOL_SIZE", "8");
            env.put("LOG_LEVEL", "INFO");
            instances.add(new Instance(
                    slot, port, options.jvmOptions(), env, options.output().resolve("logs")));
        }
        api = new Api(ports, Duration.ofSeconds(30));
        if (options.aotCache() != null) {
            useAotCache(options.aotCache());
        }
        // The first instance migrates the empty database; the others start on the migrated schema.
        startFirst();
        instances.get(1).start();
        instances.get(2).start();
    }

    private void startFirst() {
        instances.get(0).start();
        Awaitility.await("instance 0 serving")
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    instances.get(0).poll(api.http());
                    return instances.get(0).serving();
                });
    }

    /**
     * JDK 25's AOT cache (JEP 483/514) of the classes {@code serve} loads and links at start-up,
     * recorded by a first start that exits on SIGTERM, then used by every start of the run. The
     * cache needs a class path of jars and is valid only for those very jars, so the class
     * directories are packed into {@code directory} first, afresh for every run.
     */
    private void useAotCache(Path directory) throws IOException {
        if (Runtime.version().feature() < 25) {
            report.figures.put(
                    "aot_cache",
                    "off (needs JDK 25+, this is " + Runtime.version().feature() + ")");
            return;
        }
        if (Files.exists(directory)) {
            try (var old = Files.walk(directory)) {
                for (Path path : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : ServiceProcess.classpath().split(java.io.File.pathSeparator)) {
            Path path = Path.of(entry);
            if (Files.isDirectory(path)) {
                Path jar = directory.resolve("classes-" + n++ + ".jar").toAbsolutePath();
                pack(path, jar);
                entries.add(jar.toString());
            } else {
                entries.add(entry);
            }
        }
        String classpath = String.join(java.io.File.pathSeparator, entries);
        Path cache = directory.resolve("serve.aot").toAbsolutePath();
        long begin = System.nanoTime();
        List<String> training = new ArrayList<>(options.jvmOptions());
        training.add("-XX:AOTCacheOutput=" + cache);
        instances.get(0).runWith(classpath, training);
        startFirst();
        try {
            instances.get(0).stop("aot-training", Duration.ofMinutes(5));
        } catch (IllegalStateException e) {
            report.figures.put("aot_cache", "not recorded: " + e.getMessage());
        }
        report.figures.put("aot_training_ms", (System.nanoTime() - begin) / 1_000_000);
        if (!Files.exists(cache) || Files.size(cache) == 0) {
            // A run without the cache is slower to restart, not wrong: go on with the plain class path.
            report.figures.put("aot_cache", "not recorded (logs/instance-0-aot-training.log)");
            instances.get(0).runWith(ServiceProcess.classpath(), options.jvmOptions());
            return;
        }
        report.figures.put("aot_cache_bytes", Files.size(cache));
        List<String> withCache = new ArrayList<>(options.jvmOptions());
        withCache.add("-XX:AOTCache=" + cache);
        withCache.add("-Xlog:aot*=off");
        withCache.add("-Xlog:cds*=off");
        instances.forEach(instance -> instance.runWith(classpath, withCache));
    }

    /** A jar of the directory, with directory entries (resource scans such as Flyway's need them). */
    private static void pack(Path directory, Path jar) throws IOException {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                var files = Files.walk(directory)) {
            for (Path file : files.sorted().toList()) {
                if (file.equals(directory)) {
                    continue;
                }
                String name = directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                boolean isDirectory = Files.isDirectory(file);
                out.putNextEntry(new java.util.jar.JarEntry(isDirectory ? name + "/" : name));
                if (!isDirectory) {
                    Files.copy(file, out);
                }
                out.closeEntry();
            }
        }
    }

    private void awaitAllServing(Duration deadline) {
        Awaitility.await("every instance serving")
                .atMost(deadline)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> instances.stream().allMatch(Instance::serving));
    }

    /** Accounts: a staff user (flags, canary), the writers, and the users they add as members. */
    private List<long[]> seed() {
        JdbcClient jdbc = JdbcClient.create(admin);
        // Each member is in at most one team per game (Writer.add): enough of them for a long run.
        int members = Math.max(1000, options.writers() * 500);
        jdbc.sql("""
                INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email, is_staff,
                                           is_active, date_joined, is_verified)
                SELECT '!', false, 'chaos_' || kind || n, '', '', 'chaos_' || kind || n || '@example.com',
                       kind = 'staff', true, now(), false
                  FROM (SELECT 'staff' AS kind, 0 AS n
                        UNION ALL SELECT 'writer', n FROM generate_series(1, :writers) AS n
                        UNION ALL SELECT 'member', n FROM generate_series(1, :members) AS n) AS accounts""")
                .param("writers", options.writers())
                .param("members", members)
                .update();
        gg.deltacrown.support.ProfileRows.forUsernames(admin, "chaos\\_%");
        long staff = jdbc.sql("SELECT id FROM accounts_user WHERE username = 'chaos_staff0'")
                .query(Long.class)
                .single();
        staffToken = TestTokens.access(staff);
        List<long[]> writers = new ArrayList<>();
        for (Long id : jdbc.sql("SELECT id FROM accounts_user WHERE username LIKE 'chaos\\_writer%' ORDER BY id")
                .query(Long.class)
                .list()) {
            writers.add(new long[] {id});
        }
        memberUsers = jdbc.sql("SELECT id FROM accounts_user WHERE username LIKE 'chaos\\_member%' ORDER BY id")
                .query(Long.class)
                .list();
        return writers;
    }

    private List<Long> memberUsers;
    private final java.util.Set<String> memberGames = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Each writer founds its organisation (before any fault: the burst builds on them). */
    private List<long[]> organizations(List<long[]> writers) {
        List<long[]> organizations = new ArrayList<>();
        for (int n = 0; n < writers.size(); n++) {
            long owner = writers.get(n)[0];
            long seq = sequence.incrementAndGet();
            Api.Reply reply = api.post(
                    n % INSTANCES,
                    "/api/vnext/organizations/create/",
                    "{\"name\":\"Chaos Org " + runId + " " + n + "\",\"slug\":\"chaos-org-" + runId + "-" + n + "\"}",
                    TestTokens.access(owner));
            if (reply.status() != 201) {
                throw new IllegalStateException(
                        "organisation of writer " + n + ": " + reply.status() + " " + reply.body());
            }
            history.add(Write.of(seq, n, Write.Kind.CREATE_ORGANIZATION, null, null, null, null, null, reply));
            organizations.add(
                    new long[] {owner, reply.body().get("organization_id").asLong()});
        }
        canaryTeam = prefix() + "canary";
        long seq = sequence.incrementAndGet();
        Api.Reply reply = api.post(
                0,
                "/api/vnext/teams/create/",
                "{\"name\":\"" + canaryTeam + "\",\"game_id\":1,\"region\":\"NA\"}",
                staffToken);
        if (reply.status() != 201) {
            throw new IllegalStateException("canary team: " + reply.status() + " " + reply.body());
        }
        canarySlug = reply.body().get("team_slug").asString();
        history.add(Write.of(
                seq,
                -1,
                Write.Kind.CREATE_TEAM,
                canaryTeam,
                reply.body().get("team_id").asLong(),
                null,
                null,
                "1",
                reply));
        return organizations;
    }

    private record Fault(double at, String name, Runnable action) {}

    private void burst(List<long[]> organizations) {
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(organizations.size());
        List<Future<?>> running = new ArrayList<>();
        for (int n = 0; n < organizations.size(); n++) {
            running.add(writers.submit(new Writer(
                    n,
                    organizations.get(n)[0],
                    organizations.get(n)[1],
                    memberUsers,
                    memberGames,
                    api,
                    INSTANCES,
                    history,
                    sequence,
                    prefix(),
                    options.seed() + n,
                    stop::get)));
        }
        List<Fault> faults = new ArrayList<>();
        for (int n = 0; n < options.databaseRestarts(); n++) {
            String mode = n % 2 == 0 ? "immediate" : "fast";
            faults.add(new Fault(
                    (n + 1.0) / (options.databaseRestarts() + 1) - 0.05,
                    "pg_restart_" + mode,
                    () -> restartDatabase(mode)));
        }
        if (options.flagFlips()) {
            faults.add(new Fault(0.15, "dual_write_off", () -> flip(FlagPropagation.FLAG, false)));
            faults.add(new Fault(0.30, "dual_write_on", () -> flip(FlagPropagation.FLAG, true)));
            faults.add(new Fault(0.40, "strict_on", () -> flip(STRICT, true)));
            faults.add(new Fault(0.55, "strict_off", () -> flip(STRICT, false)));
        }
        if (!options.revoke().isZero()) {
            faults.add(new Fault(0.62, "privileges_revoked", this::revoke));
        }
        faults.sort((a, b) -> Double.compare(a.at(), b.at()));

        long start = System.nanoTime();
        long durationNanos = options.duration().toNanos();
        long deadline = start + options.deadline().toNanos();
        int kills = 0;
        int servingKills = 0;
        long revokedUntil = Long.MAX_VALUE;
        boolean restored = options.revoke().isZero();
        long nextKill = start;
        long quietUntil = start;
        List<String> done = new ArrayList<>();
        while (true) {
            long now = System.nanoTime();
            if (now > deadline) {
                report.problems.add("deadline reached with " + kills + " kills and faults done " + done);
                break;
            }
            if (!restored && now >= revokedUntil) {
                restore();
                restored = true;
                done.add("privileges_restored");
                continue;
            }
            if (!faults.isEmpty() && now - start >= faults.get(0).at() * durationNanos && now >= quietUntil) {
                Fault fault = faults.remove(0);
                fault.action().run();
                done.add(fault.name());
                // Each state (dual-write off, strict on, ...) lasts a while however long the last fault took.
                quietUntil = System.nanoTime() + Math.max(Duration.ofSeconds(3).toNanos(), durationNanos / 20);
                if (fault.name().equals("privileges_revoked")) {
                    revokedUntil = System.nanoTime() + options.revoke().toNanos();
                }
                continue;
            }
            List<Instance> serving =
                    instances.stream().filter(Instance::serving).toList();
            if (kills < options.kills() && now >= nextKill && serving.size() >= 2) {
                Instance victim = serving.get(random.nextInt(serving.size()));
                if (victim.killAndRestart()) {
                    servingKills++;
                }
                kills++;
                long remaining = Math.max(0, start + durationNanos - System.nanoTime());
                nextKill = System.nanoTime() + remaining / Math.max(1, options.kills() - kills + 1);
                continue;
            }
            if (kills >= options.kills() && faults.isEmpty() && restored && now - start >= durationNanos) {
                break;
            }
            long nextFault = faults.isEmpty()
                    ? Long.MAX_VALUE
                    : start + (long) (faults.get(0).at() * durationNanos);
            long end = start + durationNanos;
            long wake = Math.min(Math.min(nextFault, revokedUntil), now < end ? end : Long.MAX_VALUE);
            boolean killsLeft = kills < options.kills();
            long killAt = nextKill;
            Awaitility.await("the next fault")
                    .atMost(options.deadline())
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> System.nanoTime() >= wake
                            || (killsLeft
                                    && System.nanoTime() >= killAt
                                    && instances.stream()
                                                    .filter(Instance::serving)
                                                    .count()
                                            >= 2));
        }
        stop.set(true);
        writers.shutdown();
        try {
            if (!writers.awaitTermination(2, TimeUnit.MINUTES)) {
                report.problems.add("writers did not stop within 2 minutes");
                writers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Future<?> writer : running) {
            try {
                writer.get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                report.problems.add("a writer failed: " + e);
            }
        }
        if (!restored) {
            restore();
        }
        report.figures.put("kills", kills);
        report.figures.put("kills_of_a_serving_instance", servingKills);
        report.figures.put("faults", done);
        report.figures.put("burst_seconds", (System.nanoTime() - start) / 1_000_000_000);
        instances.forEach(instance -> {
            List<Long> startups = instance.startupMillis();
            report.killRestartMs.addAll(startups.subList(1, startups.size()));
        });
    }

    private void restartDatabase(String mode) {
        long start = System.nanoTime();
        postgres.restart(mode);
        long restarted = (System.nanoTime() - start) / 1_000_000;
        awaitCanaryOnEveryInstance(Duration.ofMinutes(3));
        report.databaseRecoveryMs.add((System.nanoTime() - start) / 1_000_000);
        report.figures.put("pg_restart_" + mode + "_pg_ctl_ms", restarted);
    }

    /** Until every instance saved a write (a settings change of the staff's canary team). */
    private void awaitCanaryOnEveryInstance(Duration deadline) {
        for (int n = 0; n < INSTANCES; n++) {
            int instance = n;
            Awaitility.await("instance " + n + " writes again")
                    .atMost(deadline)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> canary(instance));
        }
    }

    private boolean canary(int instance) {
        if (!instances.get(instance).serving()) {
            return false;
        }
        long seq = sequence.incrementAndGet();
        String description = "canary " + seq;
        Api.Reply reply = api.postTo(
                instance,
                "/api/vnext/teams/" + canarySlug + "/settings/",
                "{\"description\":\"" + description + "\"}",
                staffToken);
        history.add(Write.of(seq, -1, Write.Kind.SETTINGS, canaryTeam, null, null, null, description, reply));
        return reply.outcome() == Write.Outcome.OK;
    }

    private static final String GUARDED = "teams_team, teams_teammembership, teams_ranking_breakdown";

    private long failedBeforeRevoke;

    private long failedRows() {
        return JdbcClient.create(admin)
                .sql("SELECT count(*) FROM organizations_dualwrite_outbox WHERE attempts > 0")
                .query(Long.class)
                .single();
    }

    private void revoke() {
        failedBeforeRevoke = failedRows();
        JdbcClient.create(shadowOwner)
                .sql("REVOKE INSERT, UPDATE, DELETE ON " + GUARDED + " FROM " + shadowWriter)
                .update();
        report.figures.put("revoked_seconds", options.revoke().toSeconds());
    }

    private void restore() {
        JdbcClient jdbc = JdbcClient.create(shadowOwner);
        jdbc.sql("GRANT INSERT, UPDATE, DELETE ON " + GUARDED + " TO " + shadowWriter)
                .update();
        long restoredAt = System.nanoTime();
        JdbcClient reader = JdbcClient.create(admin);
        report.figures.put("outbox_rows_failed_while_revoked", failedRows() - failedBeforeRevoke);
        Awaitility.await("rows that failed while revoked are mirrored")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> reader.sql("""
                                SELECT count(*) FROM organizations_dualwrite_outbox
                                 WHERE status = 'PENDING' AND attempts > 0""").query(Long.class).single() == 0);
        report.figures.put("revoke_recovery_ms_after_restore", (System.nanoTime() - restoredAt) / 1_000_000);
    }

    private long requestFlip(int instance, String flag, boolean value) {
        long sent = System.currentTimeMillis();
        Api.Reply reply = api.post(
                instance,
                "/api/admin/flags/" + flag + "/",
                "{\"value\":\"" + value + "\",\"reason\":\"chaos run\"}",
                staffToken);
        if (reply.status() != 200) {
            throw new IllegalStateException("flag " + flag + "=" + value + ": " + reply.status() + " " + reply.body());
        }
        return sent;
    }

    /** Flips a flag at runtime on a random instance and waits until every instance applies it. */
    private void flip(String flag, boolean value) {
        awaitAllServing(Duration.ofMinutes(5));
        int instance = random.nextInt(INSTANCES);
        long sent = System.currentTimeMillis();
        if (flag.equals(FlagPropagation.FLAG)) {
            windows.requested(value, sent);
        }
        Awaitility.await("flag " + flag + " accepted")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    requestFlip(instance, flag, value);
                    return true;
                });
        Awaitility.await("every instance applies " + flag + "=" + value)
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> instances.stream().allMatch(i -> i.serving() && applies(i.slot, flag, value)));
        long applied = System.currentTimeMillis();
        report.flipAckMs.add(applied - sent);
        if (flag.equals(FlagPropagation.FLAG)) {
            windows.applied(value, applied);
        }
    }

    private boolean applies(int instance, String flag, boolean value) {
        String metrics = api.get(instance, "/actuator/prometheus");
        if (metrics == null) {
            return false;
        }
        Matcher matcher = METRIC.matcher(metrics);
        while (matcher.find()) {
            if (matcher.group(1).equals(flag)) {
                return Double.parseDouble(matcher.group(2)) == (value ? 1.0 : 0.0);
            }
        }
        return false;
    }

    /** After the burst: every instance up, dual-write on and strict off, the outbox drained. */
    private void quiesce() {
        awaitAllServing(Duration.ofMinutes(5));
        JdbcClient reader = JdbcClient.create(admin);
        long start = System.nanoTime();
        Awaitility.await("outbox drained")
                .atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> reader.sql("SELECT count(*) FROM organizations_dualwrite_outbox WHERE status = 'PENDING'")
                                .query(Long.class)
                                .single()
                        == 0);
        report.figures.put("outbox_drain_after_burst_ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void write(String name, String text) {
        try {
            Files.createDirectories(options.output());
            Files.writeString(options.output().resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
