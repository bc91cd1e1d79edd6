package gg.deltacrown.teams;

/** Client input echoed in messages is cut short, so a huge value does not come back whole. */
final class Text {

    private static final int MAX_ECHO = 60;

    private Text() {}

    static String shortened(String value) {
        if (value == null) {
            return "";
        }
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "…";
    }
}
