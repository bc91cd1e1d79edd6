package gg.deltacrown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** What {@code --help} prints is whole: no sentence cut, every command and option described. */
class HelpTextTests {

    private final CommandLine main = Main.commandLine();

    @Test
    void theCommandListNamesEveryCommandWithAWholeSentence() {
        String usage = main.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String joined = usage.replaceAll("\\s+", " ");

        assertThat(main.getSubcommands().keySet()).contains("serve", "test", "psql", "flags", "outbox", "rollback");
        main.getSubcommands().forEach((name, command) -> {
            String summary = CommandList.summary(command.getCommandSpec());
            assertThat(summary).as(name).endsWith(".").hasSizeGreaterThan(15);
            assertThat(joined).as("the line of %s", name).contains(name + " " + summary);
        });
    }

    @Test
    void theSummaryIsTheDescriptionsFirstSentenceEvenWhenItSpansLines() {
        CommandSpec spec = CommandSpec.create();
        spec.usageMessage().description("Before/after reports of the test, their delta,", "and the summaries: a, b.");

        assertThat(CommandList.summary(spec))
                .isEqualTo("Before/after reports of the test, their delta, and the summaries.");
    }

    @Test
    void everyCommandAndOptionHasADescription() {
        List<String> missing = new ArrayList<>();
        collect(main, missing);

        assertThat(missing).isEmpty();
    }

    @Test
    void usersCreateDescribesItsOptions() {
        String usage = main.getSubcommands()
                .get("users")
                .getSubcommands()
                .get("create")
                .getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(usage)
                .containsPattern("--username=<username>\\s+Login name")
                .containsPattern("--email=<email>\\s+E-mail address")
                .containsPattern("--password=<password>\\s+At least 8 characters");
    }

    @Test
    void psqlKeepsItsOwnOptionsInOrder() {
        CommandLine.ParseResult parsed = main.parseArgs("psql", "-At", "-c", "SELECT 1", "-v", "ON_ERROR_STOP=1");

        PsqlCommand psql = (PsqlCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(psql.psqlArguments).containsExactly("-At", "-c", "SELECT 1", "-v", "ON_ERROR_STOP=1");
        assertThat(psql.url).isFalse();
    }

    private static void collect(CommandLine command, List<String> missing) {
        CommandSpec spec = command.getCommandSpec();
        String name = spec.qualifiedName();
        if (String.join("", spec.usageMessage().description()).isBlank()) {
            missing.add(name);
        }
        for (OptionSpec option : spec.options()) {
            if (String.join("", option.description()).isBlank()) {
                missing.add(name + " " + option.longestName());
            }
        }
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (String.join("", parameter.description()).isBlank()) {
                missing.add(name + " " + parameter.paramLabel());
            }
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, missing));
    }
}
