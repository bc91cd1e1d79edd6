package gg.deltacrown.demo;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.accounts.NewAccount;
import gg.deltacrown.legacy.LegacyTeams;
import gg.deltacrown.legacy.LegacyWriteReason;
import gg.deltacrown.legacy.NewLegacyMembership;
import gg.deltacrown.legacy.NewLegacyTeam;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo accounts and legacy teams for the embedded default, so a fresh machine has something to
 * log in with and migrate. Seeded once (when {@code testuser} does not exist yet); never on a
 * database given by {@code DATABASE_URL}.
 */
@Component
@ConditionalOnExpression("'${deltacrown.mode:cli}' == 'serve' and ${deltacrown.embedded-database:false}")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final LegacyWriteReason BYPASS_REASON = LegacyWriteReason.DEMO_SEED;

    private final Accounts accounts;
    private final LegacyTeams legacyTeams;
    private final TransactionTemplate transactions;

    DemoData(Accounts accounts, LegacyTeams legacyTeams, TransactionTemplate transactions) {
        this.accounts = accounts;
        this.legacyTeams = legacyTeams;
        this.transactions = transactions;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.byUsername("testuser").isEmpty()) {
            transactions.executeWithoutResult(status -> seed());
            log.atInfo().addKeyValue("event_type", "demo_data_seeded").log("Seeded demo accounts and legacy teams");
        }
    }

    private void seed() {
        accounts.create(new NewAccount("testuser", "testuser@example.com", "testpass", false));
        accounts.create(new NewAccount("testmember", "testmember@example.com", "testpass", false));
        accounts.create(new NewAccount("operator", "operator@example.com", "operatorpass", true));
        List<Account> players = List.of(
                accounts.create(new NewAccount("legacy_captain", "legacy_captain@example.com", "legacypass", false)),
                accounts.create(new NewAccount("legacy_player1", "legacy_player1@example.com", "legacypass", false)),
                accounts.create(new NewAccount("legacy_player2", "legacy_player2@example.com", "legacypass", false)));

        OffsetDateTime created = OffsetDateTime.now(ZoneOffset.UTC).minusDays(30);
        seedTeam("Crimson Wolves", "CRW", "crimson-wolves", "valorant", "NA", players, created);
        seedTeam("Azure Dragons", "AZD", "azure-dragons", "cs2", "EU", players, created.plusDays(1));
        seedTeam("Jade Tigers", "JDT", "jade-tigers", "dota2", "APAC", players.subList(0, 2), created.plusDays(2));
    }

    private void seedTeam(
            String name,
            String tag,
            String slug,
            String game,
            String region,
            List<Account> members,
            OffsetDateTime created) {
        long teamId = legacyTeams.insertTeam(
                BYPASS_REASON,
                new NewLegacyTeam(name, tag, slug, game, region, "Demo legacy team", null, null, null, true),
                created);
        for (int i = 0; i < members.size(); i++) {
            legacyTeams.insertMembership(
                    BYPASS_REASON,
                    new NewLegacyMembership(
                            teamId,
                            members.get(i).profileId(),
                            i == 0 ? "OWNER" : "PLAYER",
                            "ACTIVE",
                            "STARTER",
                            created.plusHours(i),
                            null));
        }
    }
}
