package dev.polystore.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a migration folder with its {@code migrations.sum}: an applied migration's hash never
 * changes, none disappears, every new one is recorded. It also writes the file for
 * {@code --update-sums}.
 */
public final class SumFileCheck {

    public static final String ID = "sum";

    static final String REGENERATE = "tools/checks/run-all --update-sums";

    private SumFileCheck() {
    }

    public static List<Problem> check(MigrationDirectory dir) {
        String sumPath = dir.path() + "/" + SumFile.FILE_NAME;
        Optional<String> text = dir.sumFileText();
        List<Migration> migrations = dir.migrations();
        List<Problem> problems = new ArrayList<>();
        if (text.isEmpty()) {
            if (!migrations.isEmpty()) {
                problems.add(new Problem(sumPath, ID, "missing: every migration folder keeps the hashes of its "
                        + "migrations. Create it with " + REGENERATE + " and commit it"));
            }
            return problems;
        }
        SumFile.Parsed sum;
        try {
            sum = SumFile.parse(text.get());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(sumPath, ID, "unreadable, " + e.getMessage()
                    + ". Restore it from git, or regenerate it with " + REGENERATE));
            return problems;
        }
        Set<String> onDisk = new LinkedHashSet<>();
        for (Migration m : migrations) {
            onDisk.add(m.fileName());
            String recorded = sum.entries().get(m.fileName());
            if (recorded == null) {
                problems.add(new Problem(m.path(), ID, "not in " + SumFile.FILE_NAME + ". If this is your new "
                        + "migration, run " + REGENERATE + " and commit the sum file with it"));
            } else if (!recorded.equals(SumFile.hash(m.content()))) {
                problems.add(new Problem(m.path(), ID, "changed since its hash was recorded in " + SumFile.FILE_NAME
                        + ". A migration that may have been applied is never edited: revert the edit and write a "
                        + "new migration instead. Only if this migration is new in your change and not merged yet, "
                        + "run " + REGENERATE));
            }
        }
        for (Map.Entry<String, String> entry : sum.entries().entrySet()) {
            if (!onDisk.contains(entry.getKey())) {
                problems.add(new Problem(dir.path() + "/" + entry.getKey(), ID, "recorded in " + SumFile.FILE_NAME
                        + " but missing: a migration that may have been applied is never deleted or renamed. "
                        + "Restore it"));
            }
        }
        if (!sum.totalMatches()) {
            problems.add(new Problem(sumPath, ID, "its total hash (line 1) does not match its entries: it was "
                    + "edited or merged by hand. Regenerate it with " + REGENERATE
                    + " once every migration in the folder is the one that was applied"));
        } else if (problems.isEmpty() && !text.get().replace("\r\n", "\n").equals(SumFile.render(migrations))) {
            problems.add(new Problem(sumPath, ID, "stale: its entries are out of version order. Regenerate it with "
                    + REGENERATE));
        }
        return problems;
    }

    /**
     * Writes the sum file for the folder's current migrations.
     *
     * @return a line saying what changed, naming every migration whose hash was added, changed or
     *         dropped so that an edit of an old migration cannot slip through unnoticed; empty when
     *         the file was already up to date
     */
    public static Optional<String> update(MigrationDirectory dir) {
        String wanted = SumFile.render(dir.migrations());
        Optional<String> current = dir.sumFileText();
        if (current.isPresent() && current.get().equals(wanted)) {
            return Optional.empty();
        }
        if (dir.migrations().isEmpty() && current.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> before = recordedHashes(current);
        List<String> changes = new ArrayList<>();
        for (Migration m : dir.migrations()) {
            String old = before.remove(m.fileName());
            if (old == null) {
                changes.add("added " + m.fileName());
            } else if (!old.equals(SumFile.hash(m.content()))) {
                changes.add("CHANGED " + m.fileName());
            }
        }
        before.keySet().forEach(gone -> changes.add("REMOVED " + gone));
        try {
            Files.writeString(dir.sumFile(), wanted);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.sumFile(), e);
        }
        return Optional.of((current.isPresent() ? "updated " : "created ") + dir.path() + "/" + SumFile.FILE_NAME
                + (changes.isEmpty() ? " (rewritten in canonical order)" : ": " + String.join(", ", changes)));
    }

    private static Map<String, String> recordedHashes(Optional<String> text) {
        if (text.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return new LinkedHashMap<>(SumFile.parse(text.get()).entries());
        } catch (IllegalArgumentException unreadable) {
            // An unreadable old file has nothing to compare with: every entry counts as added.
            return new LinkedHashMap<>();
        }
    }
}
