package dev.polystore.checks;

/**
 * One thing a check refuses: where it is, which check or rule found it, and what to do about it.
 *
 * @param location a repo-relative path, with {@code :line} when a statement is at fault
 * @param check the check or rule id, as named in docs/migrations.md
 * @param message what is wrong and how to do it safely instead
 */
public record Problem(String location, String check, String message) {

    @Override
    public String toString() {
        return location + ": [" + check + "] " + message;
    }
}
