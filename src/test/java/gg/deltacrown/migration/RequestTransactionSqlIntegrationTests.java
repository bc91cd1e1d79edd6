package gg.deltacrown.migration;

import static org.assertj.core.api.Assertions.assertThat;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.flags.Flag;
import gg.deltacrown.flags.FlagSource;
import gg.deltacrown.flags.Flags;
import gg.deltacrown.support.IntegrationTest;
import gg.deltacrown.support.StatementCapture;
import gg.deltacrown.support.VnextWrites;
import java.time.Duration;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** Non-strict: the vNext write transaction never runs a statement on a teams_* table. */
@IntegrationTest
@Import(StatementCapture.class)
class RequestTransactionSqlIntegrationTests {

    private static final Pattern LEGACY_TABLE = Pattern.compile("\\bteams_(team|teammembership|ranking_breakdown)\\b");

    @Autowired
    StatementCapture statements;

    @Autowired
    Flags flags;

    @Autowired
    OutboxAdmin outbox;

    @Autowired
    VnextWrites vnext;

    Account owner;
    Account member;

    @BeforeEach
    void setUp() {
        owner = vnext.user("testuser");
        member = vnext.user("testmember");
        flags.change(Flag.DUAL_WRITE_ENABLED, "true", FlagSource.RUNTIME, "test", "sql capture");
    }

    @Test
    void theFiveFlowsTouchOnlyVnextTablesAndTheOutboxInTheirTransactions() {
        statements.clear();
        runTheFiveFlows();
        String thread = Thread.currentThread().getName();

        assertThat(statements.onThread(thread))
                .isNotEmpty()
                .noneMatch(executed -> LEGACY_TABLE.matcher(executed.sql()).find())
                .anyMatch(executed -> executed.sql().contains("INSERT INTO organizations_dualwrite_outbox"));
        // The legacy writes happen, on the dispatcher's threads, after commit.
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .until(() -> outbox.status().pendingCount() == 0);
        assertThat(statements.onThreadsStartingWith("outbox-dispatcher-"))
                .anyMatch(executed -> executed.sql().contains("INSERT INTO teams_team"));
    }

    @Test
    void strictModeIsTheOneCaseThatWritesLegacyInsideTheRequest() {
        flags.change(Flag.DUAL_WRITE_STRICT_MODE, "true", FlagSource.RUNTIME, "test", "strict");
        statements.clear();

        runTheFiveFlows();

        assertThat(statements.onThread(Thread.currentThread().getName()))
                .anyMatch(executed -> LEGACY_TABLE.matcher(executed.sql()).find());
    }

    private void runTheFiveFlows() {
        VnextWrites.Team team = vnext.createTeam(owner, "Staging Test Team Alpha", 1, "NA");
        long membership = vnext.addMember(team, owner, member, "PLAYER", true);
        vnext.changeRole(team, owner, membership, "SUBSTITUTE");
        vnext.updateSettings(team, owner, "EU", "Updated via dual-write test", "https://cdn.example.com/updated.png");
        vnext.removeMember(team, owner, membership);
    }
}
