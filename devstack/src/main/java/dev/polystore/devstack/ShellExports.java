package dev.polystore.devstack;

import java.util.regex.Pattern;

/** Lines of the form {@code export NAME=value} that a POSIX shell can {@code eval}. */
final class ShellExports {

    /** Characters that mean nothing special to a shell; anything else, or nothing at all, gets single quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellExports() {
    }

    static String line(String name, String value) {
        String word = PLAIN.matcher(value).matches() ? value : "'" + value.replace("'", "'\\''") + "'";
        return "export " + name + "=" + word;
    }
}
