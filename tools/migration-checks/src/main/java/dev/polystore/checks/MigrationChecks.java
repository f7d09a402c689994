package dev.polystore.checks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks every service's migrations in a repository, and the CQL its Java sources run on Amazon
 * Keyspaces ({@link CqlInJavaCheck}), printing one line per folder and one per problem. Exit status 0 when all pass, 1 when a check fails, 2 on a usage error.
 * <pre>
 * MigrationChecks [--repo DIR] [--base REF] [--released REF] [--update-sums]
 *   --repo DIR      the repository root (default: the working directory)
 *   --base REF      the git ref this change started from: no migration there edited or deleted, at
 *                   most one added per service folder, numbered after the base's last
 *   --released REF  the last release's git tag: no migration there edited or deleted
 *   --update-sums   first rewrite each folder's migrations.sum for its current migrations
 * </pre>
 */
public final class MigrationChecks {

    private final Path repo;
    private final Optional<String> baseRef;
    private final Optional<String> releasedRef;
    private final boolean updateSums;
    private final PrintStream out;

    MigrationChecks(Path repo, Optional<String> baseRef, Optional<String> releasedRef, boolean updateSums,
                    PrintStream out) {
        this.repo = repo;
        this.baseRef = baseRef;
        this.releasedRef = releasedRef;
        this.updateSums = updateSums;
        this.out = out;
    }

    public static void main(String[] args) {
        Path repo = Path.of(".");
        Optional<String> base = Optional.empty();
        Optional<String> released = Optional.empty();
        boolean update = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--repo" -> repo = Path.of(valueOf(args, ++i, "--repo"));
                case "--base" -> base = Optional.of(valueOf(args, ++i, "--base"));
                case "--released" -> released = Optional.of(valueOf(args, ++i, "--released"));
                case "--update-sums" -> update = true;
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (!Files.isDirectory(repo)) {
            usage("--repo " + repo + " is not a directory");
        }
        System.exit(new MigrationChecks(repo, base, released, update, System.out).run());
    }

    /** Runs every check and returns the exit status. */
    int run() {
        List<MigrationDirectory> dirs = MigrationDirectories.find(repo);
        if (updateSums) {
            for (MigrationDirectory dir : dirs) {
                SumFileCheck.update(dir).ifPresent(line -> out.println("migration-checks: " + line));
            }
        }
        List<Problem> problems = new ArrayList<>();
        int migrations = 0;
        if (dirs.isEmpty()) {
            out.println("migration-checks: no migration folders under services/*/src/main/resources/{db,cql}/*");
        }
        for (MigrationDirectory dir : dirs) {
            List<Problem> found = new ArrayList<>();
            found.addAll(NumberingCheck.check(dir));
            found.addAll(SumFileCheck.check(dir));
            found.addAll(RulesCheck.check(dir.migrations(), dir.dialect()));
            migrations += dir.migrations().size();
            out.println("migration-checks: " + dir.path() + " (" + dir.dialect().name().toLowerCase() + ", "
                    + count(dir.migrations().size(), "migration") + "): "
                    + (found.isEmpty() ? "ok" : found.size() + " problem(s)"));
            problems.addAll(found);
        }
        CqlInJavaCheck.Result java = CqlInJavaCheck.check(repo);
        out.println("migration-checks: CQL in Java sources (" + count(java.statements(), "statement") + " in "
                + count(java.files(), "file") + "): " + (java.problems().isEmpty() ? "ok" : java.problems().size()
                + " problem(s)"));
        problems.addAll(java.problems());
        releasedRef.ifPresent(ref -> problems.addAll(compareWith(ref, dirs, false, "the last release")));
        baseRef.ifPresent(ref -> problems.addAll(compareWith(ref, dirs, true, "the change's base")));
        problems.forEach(problem -> out.println("FAIL " + problem));
        if (problems.isEmpty()) {
            out.println("migration-checks: " + count(migrations, "migration") + " in " + count(dirs.size(), "folder")
                    + " pass");
            return 0;
        }
        out.println("migration-checks: " + problems.size() + " problem(s); the rules and how to do each change "
                + "safely are in docs/migrations.md");
        return 1;
    }

    private List<Problem> compareWith(String ref, List<MigrationDirectory> dirs, boolean changeBase, String what) {
        List<Problem> found;
        try {
            found = BaseRefCheck.check(new Git(repo), ref, dirs, changeBase);
        } catch (IllegalStateException e) {
            found = List.of(new Problem(ref, BaseRefCheck.ID, "cannot compare with this git ref: " + e.getMessage()));
        }
        out.println("migration-checks: compared with " + what + ", " + ref + ": "
                + (found.isEmpty() ? "ok" : found.size() + " problem(s)"));
        return found;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String valueOf(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String error) {
        System.err.println("migration-checks: " + error);
        System.err.println("usage: MigrationChecks [--repo DIR] [--base REF] [--released REF] [--update-sums]");
        System.exit(2);
    }
}
