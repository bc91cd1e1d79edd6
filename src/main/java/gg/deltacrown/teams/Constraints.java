package gg.deltacrown.teams;

import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataIntegrityViolationException;

/** Which database constraint a write broke, to turn known races into the right refusal. */
final class Constraints {

    private Constraints() {}

    static Optional<String> violated(DataIntegrityViolationException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return Optional.ofNullable(psql.getServerErrorMessage().getConstraint());
            }
        }
        return Optional.empty();
    }
}
