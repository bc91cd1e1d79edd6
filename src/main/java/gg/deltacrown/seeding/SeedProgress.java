package gg.deltacrown.seeding;

/** Told how far a seeding run is, in teams (the CLI draws it as a progress bar). */
public interface SeedProgress {

    void started(long totalTeams);

    void advanced(long teams);

    SeedProgress NONE = new SeedProgress() {
        @Override
        public void started(long totalTeams) {}

        @Override
        public void advanced(long teams) {}
    };
}
