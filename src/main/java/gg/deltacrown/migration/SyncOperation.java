package gg.deltacrown.migration;

/** The shadow syncs of the dual-write, named as the runbooks log and grep them. */
public enum SyncOperation {
    TEAM_CREATED("sync_team_created"),
    MEMBER_ADDED("sync_team_member_added"),
    MEMBER_UPDATED("sync_team_member_updated"),
    MEMBER_REMOVED("sync_team_member_removed"),
    SETTINGS_UPDATED("sync_team_settings_updated");

    private final String logName;

    SyncOperation(String logName) {
        this.logName = logName;
    }

    /** The {@code operation} value of logs and of {@code organizations_dualwrite_outbox}. */
    public String logName() {
        return logName;
    }

    public static SyncOperation fromLogName(String name) {
        for (SyncOperation operation : values()) {
            if (operation.logName.equals(name)) {
                return operation;
            }
        }
        throw new IllegalArgumentException("unknown sync operation: " + name);
    }
}
