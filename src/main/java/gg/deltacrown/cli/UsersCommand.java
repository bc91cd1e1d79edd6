package gg.deltacrown.cli;

import gg.deltacrown.accounts.Account;
import gg.deltacrown.accounts.AccountAlreadyExistsException;
import gg.deltacrown.accounts.Accounts;
import gg.deltacrown.accounts.NewAccount;
import gg.deltacrown.accounts.UnsupportedProfileTableException;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Account administration. On a real DeltaCrown database accounts normally come from Django. */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = "Manage accounts.",
        subcommands = {UsersCommand.Create.class})
final class UsersCommand {

    private static final Pattern USERNAME = Pattern.compile("[\\w.@+-]{1,150}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create an account with its profile (--staff for operators).")
    static final class Create implements Callable<Integer> {

        @Option(names = "--username", required = true, description = "Login name: up to 150 letters, digits and @.+-_")
        String username;

        @Option(names = "--email", required = true, description = "E-mail address of the account")
        String email;

        @Option(
                names = "--password",
                required = true,
                description = "At least 8 characters; stored as Django's pbkdf2_sha256 hash")
        String password;

        @Option(names = "--staff", description = "Operator account: may use the ops page and admin endpoints")
        boolean staff;

        @Override
        public Integer call() {
            if (!USERNAME.matcher(username).matches()) {
                throw new CommandFailedException("invalid --username: use up to 150 letters, digits and @.+-_");
            }
            if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
                throw new CommandFailedException("invalid --email '" + email + "'");
            }
            if (password.length() < 8) {
                throw new CommandFailedException("--password must have at least 8 characters");
            }
            // As the schema owner when there is one: on a Django database the service's own role
            // only reads accounts (docs/adr/0020-database-roles-and-write-guard.md).
            try (ServiceBootstrap service = ServiceBootstrap.start(
                    ServiceBootstrap.Mode.CLI, Settings.fromEnvironment(), ServiceBootstrap.Role.OWNER)) {
                Account account = service.bean(Accounts.class).create(new NewAccount(username, email, password, staff));
                System.out.println("created user " + account.username() + " (id " + account.id() + ", profile "
                        + account.profileId() + (account.staff() ? ", staff" : "") + ")");
            } catch (AccountAlreadyExistsException | UnsupportedProfileTableException e) {
                throw new CommandFailedException(e.getMessage());
            }
            return 0;
        }
    }
}
