package dev.polystore.checks.rules.postgres;

import dev.polystore.checks.Problem;
import dev.polystore.checks.rules.AlterTable;
import dev.polystore.checks.rules.ParsedMigration;
import dev.polystore.checks.rules.Rule;
import dev.polystore.checks.statements.Identifiers;
import dev.polystore.checks.statements.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration that locks an existing table first sets {@code lock_timeout}. Even a quick ALTER
 * TABLE waits for its lock behind any long transaction of the running release, and every query on
 * the table queues behind the waiting ALTER: without a timeout a deploy can stall the service.
 * With one the migration fails fast and is retried. This replaces squawk's require-lock-timeout,
 * which also fires on tables the migration itself creates.
 */
public final class LockTimeoutRule implements Rule {

    public static final String ID = "lock-timeout";

    private static final Pattern SET_LOCK_TIMEOUT = Pattern.compile("^set (?:local |session )?lock_timeout\\b");
    private static final Pattern DROP_TABLE = Pattern.compile("^drop table (?:if exists )?(" + Identifiers.QNAME + ")");
    private static final Pattern PLAIN_CREATE_INDEX = Pattern.compile("^create (?:unique )?index (?!concurrently )"
            + "(?:if not exists )?(?:" + Identifiers.IDENT + " )?on (?:only )?(" + Identifiers.QNAME + ")");
    private static final Pattern CREATE_TRIGGER = Pattern.compile(
            "^create (?:or replace )?(?:constraint )?trigger .*? on (" + Identifiers.QNAME + ")");
    private static final Pattern CREATE_TABLE = Pattern.compile("^create (?:unlogged )?table ");
    private static final Pattern REFERENCES = Pattern.compile(" references (" + Identifiers.QNAME + ")");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Problem> check(ParsedMigration migration, List<ParsedMigration> earlier) {
        for (Statement statement : migration.statements()) {
            if (SET_LOCK_TIMEOUT.matcher(statement.sql()).find()) {
                return List.of();
            }
            Optional<String> locked = lockedExistingTable(migration, statement);
            if (locked.isPresent()) {
                return List.of(migration.problem(statement, ID, "locks existing table " + locked.get()
                        + " without a lock timeout: while it waits for the lock behind a long transaction, every "
                        + "query on the table waits behind it. Start the migration with "
                        + "SET LOCAL lock_timeout = '5s' (LOCAL, so that it ends with the migration's transaction)"));
            }
        }
        return List.of();
    }

    private static Optional<String> lockedExistingTable(ParsedMigration migration, Statement statement) {
        String sql = statement.sql();
        List<String> tables = new ArrayList<>();
        AlterTable.postgres(statement).ifPresent(alter -> tables.add(alter.table()));
        for (Pattern p : List.of(DROP_TABLE, PLAIN_CREATE_INDEX, CREATE_TRIGGER)) {
            Matcher m = p.matcher(sql);
            if (m.find()) {
                tables.add(Identifiers.objectName(m.group(1)));
            }
        }
        if (CREATE_TABLE.matcher(sql).find()) {
            Matcher m = REFERENCES.matcher(sql);
            while (m.find()) {
                tables.add(Identifiers.objectName(m.group(1)));
            }
        }
        return tables.stream().filter(table -> !migration.creates(table)).findFirst();
    }
}
