package dev.polystore.checks.rules.cassandra;

import dev.polystore.checks.Problem;
import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.statements.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Every statement of a CQL migration that runs on Amazon Keyspaces uses CQL that Keyspaces
 * supports ({@link KeyspacesCql}). A statement after a {@code -- cassandra only} comment never runs
 * there, as the migration runner has it.
 */
public final class CqlKeyspacesRule implements Rule {

    public static final String ID = "cql-keyspaces";
    private static final String CASSANDRA_ONLY = "cassandra only";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier) {
        List<Problem> problems = new ArrayList<>();
        for (Statement statement : migration.statements()) {
            if (statement.comments().stream().anyMatch(comment -> comment.equalsIgnoreCase(CASSANDRA_ONLY))) {
                continue;
            }
            for (String refusal : KeyspacesCql.refusals(statement.sql())) {
                problems.add(migration.problem(statement, ID, "Amazon Keyspaces refuses " + refusal));
            }
        }
        return problems;
    }
}
