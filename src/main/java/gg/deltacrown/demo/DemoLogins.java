package gg.deltacrown.demo;

import java.util.List;

/** The demo accounts {@link DemoData} seeds in the embedded default, as serve and the login page show them. */
public final class DemoLogins {

    public static final List<String> LOGINS = List.of(
            "testuser / testpass (owns teams)",
            "testmember / testpass (to add to teams)",
            "operator / operatorpass (staff: ops page and admin API)");

    private DemoLogins() {}
}
