package dev.polystore.devstack;

/**
 * Whether the local engines make every acknowledged write durable. Local mode must not lose data
 * when the machine or the process crashes, so durable is the default; the test suites trade that
 * for speed by setting {@code -Ddevstack.durable=false} (the root pom does, for surefire and failsafe).
 */
final class Durability {
    static final String PROPERTY = "devstack.durable";

    private Durability() {
    }

    static boolean durable() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    /** PostgreSQL's word for a setting that is on when durable. */
    static String onWhenDurable() {
        return durable() ? "on" : "off";
    }
}
