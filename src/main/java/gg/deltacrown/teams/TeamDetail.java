package gg.deltacrown.teams;

import java.util.List;

/** A team with its ACTIVE roster in roster order. */
public record TeamDetail(Team team, List<Membership> members) {}
