package gg.deltacrown.teams;

/** A new role and/or roster slot for a membership; null leaves it as it is. */
public record RoleChange(String role, String slot) {}
