package gg.deltacrown.chaos;

/**
 * One write a client attempted, as the client saw it. Teams are named by their (unique) name and
 * memberships by team and member user, so the checker can find a write whose answer never came.
 *
 * @param writer the client (each team is written by its owner's client only, one request at a time)
 * @param teamName the team written (or created)
 * @param teamId the id the service answered with (null when it did not answer)
 * @param memberUserId the member added, changed or removed (null for team writes)
 * @param membershipId the id the service answered with or the client knew
 * @param value what the write sets: the role, the description, the team's game
 * @param startMs wall clock when the request was sent
 * @param endMs wall clock when the answer (or the failure) came
 */
record Write(
        long seq,
        int writer,
        Kind kind,
        String teamName,
        Long teamId,
        Long memberUserId,
        Long membershipId,
        String value,
        int instance,
        long startMs,
        long endMs,
        Outcome outcome,
        int status,
        String code) {

    enum Kind {
        CREATE_ORGANIZATION(null),
        CREATE_TEAM("sync_team_created"),
        ADD_MEMBER("sync_team_member_added"),
        CHANGE_ROLE("sync_team_member_updated"),
        REMOVE_MEMBER("sync_team_member_removed"),
        SETTINGS("sync_team_settings_updated");

        private final String operation;

        Kind(String operation) {
            this.operation = operation;
        }

        /** The outbox operation this write records while dual-write is on. */
        String operation() {
            return operation;
        }

        boolean isMemberWrite() {
            return this == ADD_MEMBER || this == CHANGE_ROLE || this == REMOVE_MEMBER;
        }
    }

    enum Outcome {
        /** 2xx: the service says it is done. */
        OK,
        /** 4xx: refused, nothing may have changed. */
        REFUSED,
        /** 5xx: failed; all or nothing may have been saved (strict mode's DUAL_WRITE_FAILED: nothing). */
        FAILED,
        /** Reset or timeout after the request was sent: all or nothing may have been saved. */
        IN_DOUBT,
        /** No instance accepted the connection: the request never left the client. */
        NOT_SENT;

        /** Whether the write may be in the database. */
        boolean mayHaveCommitted() {
            return this == OK || this == FAILED || this == IN_DOUBT;
        }
    }

    static final String DUAL_WRITE_FAILED = "DUAL_WRITE_FAILED";

    /** The client's mark for a 2xx whose body answers another request (RELIABILITY.md). */
    static final String ANSWER_NOT_FOR_THIS_REQUEST = "ANSWER_NOT_FOR_THIS_REQUEST";

    /** The write as the client saw it: what it asked for, and the reply. */
    static Write of(
            long seq,
            int writer,
            Kind kind,
            String teamName,
            Long teamId,
            Long memberUserId,
            Long membershipId,
            String value,
            Api.Reply reply) {
        return new Write(
                seq,
                writer,
                kind,
                teamName,
                teamId,
                memberUserId,
                membershipId,
                value,
                reply.instance(),
                reply.startMs(),
                reply.endMs(),
                reply.outcome(),
                reply.status(),
                reply.code());
    }
}
