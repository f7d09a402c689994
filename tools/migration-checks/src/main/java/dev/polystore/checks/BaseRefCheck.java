package dev.polystore.checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

/**
 * Compares the migrations in the working tree with those at a git ref. Against any ref: no
 * migration that exists there was edited, renamed or deleted, since it may already be applied
 * somewhere. Against the base of the change (the previous commit of main in CI), also: each service
 * folder gains at most one migration, numbered after the base's last. The content comparison is
 * what the sum file cannot do alone: a sum file regenerated over an edited migration still matches.
 */
public final class BaseRefCheck {

    public static final String ID = "base";

    private BaseRefCheck() {
    }

    /**
     * Compares with a ref.
     *
     * @param changeBase true when {@code baseRef} is where this change started, so that what was
     *                   added since counts as one change; false for an older ref such as the last
     *                   release, where only edits and deletions are checked
     */
    public static List<Problem> check(Git git, String baseRef, List<MigrationDirectory> current, boolean changeBase) {
        String commit = git.resolveCommit(baseRef);
        Map<String, Map<String, String>> baseFolders = new TreeMap<>();
        for (String path : git.listFiles(commit, "services")) {
            Matcher m = MigrationDirectories.MIGRATION_FILE.matcher(path);
            if (m.matches()) {
                Dialect dialect = MigrationDirectories.dialectOfFolder(m.group(1));
                String fileName = path.substring(m.group(1).length() + 1);
                if (MigrationName.parse(fileName, dialect).isPresent()) {
                    baseFolders.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()).put(fileName, path);
                }
            }
        }
        Map<String, MigrationDirectory> currentByPath = new LinkedHashMap<>();
        current.forEach(dir -> currentByPath.put(dir.path(), dir));

        List<Problem> problems = new ArrayList<>();
        Set<String> allFolders = new TreeSet<>(baseFolders.keySet());
        allFolders.addAll(currentByPath.keySet());
        for (String folder : allFolders) {
            Map<String, String> atBase = baseFolders.getOrDefault(folder, Map.of());
            Optional<MigrationDirectory> now = Optional.ofNullable(currentByPath.get(folder));
            List<Migration> migrations = now.map(MigrationDirectory::migrations).orElse(List.of());
            problems.addAll(editedOrDeleted(git, commit, baseRef, atBase, migrations));
            if (changeBase) {
                problems.addAll(added(folder, baseRef, atBase, migrations));
            }
        }
        return problems;
    }

    private static List<Problem> editedOrDeleted(Git git, String commit, String baseRef, Map<String, String> atBase,
                                                 List<Migration> migrations) {
        Map<String, Migration> byName = new LinkedHashMap<>();
        migrations.forEach(m -> byName.put(m.fileName(), m));
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, String> base : atBase.entrySet()) {
            Migration now = byName.get(base.getKey());
            if (now == null) {
                problems.add(new Problem(base.getValue(), ID, "exists at " + baseRef + " but was deleted or renamed: "
                        + "a migration that may have been applied stays as it is. Restore it; undo its effect, if "
                        + "needed, with a new migration"));
                continue;
            }
            byte[] before = SumFile.withoutCarriageReturns(git.read(commit, base.getValue()));
            if (!Arrays.equals(before, SumFile.withoutCarriageReturns(now.content()))) {
                problems.add(new Problem(now.path(), ID, "edited since " + baseRef + ": a migration that may have "
                        + "been applied is never edited (Flyway refuses a changed checksum, and databases that ran "
                        + "the old text keep it). Revert the edit and put the change in a new migration"));
            }
        }
        return problems;
    }

    private static List<Problem> added(String folder, String baseRef, Map<String, String> atBase,
                                       List<Migration> migrations) {
        Dialect dialect = MigrationDirectories.dialectOfFolder(folder);
        List<Migration> added = migrations.stream().filter(m -> !atBase.containsKey(m.fileName())).toList();
        List<Problem> problems = new ArrayList<>();
        if (added.size() > 1) {
            problems.add(new Problem(folder, ID, "adds " + added.size() + " migrations since " + baseRef + " ("
                    + String.join(", ", added.stream().map(Migration::fileName).toList()) + "): one change adds at "
                    + "most one migration per service, so that old and new code are only ever one schema step "
                    + "apart. Merge them into one, or ship them in separate changes"));
        }
        int lastAtBase = atBase.keySet().stream()
                .map(name -> MigrationName.parse(name, dialect))
                .flatMap(Optional::stream)
                .mapToInt(MigrationName::version)
                .max().orElse(0);
        for (Migration m : added) {
            if (m.name().version() <= lastAtBase) {
                problems.add(new Problem(m.path(), ID, "is numbered " + m.versionLabel() + " but " + baseRef
                        + " already reaches V" + lastAtBase + ": number it V" + (lastAtBase + 1)
                        + " and run " + SumFileCheck.REGENERATE));
            }
        }
        return problems;
    }
}
