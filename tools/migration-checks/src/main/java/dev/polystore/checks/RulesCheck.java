package dev.polystore.checks;

import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.rules.Rules;
import java.util.ArrayList;
import java.util.List;

/** Runs the dialect's rules over every migration of a folder, each seeing the migrations before it. */
public final class RulesCheck {

    public static final String PARSE_ID = "parse";

    private RulesCheck() {
    }

    public static List<Problem> check(List<Migration> migrations, Dialect dialect) {
        List<Rule> rules = Rules.of(dialect);
        List<ParsedMigration> earlier = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Migration migration : migrations) {
            ParsedMigration parsed;
            try {
                parsed = ParsedMigration.parse(migration, dialect);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(migration.path(), PARSE_ID, "cannot be split into statements: "
                        + e.getMessage()));
                continue;
            }
            for (Rule rule : rules) {
                problems.addAll(rule.check(parsed, List.copyOf(earlier)));
            }
            earlier.add(parsed);
        }
        return problems;
    }
}
