package gg.deltacrown.cli;

import java.util.List;

/** The demo accounts seeded in the embedded default (see gg.deltacrown.demo.DemoData). */
final class DemoLogins {
    static final List<String> LOGINS = List.of(
            "testuser / testpass (owns teams)",
            "testmember / testpass (to add to teams)",
            "operator / operatorpass (staff: ops page and admin API)");

    private DemoLogins() {}
}
