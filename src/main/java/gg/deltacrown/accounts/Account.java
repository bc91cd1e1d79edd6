package gg.deltacrown.accounts;

/** A user of the platform ({@code accounts_user}) with the id of their profile, if any. */
public record Account(
        long id,
        String username,
        String email,
        String passwordHash,
        boolean staff,
        boolean superuser,
        boolean active,
        Long profileId) {

    /** The API's {@code display_name}: accounts_user has no such column, so it is the username. */
    public String displayName() {
        return username;
    }
}
