package gg.deltacrown.teams;

/**
 * Someone to add to a roster: {@code userLookup} is a user id, a username or an email;
 * {@code slot} is optional; not {@code active} means invited.
 */
public record NewMember(String userLookup, String role, String slot, boolean active) {}
