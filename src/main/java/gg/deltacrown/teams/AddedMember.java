package gg.deltacrown.teams;

import java.util.List;

/** The new membership and the ACTIVE roster after adding it. */
public record AddedMember(Membership member, List<Membership> roster) {}
