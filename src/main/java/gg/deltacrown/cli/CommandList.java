package gg.deltacrown.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * The "Commands:" section of a usage message: each command with the first sentence of its
 * description, whole (picocli's default shows the first description line only, which cuts a
 * sentence that goes on to the next line).
 */
final class CommandList implements IHelpSectionRenderer {

    static void install(CommandLine commandLine) {
        commandLine
                .getHelpSectionMap()
                .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandList());
        commandLine.getSubcommands().values().forEach(CommandList::install);
    }

    @Override
    public String render(Help help) {
        Map<String, Help> commands = help.subcommands();
        if (commands.isEmpty()) {
            return "";
        }
        int nameWidth =
                commands.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(
                help.colorScheme(),
                new Column(nameWidth, 2, Column.Overflow.SPAN),
                new Column(width - nameWidth, 1, Column.Overflow.WRAP));
        commands.forEach((name, command) -> table.addRowValues(name, summary(command.commandSpec())));
        return table.toString();
    }

    /**
     * The description's first sentence: up to the first full stop or colon that ends a word (a colon
     * introduces details, so it becomes a full stop).
     */
    static String summary(CommandLine.Model.CommandSpec command) {
        String text = String.join(" ", command.usageMessage().description())
                .replaceAll("\\s+", " ")
                .strip();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean endsWord = i + 1 == text.length() || text.charAt(i + 1) == ' ';
            if ((c == '.' || c == ':') && endsWord) {
                return text.substring(0, i) + ".";
            }
        }
        return text;
    }
}
