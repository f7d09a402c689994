package dev.polystore.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names and numbers: every migration is {@code V<n>__<description>}, versions run 1, 2, 3... with no
 * gap and no repeat. A repeat is what two changes that both picked the next number leave behind
 * once both are merged; it must fail here, not when Flyway meets it in production.
 */
public final class NumberingCheck {

    public static final String ID = "numbering";

    private NumberingCheck() {
    }

    public static List<Problem> check(MigrationDirectory dir) {
        List<Problem> problems = new ArrayList<>();
        for (String misnamed : dir.misnamedFiles()) {
            problems.add(new Problem(dir.path() + "/" + misnamed, ID,
                    "not a versioned migration name: use V<n>__<description>" + dir.dialect().extension()
                            + " with n the next number after the last migration (no leading zeros; "
                            + "repeatable R__ migrations are not used because they re-run whenever they change)"));
        }
        Map<Integer, List<String>> byVersion = new LinkedHashMap<>();
        for (Migration m : dir.migrations()) {
            byVersion.computeIfAbsent(m.name().version(), v -> new ArrayList<>()).add(m.fileName());
        }
        int expected = 1;
        for (Map.Entry<Integer, List<String>> entry : byVersion.entrySet()) {
            int version = entry.getKey();
            List<String> files = entry.getValue();
            if (files.size() > 1) {
                problems.add(new Problem(dir.path(), ID, "V" + version + " is used by " + String.join(" and ", files)
                        + ": two changes added the same version. Renumber the newer one after the last migration (V"
                        + (lastVersion(dir) + 1) + "), then run tools/checks/run-all --update-sums"));
            }
            if (version != expected) {
                problems.add(new Problem(dir.path() + "/" + files.get(0), ID, expected == 1
                        ? "the first migration must be V1, not V" + version
                        : "versions jump from V" + (expected - 1) + " to V" + version
                                + ": number a new migration right after the last one (V" + expected + ")"));
            }
            expected = version + 1;
        }
        return problems;
    }

    private static int lastVersion(MigrationDirectory dir) {
        List<Migration> all = dir.migrations();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).name().version();
    }
}
