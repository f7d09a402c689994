package dev.polystore.checks.statements;

import java.util.ArrayList;
import java.util.List;

/** Regular-expression fragments for names in a normalised {@link Statement}, and turning them back into names. */
public final class Identifiers {

    /** One identifier: a quoted one as written, or an unquoted one (already lower case). */
    public static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)";

    /** A possibly qualified name such as {@code public.users} or {@code activity.events}. */
    public static final String QNAME = IDENT + "(?:\\." + IDENT + ")*";

    private Identifiers() {
    }

    /**
     * The last part of a possibly qualified name, unquoted. Tables are told apart by this name
     * alone: a service's migrations work in one schema or keyspace.
     */
    public static String objectName(String qualifiedName) {
        List<String> parts = parts(qualifiedName);
        return unquote(parts.get(parts.size() - 1));
    }

    /** An identifier without its quotes, or as it is when it has none. */
    public static String unquote(String identifier) {
        if (identifier.length() >= 2 && identifier.startsWith("\"") && identifier.endsWith("\"")) {
            return identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"");
        }
        return identifier;
    }

    private static List<String> parts(String qualifiedName) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : qualifiedName.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == '.' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
