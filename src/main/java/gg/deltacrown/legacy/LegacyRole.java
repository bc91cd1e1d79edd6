package gg.deltacrown.legacy;

/** Legacy membership roles whose saves have side effects (docs/adr/0015). */
final class LegacyRole {
    static final String OWNER = "OWNER";
    static final String MANAGER = "MANAGER";
    static final String CAPTAIN = "CAPTAIN";

    private LegacyRole() {}
}
